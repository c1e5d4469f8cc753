// No command hangs on a board that stops cooperating: a board that stops taking bytes mid-upload ends `espnode deploy`
// with exit 4, a one-line reason naming the step and what the board boots now, and the old app really still boots;
// an XOFF whose XON is lost on the wire costs a short pause, not the upload.
import { afterEach, describe, expect, it } from "vitest";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { runCli, sleep, startSim, waitForConsole, type SimUnderTest } from "./support/sim.ts";
import { APP_SLOTS, BOOT_POINTER } from "../../host-tools/commands/deploy.ts";
import { EspruinoConsole, XOFF_RESUME_MS } from "../../host-tools/device/espruino/console.ts";
import { SerialTransport } from "../../host-tools/transport/serial-transport.ts";

const OLD_APP = 'print("old app running");';
/** Big enough that the upload takes many packets (the stall lands inside it). */
const NEW_APP = 'print("new app running");\n' + "var filler = [\n" + '  "0123456789abcdef0123456789abcdef",\n'.repeat(600) + "];\n";

let sim: SimUnderTest | undefined;

afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

describe.each([
  { model: "an ESP32 (its receive FIFO fills, then bytes are lost)", consoleBlocks: false },
  { model: "Espruino's Linux build behind a pty (the pty is not read at all)", consoleBlocks: true },
])("deploy to a board whose console stalls mid-upload, modelled as $model", ({ consoleBlocks }) => {
  it("exits 4 with the step and the board's state, and the old app still boots", { timeout: 60_000 }, async () => {
    sim = await startSim({ baud: 115200, app: OLD_APP, consoleBlocks });
    const board = sim.board;
    const pty = await board.openPty();
    const active = board.storage.read(BOOT_POINTER);
    expect(APP_SLOTS).toContain(active);
    const started = Date.now();
    let stalled = false;
    const appPath = join(sim.stateDir, "new-app.js");
    writeFileSync(appPath, NEW_APP);
    const r = await runCli(["deploy", appPath, "--port", pty, "--json"], {
      timeoutMs: 45_000,
      onStderr: (text) => {
        if (!stalled && /uploading \d+ bytes to espnode\.app\./.test(text)) {
          stalled = true;
          board.stallConsole();
        }
      },
    });
    const seconds = (Date.now() - started) / 1000;
    expect(stalled).toBe(true);
    expect(r.code).toBe(4);
    const result = JSON.parse(r.stdout);
    expect(result.ok).toBe(false);
    expect(result.error.kind).toBe("device");
    expect(result.error.message).toMatch(new RegExp(`during the upload of espnode\\.app\\.[ab]; the old app \\(${active!.replace(".", "\\.")}\\) is still the one that boots\\.$`));
    // well inside the deadlines (2 s for a lost XON, 3 s per packet ACK, 10 s for a write), not the test's 45 s
    expect(seconds).toBeLessThan(30);
    expect(board.storage.read(BOOT_POINTER)).toBe(active);
    // Power comes back after the user presses RESET: the old app boots.
    sim.clearConsole();
    board.reset();
    await waitForConsole(sim, /old app running/, 15_000);
    expect(sim.console()).not.toContain("new app running");
  });
});

describe("an XOFF whose XON is lost on the wire", () => {
  it("pauses for the resume deadline, then sends the rest: nothing lost, no hang", { timeout: 60_000 }, async () => {
    sim = await startSim({ baud: 115200 });
    const board = sim.board;
    const transport = await SerialTransport.open({ path: await board.openPty(), baud: 115200 });
    const console = new EspruinoConsole(transport);
    try {
      board.loseXon(true);
      // The interpreter is busy for 400 ms: the first 2000 bytes fill its FIFO past 3/4 and it sends XOFF; the
      // XON it sends once it has caught up never arrives.
      board.stallConsole();
      setTimeout(() => board.resumeConsole(), 400);
      const marker = "x".repeat(3000);
      const line = Buffer.from(`\x10var seen=${JSON.stringify(marker)}.length;print("got "+seen)\n`, "latin1");
      const xoffAt = Date.now();
      await console.write(line.subarray(0, 2000));
      await sleep(600);
      const resumedAt = Date.now();
      await console.write(line.subarray(2000));
      // held until the resume deadline after the XOFF, not forever
      expect(console.lostXons).toBe(1);
      expect(Date.now() - xoffAt).toBeGreaterThanOrEqual(XOFF_RESUME_MS - 200);
      expect(Date.now() - resumedAt).toBeLessThan(XOFF_RESUME_MS + 3000);
      await console.waitFor(/got 3000/, 10_000);
      expect(sim.console()).not.toContain("FIFO_FULL");
    } finally {
      console.detach();
      await transport.close();
    }
  });
});
