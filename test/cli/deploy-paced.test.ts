// `espnode deploy` of the real built app to a board whose console is paced like a 115200-baud UART, through the
// sim's pseudo-terminal: the 2048-byte receive FIFO overflows unless the host honours XON/XOFF and the packet
// ACKs, so a CRC-verified upload with no FIFO_FULL shows the flow control works with either upload method.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { crc32 } from "node:zlib";
import { runCli, startSim, waitForConsole, type SimUnderTest } from "./support/sim.ts";
import { BOOT_POINTER } from "../../host-tools/commands/deploy.ts";
import { RX_FIFO_BYTES } from "../../host-tools/sim/board.ts";
import { buildFirmware, DEVICE_ENTRIES } from "../../firmware/build/build.ts";

const BAUD = 115200;
const NOT_PROVISIONED = /espnode: not provisioned/;

let sim: SimUnderTest;
let pty: string;
let dir: string;
let app: Buffer;
let appPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "espnode-deploy-paced-"));
  // The same build as `npm run build`, app only (what `espnode deploy` uploads by default).
  const built = await buildFirmware({ outDir: join(dir, "dist"), entries: DEVICE_ENTRIES.filter((e) => e.name === "app.js") });
  appPath = built.files.find((f) => f.name === "app.js")!.path;
  app = await readFile(appPath);
  sim = await startSim({ baud: BAUD });
  pty = await sim.board.openPty();
}, 60_000);

afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function deployAndCheck(method: "packet" | "lines") {
  sim.clearConsole();
  // --force: the second method must upload even though the board already holds the same app.
  const r = await runCli(["deploy", appPath, "--port", pty, "--method", method, "--force", "--json"], { timeoutMs: 60_000 });
  expect(r.stderr).not.toMatch(/error:/i);
  expect(r.code).toBe(0);
  const result = JSON.parse(r.stdout);
  expect(result).toMatchObject({ ok: true, skipped: false, method, bytes: app.length });
  expect(result.crc).toBe(crc32(app).toString(16).padStart(8, "0"));
  // The board's copy is byte for byte the built app, and the pointer names that slot.
  expect(Buffer.from(sim.board.storage.read(result.slot)!, "latin1").equals(app)).toBe(true);
  expect(sim.board.storage.read(BOOT_POINTER)).toBe(result.slot);
  // The app restarted and runs: without espnode.cfg it says so on the console.
  await waitForConsole(sim, NOT_PROVISIONED, 15_000);
  expect(sim.console()).not.toContain("FIFO_FULL");
  return result;
}

describe(`espnode deploy at a paced ${BAUD} baud over a pty`, () => {
  it("the built app is bigger than the board's receive FIFO (so pacing matters)", () => {
    expect(app.length).toBeGreaterThan(4 * RX_FIFO_BYTES);
  });

  it("uploads with the packet protocol: CRC verified, nothing lost, the app boots", { timeout: 90_000 }, async () => {
    const result = await deployAndCheck("packet");
    // It cannot have gone faster than the wire allows: the board really was paced.
    expect(result.bytesPerSecond).toBeLessThanOrEqual(BAUD / 10);
  });

  it("uploads with the echo-off lines fallback: CRC verified, nothing lost, the app boots", { timeout: 90_000 }, async () => {
    const result = await deployAndCheck("lines");
    expect(result.bytesPerSecond).toBeLessThanOrEqual(BAUD / 10);
    // echo off: the upload's own lines never came back on the console
    expect(sim.console()).not.toContain("atob(");
  });

  it("the board's interpreter saw no input overflow during either upload", async () => {
    sim.clearConsole();
    const r = await runCli(["deploy", appPath, "--port", pty, "--json"], { timeoutMs: 30_000 });
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, skipped: true });
    sim.board.port.write("\x10print('flags:'+JSON.stringify(E.getErrorFlags()))\r");
    await waitForConsole(sim, /flags:\[[^\]]*\]/);
    expect(/flags:(\[[^\]]*\])/.exec(sim.console())![1]).toBe("[]");
  });
});
