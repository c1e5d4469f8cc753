// `espnode deploy` end to end: the CLI over a real pseudo-terminal to the virtual board, plus the atomicity
// check done in-process (cut the board's power in the middle of an upload).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, startSim, waitForConsole, type SimUnderTest } from "./support/sim.ts";
import { deploy, BOOT_POINTER } from "../../host-tools/commands/deploy.ts";
import { InProcessTransport } from "../../host-tools/transport/in-process-transport.ts";

let sim: SimUnderTest;
let pty: string;
let dir: string;
const app = (name: string, pad = 0) => `print("app ${name} running");\n` + (pad ? `var pad=${JSON.stringify("x".repeat(pad))};\n` : "");

beforeAll(async () => {
  sim = await startSim();
  pty = await sim.board.openPty();
  dir = await mkdtemp(join(tmpdir(), "espnode-deploy-"));
  await writeFile(join(dir, "v1.js"), app("v1"));
  await writeFile(join(dir, "v2.js"), app("v2", 20_000));
});
afterAll(async () => {
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("espnode deploy", () => {
  it("uploads with the packet protocol, verifies, switches and restarts; then skips identical code", async () => {
    const r = await runCli(["deploy", join(dir, "v1.js"), "--port", pty, "--json"]);
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ ok: true, skipped: false, method: "packet", bytes: app("v1").length });
    expect(result.bytesPerSecond).toBeGreaterThan(0);
    await waitForConsole(sim, /app v1 running/);
    expect(sim.board.storage.read(BOOT_POINTER)).toBe(result.slot);

    const again = await runCli(["deploy", join(dir, "v1.js"), "--port", pty, "--json"]);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, skipped: true });
  });

  it("falls back to echo-off Storage.write lines and the result is identical", async () => {
    sim.clearConsole();
    const r = await runCli(["deploy", join(dir, "v2.js"), "--port", pty, "--method", "lines", "--json"]);
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result).toMatchObject({ ok: true, skipped: false, method: "lines" });
    expect(sim.board.storage.read(result.slot)).toBe(app("v2", 20_000));
    await waitForConsole(sim, /app v2 running/);
    // Echo-off lines: the board never echoed the upload.
    expect(sim.console()).not.toContain("atob(");
  });

  it("leaves the old app booting when the upload is cut off, and the next deploy succeeds", async () => {
    const transport = new InProcessTransport(sim.board.port);
    const big = Buffer.from(app("v3", 30_000));
    const before = sim.board.storage.read(BOOT_POINTER);
    let cut = false;
    await expect(
      deploy({
        transport,
        data: big,
        onProgress: (done, total) => {
          if (!cut && done > total / 2) {
            cut = true;
            sim.board.powerCut();
          }
        },
      }),
    ).rejects.toThrow();
    await transport.close();
    expect(cut).toBe(true);
    expect(sim.board.storage.read(BOOT_POINTER)).toBe(before);
    sim.clearConsole();
    sim.board.reset();
    await waitForConsole(sim, /app v2 running/);
    expect(sim.console()).not.toContain("app v3 running");

    const ok = await deploy({ transport: new InProcessTransport(sim.board.port), data: big });
    expect(ok.skipped).toBe(false);
    await waitForConsole(sim, /app v3 running/);
  });

  it("boots the slot written last when a power cut took the pointer file", async () => {
    const slot = sim.board.storage.read(BOOT_POINTER)!;
    sim.board.port.write(`\x10require("Storage").erase(${JSON.stringify(BOOT_POINTER)})\r`);
    const end = Date.now() + 5000;
    while (sim.board.storage.read(BOOT_POINTER) !== undefined && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
    expect(sim.board.storage.read(BOOT_POINTER)).toBeUndefined();
    sim.clearConsole();
    sim.board.reset();
    await waitForConsole(sim, /app v3 running/);
    expect(sim.console()).not.toContain("no app deployed");
    expect(slot).toMatch(/^espnode\.app\.[ab]$/);
  });

  it("says what to do when the port does not exist or is not a board", async () => {
    const missing = await runCli(["deploy", join(dir, "v1.js"), "--port", "/dev/ttyDOESNOTEXIST"]);
    expect(missing.code).toBe(3);
    expect(missing.stderr).toMatch(/No serial port at \/dev\/ttyDOESNOTEXIST[\s\S]*espnode list/);
    const noFile = await runCli(["deploy", join(dir, "nope.js"), "--port", pty]);
    expect(noFile.code).toBe(2);
    expect(noFile.stderr).toMatch(/no such file/);
  });
});
