// Test helpers: a virtual board in a temporary state directory, and the espnode CLI run as a child process.
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { VirtualBoard } from "../../../host-tools/sim/board.ts";
import { RUNTIME_DIR_ENV } from "../../../host-tools/transport/virtual-board-registry.ts";
import { InProcessTransport } from "../../../host-tools/transport/in-process-transport.ts";
import { deploy } from "../../../host-tools/commands/deploy.ts";

export const TEST_AP = { ssid: "test-ap", password: "test-ap-password" };
const BIN = resolve(import.meta.dirname, "../../../host-tools/bin/espnode.js");

export interface SimUnderTest {
  board: VirtualBoard;
  stateDir: string;
  /** Everything the board has sent on its console since start (what a user's terminal would show). */
  console(): string;
  clearConsole(): void;
  close(): Promise<void>;
}

/** A virtual board in a temporary state directory; `app`: JavaScript deployed (in-process) and running before it returns. */
export async function startSim(opts: { baud?: number; app?: string; consoleBlocks?: boolean; seed?: number } = {}): Promise<SimUnderTest> {
  const stateDir = await mkdtemp(join(tmpdir(), "espnode-sim-test-"));
  // The seed also makes the board's MAC address (24:0a:c4 + seed): boards with different seeds are told apart.
  const board = await VirtualBoard.start({ stateDir, baud: opts.baud ?? 0, wifi: TEST_AP, seed: opts.seed ?? 1, consoleBlocks: opts.consoleBlocks });
  if (opts.app !== undefined) {
    const transport = new InProcessTransport(board.port);
    await deploy({ transport, data: Buffer.from(opts.app) });
    await transport.close();
  }
  let seen = "";
  board.port.on("data", (b: Buffer) => {
    seen += b.toString("latin1");
  });
  return {
    board,
    stateDir,
    console: () => seen,
    clearConsole: () => {
      seen = "";
    },
    async close() {
      await board.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}

// Commands run by tests must not find a developer's running `espnode sim`, nor the sims other test files start:
// by default they look for virtual boards in a directory that holds none (a test passes its own to see its sim).
const NO_VIRTUAL_BOARDS = join(tmpdir(), `espnode-test-no-virtual-boards-${process.pid}`);

export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function runCli(args: string[], opts: { env?: NodeJS.ProcessEnv; timeoutMs?: number; cwd?: string; uid?: number; gid?: number; onStderr?: (s: string, child: ChildProcess) => void; onStdout?: (s: string, child: ChildProcess) => void } = {}): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: opts.cwd ?? resolve(import.meta.dirname, "../../.."),
      uid: opts.uid,
      gid: opts.gid,
      env: { ...process.env, NO_COLOR: "1", [RUNTIME_DIR_ENV]: NO_VIRTUAL_BOARDS, ...opts.env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 25_000);
    child.stdout.on("data", (d) => {
      stdout += d;
      opts.onStdout?.(stdout, child);
    });
    child.stderr.on("data", (d) => {
      stderr += d;
      opts.onStderr?.(stderr, child);
    });
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolvePromise({ code, stdout, stderr });
    });
  });
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until the board's console shows text matching re. */
export async function waitForConsole(sim: SimUnderTest, re: RegExp, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!re.test(sim.console())) {
    if (Date.now() > deadline) throw new Error(`board never printed ${re}; console:\n${sim.console().slice(-2000)}`);
    await sleep(50);
  }
}
