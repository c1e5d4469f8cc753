// The real CLI with stderr on a pseudo-terminal and stdout redirected to a file (as `espnode monitor > capture.txt`
// from a terminal): the file must hold plain appendable lines, while the terminal still gets colour and spinners.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import * as nodePty from "node-pty";
import { startSim, type SimUnderTest } from "./support/sim.ts";
import { fakeEspruinoRelease } from "../rom/support/fake-firmware.ts";
import { PtyRom } from "../rom/support/pty-rom.ts";
import { tempFlashFile } from "../rom/support/raw-rom.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const ESPNODE = `${JSON.stringify(process.execPath)} host-tools/bin/espnode.js`;
const ESC = "\x1b";
const COLOURED_STEP = `${ESC}[2m•${ESC}[22m`;

// A record every 100 ms and a log line now and then.
const TELEMETRY_APP = `
var seq = 0;
setInterval(function () {
  seq++;
  print("@tlm " + JSON.stringify({ seq: seq, up: seq, rssi: -50, mem: 1000, temp: 20 + seq % 7 }));
  if (seq % 5 === 0) print("log: sensor read " + seq);
}, 100);
`;

/** Runs a shell command line on a fresh pseudo-terminal, as a user's terminal would; returns what the terminal showed. */
function runOnTerminal(commandLine: string, timeoutMs: number): Promise<{ code: number; terminal: string }> {
  const env: Record<string, string> = { ...(process.env as Record<string, string>), TERM: "xterm-256color" };
  // The test runner may be in CI or have NO_COLOR set; the user at this terminal has neither.
  for (const name of ["CI", "NO_COLOR", "FORCE_COLOR"]) delete env[name];
  return new Promise((resolvePromise, reject) => {
    const term = nodePty.spawn("bash", ["-c", commandLine], { cols: 120, rows: 40, cwd: ROOT, env });
    let terminal = "";
    term.onData((d) => (terminal += d));
    const timer = setTimeout(() => {
      term.kill("SIGKILL");
      reject(new Error(`\`${commandLine}\` did not finish in ${timeoutMs} ms; terminal so far:\n${terminal.slice(-2000)}`));
    }, timeoutMs);
    term.onExit(({ exitCode }) => {
      clearTimeout(timer);
      resolvePromise({ code: exitCode, terminal });
    });
  });
}

let sim: SimUnderTest;
let pty: string;
let dir: string;

beforeAll(async () => {
  sim = await startSim({ app: TELEMETRY_APP });
  dir = await mkdtemp(join(tmpdir(), "espnode-tty-"));
  pty = await sim.board.openPty();
});
afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("output on a terminal vs. redirected", () => {
  it("monitor > file: the file has no escape codes; the terminal (stderr) keeps its colour", async () => {
    const file = join(dir, "monitor.out");
    const r = await runOnTerminal(`${ESPNODE} monitor --port ${pty} --duration 2 > ${file}`, 20_000);
    expect(r.code, r.terminal).toBe(0);
    const captured = await readFile(file, "utf8");
    expect(captured).toMatch(/▸ seq \d+ {2}up \d+ {2}rssi -50/);
    expect(captured).toMatch(/ {3}log: sensor read \d+\n/);
    expect(captured).not.toContain(ESC);
    expect(r.terminal).toContain(`${COLOURED_STEP} monitoring ${pty}`);
    expect(r.terminal).toMatch(/records \(no gaps\)/);
  });

  it("monitor --plot > file appends the panel as plain lines; on the terminal it redraws in place", async () => {
    const file = join(dir, "plot.out");
    const redirected = await runOnTerminal(`${ESPNODE} monitor --port ${pty} --duration 2 --plot > ${file}`, 20_000);
    expect(redirected.code, redirected.terminal).toBe(0);
    const captured = await readFile(file, "utf8");
    expect(captured.split("\n").filter((l) => /^temp +[▁▂▃▄▅▆▇█]+ +\d+$/.test(l.trimEnd())).length).toBeGreaterThan(1);
    expect(captured).not.toContain(ESC);

    const onTerminal = await runOnTerminal(`${ESPNODE} monitor --port ${pty} --duration 2 --plot`, 20_000);
    expect(onTerminal.code, onTerminal.terminal).toBe(0);
    expect(onTerminal.terminal).toMatch(/\x1b\[\d+A\x1b\[J/); // cursor up over the old panel, erase below
  });

  it("demo > file: plain live lines in the file; a spinner for the firmware build on the terminal", { timeout: 90_000 }, async () => {
    const file = join(dir, "demo.out");
    const r = await runOnTerminal(`${ESPNODE} demo --duration 2 --interval 1 > ${file}`, 80_000);
    expect(r.code, r.terminal).toBe(0);
    const captured = await readFile(file, "utf8");
    expect(captured).toMatch(/ mqtt espnode\/demo-1\/status online\n/);
    expect(captured).not.toContain(ESC);
    expect(r.terminal).toMatch(/\r\x1b\[K\x1b\[36m[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]\x1b\[39m building the firmware /);
    expect(r.terminal).toMatch(/\x1b\[32m✔\x1b\[39m firmware built: .*app\.js \d+ bytes/);
    expect(r.terminal).toContain(`${COLOURED_STEP} watching telemetry`);
  });

  it("flash: a spinner while connecting to the bootloader on the terminal, ended with the chip found", async () => {
    const fw = fakeEspruinoRelease(30_000);
    const flashFile = tempFlashFile();
    const rom = new PtyRom(flashFile);
    try {
      const file = join(dir, "flash.out");
      const r = await runOnTerminal(`${ESPNODE} flash --firmware ${fw.dir} --port ${rom.path} --baud 230400 > ${file}`, 30_000);
      expect(r.code, r.terminal).toBe(0);
      expect(r.terminal).toMatch(/\r\x1b\[K\x1b\[36m[⠋⠙⠹⠸⠼⠴⠦⠧⠇⠏]\x1b\[39m Connecting to the ESP32 bootloader on \/dev\/pts\/\d+/);
      expect(r.terminal).toMatch(/\x1b\[32m✔\x1b\[39m Connected: Chip is ESP32/);
      const captured = await readFile(file, "utf8");
      expect(captured).toMatch(/^✔ Flashed bootloader\.bin @0x1000, .* MD5 verified\.\n$/);
    } finally {
      rom.close();
      await rm(dirname(fw.dir), { recursive: true, force: true });
      await rm(dirname(flashFile), { recursive: true, force: true });
    }
  });
});
