// `espnode dev [ENTRY]`: the edit-run loop. Build, deploy atomically (identical code is skipped), restart, and show
// the console; on every save under the entry's folder, again. A build that fails is reported and nothing is sent,
// so the board keeps running its last good app. One connection to the board for the whole session.
import { watch, type FSWatcher } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { isEspnodeError } from "../transport/errors.ts";
import { openBoard, type PortOptions } from "./connect.ts";
import { deploy } from "./deploy.ts";

export interface DevOptions extends PortOptions {
  /** Entry file (default: the project's entry from package.json). */
  entry?: string;
  cwd?: string;
  signal?: AbortSignal;
  /** Wait this long after the last change before building (editors save in several writes). */
  debounceMs?: number;
  onOutput: (text: string) => void;
  onStep?: (message: string) => void;
  /** A build or deploy failed: the message and where (file:line:column lines for a build). */
  onProblem?: (message: string) => void;
  /** A round finished: deployed (or skipped as unchanged) with this many bytes. */
  onDeployed?: (info: { bytes: number; skipped: boolean; round: number }) => void;
}

export interface DevSummary {
  rounds: number;
  deployed: number;
  failedBuilds: number;
}

export async function devLoop(opts: DevOptions): Promise<DevSummary> {
  const step = opts.onStep ?? (() => {});
  const problem = opts.onProblem ?? (() => {});
  const cwd = resolve(opts.cwd ?? process.cwd());
  const { build, projectEntry } = await import("./build.ts");
  const entry = resolve(cwd, opts.entry ?? (await projectEntry(cwd)));
  const outDir = await mkdtemp(join(tmpdir(), "espnode-dev-"));
  const board = await openBoard(opts);
  const summary: DevSummary = { rounds: 0, deployed: 0, failedBuilds: 0 };
  board.console.taps.push(opts.onOutput);
  let watcher: FSWatcher | undefined;
  try {
    let again = false;
    let busy = false;
    let timer: NodeJS.Timeout | undefined;
    const round = async () => {
      if (busy) {
        again = true; // a save during a round: one more round after it
        return;
      }
      busy = true;
      summary.rounds++;
      try {
        step(`building ${entry}`);
        let file: string;
        try {
          file = (await build({ entries: [entry], outDir, cwd })).files[0]!.path;
        } catch (e) {
          summary.failedBuilds++;
          problem(`${(e as Error).message}\nThe board keeps running its last good app.`);
          return;
        }
        const r = await deploy({ board, file, onStep: step });
        if (!r.skipped) summary.deployed++;
        opts.onDeployed?.({ bytes: r.bytes, skipped: r.skipped, round: summary.rounds });
      } catch (e) {
        if (!isEspnodeError(e) || e.kind === "port") throw e;
        problem(e.message);
      } finally {
        busy = false;
        if (again) {
          again = false;
          void round().catch(fail);
        }
      }
    };
    let fail: (e: unknown) => void = () => {};
    const failed = new Promise<never>((_, reject) => (fail = reject));
    const stopped = new Promise<void>((resolvePromise) => {
      if (opts.signal?.aborted) resolvePromise();
      opts.signal?.addEventListener("abort", () => resolvePromise(), { once: true });
    });
    await round();
    watcher = watch(dirname(entry), { recursive: true }, (_event, name) => {
      if (name && /(^|\/)(node_modules|dist)(\/|$)/.test(String(name))) return;
      clearTimeout(timer);
      timer = setTimeout(() => void round().catch(fail), opts.debounceMs ?? 200);
    });
    step(`watching ${dirname(entry)} (Ctrl-C to stop)`);
    await Promise.race([stopped, failed]);
    clearTimeout(timer);
    return summary;
  } finally {
    watcher?.close();
    board.console.taps.splice(board.console.taps.indexOf(opts.onOutput), 1);
    await board.close();
    await rm(outDir, { recursive: true, force: true });
  }
}
