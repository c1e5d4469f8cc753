// `espnode run FILE`: like `mpremote run`, the program goes to the board's RAM (flash is never written), then the
// console is streamed until the program is idle (its top-level code has run and no timer is left), the caller
// stops it, or the duration ends. An uncaught error makes the run fail.
import { readFile } from "node:fs/promises";
import { EspnodeError } from "../transport/errors.ts";
import { openBoard, type PortOptions } from "./connect.ts";
import { DLE } from "../device/espruino/repl.ts";

export interface RunOptions extends PortOptions {
  /** A .js file, or a .ts entry that is built first. */
  file: string;
  durationMs?: number;
  signal?: AbortSignal;
  /** How often the board is asked whether timers are left. */
  idlePollMs?: number;
  /** Console output of the program, as it arrives (our own marker lines removed). */
  onOutput: (text: string) => void;
  onStep?: (message: string) => void;
}

export interface RunResult {
  /** How the run ended. */
  ended: "idle" | "duration" | "stopped";
  /** The first uncaught error the board printed, if any. */
  uncaught?: string;
  seconds: number;
  bytes: number;
}

/** A marker the program's own output cannot contain: built on the board from two halves, never sent whole. */
const MARK = "\u0001espnode-run";
const markerExpr = (what: string) => `"\\x01"+"espnode-run ${what}"`;
/** Timers still pending on the board; -1 where the interpreter does not expose its hidden root. */
const TIMERS_EXPR = `(function(h){return h&&h.timers?Object.keys(h.timers).length:-1})(global["\\xff"])`;
/** Where timers cannot be counted, this much quiet after the top-level code counts as idle. */
const QUIET_MS = 3000;

async function programText(file: string, step: (m: string) => void): Promise<string> {
  if (/\.[cm]?tsx?$/.test(file)) {
    step(`building ${file}`);
    const { build } = await import("./build.ts");
    const { mkdtemp, rm } = await import("node:fs/promises");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const out = await mkdtemp(join(tmpdir(), "espnode-run-"));
    try {
      const r = await build({ entries: [file], outDir: out });
      return await readFile(r.files[0]!.path, "latin1");
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }
  try {
    return await readFile(file, "latin1");
  } catch (e) {
    throw new EspnodeError("usage", `Cannot read ${file}: ${(e as Error).message}.`, "Check the path.");
  }
}

export async function runProgram(opts: RunOptions): Promise<RunResult> {
  const step = opts.onStep ?? (() => {});
  const code = await programText(opts.file, step);
  const board = await openBoard(opts);
  const started = Date.now();
  let uncaught: string | undefined;
  let topLevelDone = false;
  let lastOutput = Date.now();
  let pending = "";
  let recent = "";
  let resolveTimers: ((n: number) => void) | undefined;
  // Split what the board prints into our markers (hidden) and the program's output (shown as it comes).
  const onText = (text: string) => {
    pending += text;
    let out = "";
    for (;;) {
      const i = pending.indexOf(MARK);
      if (i < 0) break;
      const end = pending.indexOf("\n", i);
      if (end < 0) break;
      const line = pending.slice(i + MARK.length + 1, end).trim();
      out += pending.slice(0, i);
      pending = pending.slice(end + 1);
      if (line === "done") topLevelDone = true;
      else if (line.startsWith("timers ")) resolveTimers?.(Number(line.slice(7)));
    }
    // Keep back what could be the start of a marker; show the rest.
    const keep = pending.lastIndexOf("\u0001");
    out += keep >= 0 ? pending.slice(0, keep) : pending;
    pending = keep >= 0 ? pending.slice(keep) : "";
    if (!out) return;
    lastOutput = Date.now();
    // Output arrives in chunks of any size: look for a whole "Uncaught …" line in what came recently.
    recent = (recent + out).slice(-1000);
    const m = /Uncaught [^\r\n]*(?=\r?\n)/.exec(recent);
    if (m && uncaught === undefined) uncaught = m[0];
    opts.onOutput(out);
  };
  board.console.taps.push(onText);
  const askTimers = async (): Promise<number> => {
    const answer = new Promise<number>((resolve) => (resolveTimers = resolve));
    await board.repl.sendLine(`print(${markerExpr("timers ")}+${TIMERS_EXPR})`);
    const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(-2), 5000));
    return Promise.race([answer, timeout]);
  };
  try {
    step(`sending ${code.length} bytes to the board's RAM`);
    // Every line echo-off (DLE first), as EspruinoTools sends code; the REPL runs each statement as it completes.
    const lines = code.replace(/\r\n?/g, "\n").split("\n");
    await board.console.write(lines.map((l) => DLE + l).join("\n") + "\n");
    await board.repl.sendLine(`print(${markerExpr("done")})`);
    const stop = new Promise<"stopped" | "duration">((resolve) => {
      if (opts.durationMs !== undefined) setTimeout(() => resolve("duration"), opts.durationMs).unref();
      opts.signal?.addEventListener("abort", () => resolve("stopped"), { once: true });
      if (opts.signal?.aborted) resolve("stopped");
    });
    let finished = false;
    const idle = (async (): Promise<"idle"> => {
      for (;;) {
        await new Promise((r) => setTimeout(r, opts.idlePollMs ?? 1000));
        if (finished) return "idle";
        if (!topLevelDone) continue;
        const timers = await askTimers();
        if (timers === 0) return "idle";
        if (timers === -1 && Date.now() - lastOutput > QUIET_MS) return "idle";
      }
    })();
    const ended = await Promise.race([stop, idle]);
    finished = true;
    return { ended, uncaught, seconds: (Date.now() - started) / 1000, bytes: code.length };
  } finally {
    board.console.taps.splice(board.console.taps.indexOf(onText), 1);
    await board.close();
  }
}
