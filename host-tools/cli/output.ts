// How the CLI talks: with --json the machine-readable result goes to stdout and everything human to stderr;
// colour and progress bars only on a TTY; --quiet keeps only errors, --verbose adds detail.
import pc from "picocolors";
import { isEspnodeError } from "../transport/errors.ts";
import { exitCodeFor, ExitCode } from "./exit-codes.ts";

export interface OutputOptions {
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export interface ProgressBar {
  update(done: number, total: number): void;
  stop(): void;
}

export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  readonly colour: boolean;
  readonly interactive: boolean;
  private readonly c: ReturnType<typeof pc.createColors>;

  constructor(opts: OutputOptions, private readonly stdout = process.stdout, private readonly stderr = process.stderr) {
    this.json = !!opts.json;
    this.quiet = !!opts.quiet;
    this.verbose = !!opts.verbose && !opts.quiet;
    this.interactive = !!stderr.isTTY && !process.env.CI;
    this.colour = this.interactive && !process.env.NO_COLOR;
    this.c = pc.createColors(this.colour);
  }

  get colors(): ReturnType<typeof pc.createColors> {
    return this.c;
  }

  /** A progress line for humans (stderr). */
  step(message: string): void {
    if (!this.quiet) this.stderr.write(`${this.c.dim("•")} ${message}\n`);
  }

  detail(message: string): void {
    if (this.verbose) this.stderr.write(this.c.dim(`  ${message}\n`));
  }

  warn(message: string): void {
    if (!this.quiet) this.stderr.write(`${this.c.yellow("warning:")} ${message}\n`);
  }

  /** The human result: stdout normally, stderr under --json (stdout then belongs to the JSON). */
  say(message: string): void {
    if (this.quiet) return;
    (this.json ? this.stderr : this.stdout).write(message + "\n");
  }

  success(message: string): void {
    this.say(`${this.c.green("✔")} ${message}`);
  }

  /** The machine-readable result (only under --json). */
  result(value: unknown): void {
    if (this.json) this.stdout.write(JSON.stringify(value) + "\n");
  }

  /** One NDJSON line (monitor). */
  ndjson(value: unknown): void {
    this.stdout.write(JSON.stringify(value) + "\n");
  }

  /** Raw text to stdout (monitor's live view). */
  write(text: string): void {
    this.stdout.write(text);
  }

  /** A progress bar on a TTY (not under --json/--quiet); a no-op otherwise. */
  async progress(label: string): Promise<ProgressBar> {
    if (!this.interactive || this.quiet) return { update() {}, stop() {} };
    const { SingleBar, Presets } = await import("cli-progress");
    const bar = new SingleBar(
      {
        format: `${label} [{bar}] {percentage}% {value}/{total} B {speed}`,
        stream: this.stderr,
        hideCursor: true,
        clearOnComplete: false,
      },
      Presets.shades_classic,
    );
    let started = 0;
    const t0 = performance.now();
    return {
      update: (done, total) => {
        if (!started) {
          bar.start(total, 0, { speed: "" });
          started = 1;
        }
        const s = (performance.now() - t0) / 1000;
        bar.setTotal(total);
        bar.update(done, { speed: s > 0.2 ? `${Math.round(done / s)} B/s` : "" });
      },
      stop: () => {
        if (started) bar.stop();
      },
    };
  }

  /** Reports a failure (what happened, what to do next) and returns the exit code. */
  fail(e: unknown): number {
    if (isEspnodeError(e)) {
      this.stderr.write(`${this.c.red("error:")} ${e.message}\n`);
      if (e.hint) this.stderr.write(`${this.c.dim("next:")} ${e.hint}\n`);
      if (this.json) this.result({ ok: false, error: { kind: e.kind, message: e.message, hint: e.hint } });
      return exitCodeFor(e.kind);
    }
    const err = e as Error;
    this.stderr.write(`${this.c.red("error:")} ${err?.message ?? String(e)}\n`);
    if (this.verbose && err?.stack) this.stderr.write(this.c.dim(err.stack) + "\n");
    if (this.json) this.result({ ok: false, error: { kind: "failure", message: err?.message ?? String(e) } });
    return ExitCode.FAILURE;
  }
}
