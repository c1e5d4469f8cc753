// Many `espnode deploy` runs under the conditions that once hung one: an app printing a telemetry record every
// 10 ms while the upload runs, the host slowed by a busy core, and a board whose console output blocks its input:
// the virtual board at 115200 baud with XON/XOFF (consoleBlocks, as Espruino's Linux build behind a pty), or that
// Linux build itself behind socat ($ESPNODE_REFERENCE_ESPRUINO). Each run must end, in success or a clear error,
// before its deadline; a run still going then is a hang. Used by the suite (a few runs) and `npm run bench` (≥ 100).
import { spawn } from "node:child_process";
import { writeFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, startSim } from "./sim.ts";
import { startReferenceBoard } from "../../helpers/reference-espruino.ts";

export interface StressResult {
  runs: number;
  succeeded: number;
  /** Runs that ended with a clear error: the exit code and the JSON error message. */
  failures: { code: number | null; message: string }[];
  /** Runs still going at the deadline (killed). */
  hangs: number;
  meanSeconds: number;
  maxSeconds: number;
  /** Bytes of the app uploaded per run. */
  appBytes: number;
  /** Reference only: the interpreter process died (the Linux build's own asserts) and was restarted. */
  restarts: number;
}

export type StressTarget = "sim" | "reference";

interface Target {
  pty: string;
  /** Makes sure a board is there to deploy to (the reference may have exited). */
  ready(): Promise<void>;
  close(): Promise<void>;
}

async function openTarget(kind: StressTarget, result: StressResult): Promise<Target> {
  if (kind === "sim") {
    const sim = await startSim({ baud: 115200, consoleBlocks: true, app: noisyApp(256, 0) });
    return { pty: await sim.board.openPty(), ready: async () => {}, close: () => sim.close() };
  }
  let board = await startReferenceBoard();
  const target: Target = {
    pty: board.pty,
    async ready() {
      if (board.alive()) return;
      result.restarts++;
      await board.stop();
      board = await startReferenceBoard();
      target.pty = board.pty;
    },
    close: () => board.stop(),
  };
  return target;
}

/** An app that prints a telemetry-style record every 10 ms, padded to about `bytes` so the upload takes a while. */
export function noisyApp(bytes: number, variant: number): string {
  let s =
    `var n=0;setInterval(function(){print('@tlm {"seq":'+(n++)+',"v":${variant},"up":'+Math.round(getTime())+'}');},10);\n` +
    "var pad=[];\n";
  let i = 0;
  while (s.length < bytes - 48) s += `pad.push("${variant}-${(i++).toString(36).padStart(5, "0")}-abcdefghijabcdefghijabcdefghij");\n`;
  return s;
}

/** Keeps one core busy in another process until stopped (the host is "a machine busy with other work"). */
function busyCore(): () => void {
  const child = spawn(process.execPath, ["-e", "for(;;){}"], { stdio: "ignore" });
  return () => child.kill("SIGKILL");
}

export async function deployStress(opts: {
  runs: number;
  appBytes: number;
  deadlineMs: number;
  target?: StressTarget;
}): Promise<StressResult> {
  const result: StressResult = { runs: opts.runs, succeeded: 0, failures: [], hangs: 0, meanSeconds: 0, maxSeconds: 0, appBytes: 0, restarts: 0 };
  const appDir = await mkdtemp(join(tmpdir(), "espnode-stress-apps-"));
  const target = await openTarget(opts.target ?? "sim", result);
  const stopBusy = busyCore();
  let total = 0;
  try {
    const apps = [1, 2].map((variant) => {
      const path = join(appDir, `noisy-${variant}.js`);
      const text = noisyApp(opts.appBytes, variant);
      writeFileSync(path, text);
      result.appBytes = text.length;
      return path;
    });
    for (let i = 0; i < opts.runs; i++) {
      await target.ready();
      const started = Date.now();
      const r = await runCli(["deploy", apps[i % 2]!, "--port", target.pty, "--json", "--force"], { timeoutMs: opts.deadlineMs });
      const seconds = (Date.now() - started) / 1000;
      total += seconds;
      result.maxSeconds = Math.max(result.maxSeconds, seconds);
      if (r.code === 0) result.succeeded++;
      else if (r.code === null) result.hangs++;
      else {
        let message = r.stderr.trim().split("\n")[0] ?? "";
        try {
          message = JSON.parse(r.stdout).error.message;
        } catch {
          // not JSON: keep the first stderr line
        }
        result.failures.push({ code: r.code, message });
      }
    }
  } finally {
    stopBusy();
    await target.close();
    await rm(appDir, { recursive: true, force: true });
  }
  result.meanSeconds = total / opts.runs;
  return result;
}
