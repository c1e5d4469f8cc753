// The failures a user meets at the port, each through the real CLI: it says what happened and what to do next,
// and exits with the documented code (3 = port problem, 4 = board problem) in bounded time.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ChildProcess } from "node:child_process";
import { chmod, mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, startSim, waitForConsole, type CliRun, type SimUnderTest } from "./support/sim.ts";
import { PtyBridge } from "../../host-tools/sim/serial/pty-bridge.ts";
import { ExitCode } from "../../host-tools/cli/exit-codes.ts";
import { openBoard } from "../../host-tools/commands/connect.ts";
import { InProcessTransport } from "../../host-tools/transport/in-process-transport.ts";

let dir: string;
let appPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "espnode-errors-"));
  appPath = join(dir, "app.js");
  await writeFile(appPath, `print("error-paths app");\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("port busy", () => {
  let sim: SimUnderTest;
  let pty: string;
  beforeAll(async () => {
    sim = await startSim();
    pty = await sim.board.openPty();
  });
  afterAll(async () => {
    await sim?.close();
  });

  it("a second espnode on a port another espnode holds says the port is busy and exits 3", { timeout: 60_000 }, async () => {
    // The first espnode (a monitor) opens the pty with serialport's lock and keeps it.
    let holder: ChildProcess | undefined;
    let holding!: () => void;
    const held = new Promise<void>((r) => (holding = r));
    const first = runCli(["monitor", "--port", pty, "--duration", "40"], {
      timeoutMs: 50_000,
      onStderr: (text, child) => {
        holder = child;
        if (text.includes(`monitoring ${pty}`)) holding();
      },
    });
    let firstResult: CliRun | undefined;
    try {
      await Promise.race([held, first.then((r) => Promise.reject(new Error("the first monitor exited: " + r.stderr)))]);
      for (const args of [["deploy", appPath], ["monitor", "--duration", "2"]]) {
        const started = Date.now();
        const r = await runCli([...args, "--port", pty], { timeoutMs: 20_000 });
        expect(r.code).toBe(ExitCode.PORT);
        expect(r.stderr).toContain(`${pty} is busy: another program has it open.`);
        expect(r.stderr).toMatch(/Close the other monitor or terminal/);
        expect(Date.now() - started).toBeLessThan(15_000);
      }
    } finally {
      if (holder?.pid && holder.exitCode === null) process.kill(holder.pid, "SIGINT");
      firstResult = await first;
    }
    // The holder was a working monitor, stopped by us, not a process that failed on its own.
    expect(firstResult.stderr).not.toMatch(/busy/);
    // Once the holder is gone the port is free again.
    const after = await runCli(["deploy", appPath, "--port", pty, "--json"], { timeoutMs: 20_000 });
    expect(after.code).toBe(0);
    await waitForConsole(sim, /error-paths app/);
  });
});

describe("no prompt", () => {
  let silent: PtyBridge;
  const received: Buffer[] = [];
  beforeAll(() => {
    // A real pseudo-terminal with nothing answering on the other end (bytes sent to it are only recorded).
    silent = PtyBridge.open((bytes) => received.push(bytes));
  });
  afterAll(() => silent?.close());

  it("deploy to a port where nothing answers says there is no prompt and what to check, exits 4", async () => {
    const started = Date.now();
    const r = await runCli(["deploy", appPath, "--port", silent.path], { timeoutMs: 25_000 });
    expect(r.code).toBe(ExitCode.DEVICE);
    expect(r.stderr).toContain(`No prompt from the board on ${silent.path}.`);
    expect(r.stderr).toMatch(/runs Espruino[\s\S]*--port is the right port[\s\S]*RESET/);
    expect(r.stderr).not.toMatch(/download mode/);
    // bounded: three REPL attempts and one ROM probe, not a hang
    expect(Date.now() - started).toBeLessThan(20_000);
    // espnode really tried: Ctrl-C and an echo-off line reached the port
    expect(Buffer.concat(received).toString("latin1")).toMatch(/\x03[\s\S]*\x10try\{print/);
  });
});

describe("wrong boot mode", () => {
  let sim: SimUnderTest;
  let pty: string;
  beforeAll(async () => {
    sim = await startSim();
    pty = await sim.board.openPty();
  });
  afterAll(async () => {
    await sim?.close();
  });

  // The board went into download mode before espnode opened the port, so the ROM's banner was never seen:
  // espnode must still find out that the ROM bootloader (not an absent board) is there.
  it.each([
    ["deploy", () => ["deploy", appPath]],
    ["provision", () => ["provision", "--device-id", "dl-1", "--ssid", "ap", "--broker", "mqtt://127.0.0.1:1883"]],
  ])("%s to a board already in download mode says so and how to get out, exits 4", { timeout: 40_000 }, async (_name, args) => {
    sim.board.enterDownloadMode();
    const r = await runCli([...args(), "--port", pty], { timeoutMs: 25_000, env: { ESPNODE_WIFI_PASSWORD: "ap-password" } });
    expect(r.code).toBe(ExitCode.DEVICE);
    expect(r.stderr).toContain(`The board on ${pty} is in download mode (ROM bootloader), not running Espruino.`);
    expect(r.stderr).toMatch(/Press RESET/);
    expect(r.stderr).not.toMatch(/No prompt/);
  });

  it("is recognised by the ROM's answer to a SYNC probe when the banner went out before the port was opened", async () => {
    sim.board.enterDownloadMode();
    await new Promise((r) => setTimeout(r, 200)); // the banner has gone out; this transport never sees it
    const transport = new InProcessTransport(sim.board.port);
    const seen: string[] = [];
    sim.board.port.on("data", (b: Buffer) => seen.push(b.toString("latin1")));
    await expect(openBoard({ transport })).rejects.toMatchObject({ kind: "device", message: expect.stringMatching(/download mode/) });
    await transport.close();
    expect(seen.join("")).not.toMatch(/waiting for download/);
    expect(seen.join("")).toMatch(/\xc0\x01\x08/);
  });

  it("after a reset the same port works again", async () => {
    sim.clearConsole();
    sim.board.reset();
    await sim.board.whenReady();
    const r = await runCli(["deploy", appPath, "--port", pty, "--json"], { timeoutMs: 20_000 });
    expect(r.code).toBe(0);
    await waitForConsole(sim, /error-paths app/);
  });
});

describe("permission denied", () => {
  // As root (CI) every open succeeds, so the CLI runs as the unprivileged user "nobody" there; that needs the
  // checkout to be readable by others, which the probe below finds out.
  const NOBODY = 65534;
  const root = process.getuid?.() === 0;
  const asUser = root ? { uid: NOBODY, gid: NOBODY } : {};

  it("a port the user may not open says to join the dialout group, exits 3", async (ctx) => {
    const open = join(dir, "perm");
    await mkdir(open, { recursive: true });
    await chmod(dir, 0o755);
    await chmod(open, 0o755);
    const app = join(open, "app.js");
    await writeFile(app, `print("perm app");\n`);
    await chmod(app, 0o644);
    if (root) {
      const probe = await runCli(["--help"], { ...asUser, timeoutMs: 20_000 });
      if (probe.code !== 0) ctx.skip(`the CLI cannot run as an unprivileged user from this checkout (its folders are not readable by others): ${probe.stderr.trim().split("\n")[0]}`);
    }
    const locked = join(open, "ttyLOCKED");
    await writeFile(locked, "");
    await chmod(locked, 0o600); // owned by root (or by us): not openable by "nobody" / by us once mode 000
    if (!root) await chmod(locked, 0o000);
    const r = await runCli(["deploy", app, "--port", locked], { ...asUser, timeoutMs: 20_000 });
    expect(r.code).toBe(ExitCode.PORT);
    expect(r.stderr).toContain(`Permission denied opening ${locked}.`);
    expect(r.stderr).toMatch(/dialout/);
  });
});
