// How the CLI talks: with --json the machine-readable result goes to stdout and everything human to stderr;
// --quiet keeps only errors, --verbose adds detail. Colour is decided per stream: text gets colour only when the
// stream it is written to is a terminal, so `espnode monitor > capture.txt` stays plain while the steps on
// stderr keep their colour. Progress bars, spinners and redrawn panels likewise need a live terminal.
import pc from "picocolors";
import { isEspnodeError } from "../transport/errors.ts";
import { exitCodeFor, ExitCode } from "./exit-codes.ts";
import { Spinner } from "./spinner.ts";

export interface OutputOptions {
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export interface ProgressBar {
  update(done: number, total: number): void;
  stop(): void;
}

/** A step that can take seconds: a spinner on a terminal, a plain step line (and its outcome) elsewhere. */
export interface Task {
  /** Shows what the step is doing now (only the spinner shows it). */
  update(text: string): void;
  done(outcome: string): void;
  /** Marks the step failed (the error itself is reported by Output.fail). */
  fail(outcome?: string): void;
}

/** The part of a stream Output needs; process.stdout / process.stderr in the CLI. */
export type OutputStream = Pick<NodeJS.WriteStream, "write"> & { isTTY?: boolean; columns?: number };

type Env = Record<string, string | undefined>;

/** A terminal that can take cursor movement and redraws (not a file, a pipe, a CI log or TERM=dumb). */
export function isLiveTerminal(stream: { isTTY?: boolean }, env: Env = process.env): boolean {
  return !!stream.isTTY && !env.CI && env.TERM !== "dumb";
}

/**
 * Whether text written to this stream gets colour: NO_COLOR (no-color.org) always wins; a non-empty FORCE_COLOR
 * turns it on even for a file or pipe, as picocolors does (except "0"/"false", which turn it off); otherwise only
 * on a live terminal.
 */
export function wantsColour(stream: { isTTY?: boolean }, env: Env = process.env): boolean {
  if (env.NO_COLOR) return false;
  if (env.FORCE_COLOR) return env.FORCE_COLOR !== "0" && env.FORCE_COLOR !== "false";
  return isLiveTerminal(stream, env);
}

export class Output {
  readonly json: boolean;
  readonly quiet: boolean;
  readonly verbose: boolean;
  /** stderr is a live terminal: progress bars and spinners may be drawn there (never under --json/--quiet). */
  readonly interactive: boolean;
  /** The human stream (stdout, or stderr under --json) is a live terminal: the monitor's panel may redraw itself. */
  readonly liveView: boolean;
  /** Colours for text on the human stream: say(), success(), write(). */
  readonly colors: ReturnType<typeof pc.createColors>;
  /** Colours for stderr: step(), detail(), warn(), fail() and anything passed to them. */
  readonly stderrColors: ReturnType<typeof pc.createColors>;
  private readonly humanStream: OutputStream;
  private spinner?: Spinner;

  constructor(
    opts: OutputOptions,
    private readonly stdout: OutputStream = process.stdout,
    private readonly stderr: OutputStream = process.stderr,
    env: Env = process.env,
  ) {
    this.json = !!opts.json;
    this.quiet = !!opts.quiet;
    this.verbose = !!opts.verbose && !opts.quiet;
    this.humanStream = this.json ? stderr : stdout;
    this.interactive = isLiveTerminal(stderr, env) && !this.json && !this.quiet;
    this.liveView = isLiveTerminal(this.humanStream, env);
    this.colors = pc.createColors(wantsColour(this.humanStream, env));
    this.stderrColors = pc.createColors(wantsColour(stderr, env));
  }

  /** A progress line for humans (stderr). */
  step(message: string): void {
    if (!this.quiet) this.toStderr(`${this.stderrColors.dim("•")} ${message}\n`);
  }

  detail(message: string): void {
    if (this.verbose) this.toStderr(this.stderrColors.dim(`  ${message}`) + "\n");
  }

  warn(message: string): void {
    if (!this.quiet) this.toStderr(`${this.stderrColors.yellow("warning:")} ${message}\n`);
  }

  /** The human result: stdout normally, stderr under --json (stdout then belongs to the JSON). */
  say(message: string): void {
    if (!this.quiet) this.write(message + "\n");
  }

  success(message: string): void {
    this.say(`${this.colors.green("✔")} ${message}`);
  }

  /** The machine-readable result (only under --json). */
  result(value: unknown): void {
    if (this.json) this.toStdout(JSON.stringify(value) + "\n");
  }

  /** One NDJSON line (monitor). */
  ndjson(value: unknown): void {
    this.toStdout(JSON.stringify(value) + "\n");
  }

  /** Raw human text (monitor's live view) to the human stream: stdout, or stderr under --json. */
  write(text: string): void {
    if (this.json) this.toStderr(text);
    else this.toStdout(text);
  }

  /** Starts a step that can take seconds; see Task. One at a time: starting another ends this one as done. */
  task(title: string): Task {
    if (!this.interactive) {
      this.step(title);
      return { update() {}, done: (outcome) => this.step(outcome), fail() {} };
    }
    this.spinner?.stop(true);
    const spinner = new Spinner(this.stderr, this.stderrColors, title);
    this.spinner = spinner;
    const end = (ok: boolean, outcome?: string) => {
      if (this.spinner !== spinner) return;
      this.spinner = undefined;
      spinner.stop(ok, outcome);
    };
    return {
      update: (text) => spinner.update(text),
      done: (outcome) => end(true, outcome),
      fail: (outcome) => end(false, outcome),
    };
  }

  /** A progress bar on a TTY (not under --json/--quiet); a no-op otherwise. */
  async progress(label: string): Promise<ProgressBar> {
    if (!this.interactive) return { update() {}, stop() {} };
    const { SingleBar, Presets } = await import("cli-progress");
    const bar = new SingleBar(
      {
        format: `${label} [{bar}] {percentage}% {value}/{total} B {speed}`,
        stream: this.stderr as NodeJS.WriteStream,
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
    if (this.spinner) {
      this.spinner.stop(false);
      this.spinner = undefined;
    }
    const c = this.stderrColors;
    if (isEspnodeError(e)) {
      this.stderr.write(`${c.red("error:")} ${e.message}\n`);
      if (e.hint) this.stderr.write(`${c.dim("next:")} ${e.hint}\n`);
      if (this.json) this.result({ ok: false, error: { kind: e.kind, message: e.message, hint: e.hint } });
      return exitCodeFor(e.kind);
    }
    const err = e as Error;
    this.stderr.write(`${c.red("error:")} ${err?.message ?? String(e)}\n`);
    if (this.verbose && err?.stack) this.stderr.write(c.dim(err.stack) + "\n");
    if (this.json) this.result({ ok: false, error: { kind: "failure", message: err?.message ?? String(e) } });
    return ExitCode.FAILURE;
  }

  // A running spinner owns the current terminal line: erase it before anything else is printed (it redraws itself).
  private toStderr(text: string): void {
    this.spinner?.clear();
    this.stderr.write(text);
  }

  private toStdout(text: string): void {
    this.spinner?.clear();
    this.stdout.write(text);
  }
}
