// The reference interpreter: Espruino's own Linux build (built from the public firmware source outside this
// repository), named by $ESPNODE_REFERENCE_ESPRUINO. Tests that need it skip without it, as Mosquitto's do.
// Behind socat it has a console on a real pseudo-terminal, the way a USB adapter presents a board.
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";

export const REFERENCE_ESPRUINO = process.env.ESPNODE_REFERENCE_ESPRUINO;
export const HAVE_SOCAT = spawnSync("socat", ["-V"], { stdio: "ignore" }).status === 0;

export interface ReferenceBoard {
  /** The pty a host tool opens (like /dev/ttyUSB0). */
  pty: string;
  /** Where the interpreter keeps its flash file (its Storage). */
  dir: string;
  /** True while the interpreter process runs (an assert in the Linux build exits it). */
  alive(): boolean;
  stop(): Promise<void>;
}

/** Starts the reference interpreter on a fresh flash behind a pty; resolves once the pty exists. */
export async function startReferenceBoard(binary = REFERENCE_ESPRUINO): Promise<ReferenceBoard> {
  if (!binary) throw new Error("ESPNODE_REFERENCE_ESPRUINO is not set");
  const dir = await mkdtemp(join(tmpdir(), "espnode-reference-"));
  const pty = join(dir, "console");
  const child: ChildProcess = spawn("socat", [`PTY,link=${pty},raw,echo=0`, `EXEC:${binary},pty,raw,echo=0`], {
    cwd: dir, // espruino.flash (Storage) lands here
    stdio: "ignore",
  });
  let running = true;
  child.on("exit", () => (running = false));
  const deadline = Date.now() + 5000;
  while (!existsSync(pty)) {
    if (!running || Date.now() > deadline) throw new Error(`socat did not create ${pty}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  return {
    pty,
    dir,
    alive: () => running,
    async stop() {
      if (running) {
        // The interpreter is socat's child and ignores SIGTERM (its own handler): kill it by its PID first, or it
        // outlives socat and spins on the closed pty.
        const interpreters = spawnSync("pgrep", ["-P", String(child.pid)], { encoding: "utf8" }).stdout.split("\n").filter(Boolean);
        for (const pid of interpreters) {
          try {
            process.kill(Number(pid), "SIGKILL");
          } catch {
            // already gone
          }
        }
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await exited;
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
