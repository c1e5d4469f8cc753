// `espnode sim` as a user runs it: prints the pty path first, takes commands on stdin and on its control socket,
// and stops cleanly on SIGTERM.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SerialPort } from "serialport";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sendControlCommand } from "../../host-tools/sim/control/control-server.ts";
import { ConsoleRecorder } from "./support/sim-console.ts";

const BIN = resolve(import.meta.dirname, "../../host-tools/bin/espnode.js");

let stateDir: string;
let child: ChildProcessWithoutNullStreams;
let stdout = "";
let serial: SerialPort | undefined;

async function stdoutLine(re: RegExp, timeoutMs = 15_000): Promise<string> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const line = stdout.split("\n").find((l) => re.test(l));
    if (line) return line;
    if (Date.now() > deadline) throw new Error(`espnode sim never printed ${re}; stdout: ${stdout}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "espnode-sim-cli-"));
  const passwordFile = join(stateDir, "ap-password");
  await writeFile(passwordFile, "from-a-file\n");
  child = spawn(process.execPath, [BIN, "sim", "--state", stateDir, "--baud", "0", "--ssid", "cli-ap", "--wifi-password-file", passwordFile, "--tcp", "0", "--json"], {
    stdio: ["pipe", "pipe", "pipe"],
    // keep this sim out of the user's registry of running virtual boards (and out of other tests' `--port auto`)
    env: { ...process.env, ESPNODE_RUNTIME_DIR: join(stateDir, "registry") },
  });
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
  child.stderr.on("data", (d: Buffer) => (stdout += d.toString("utf8")));
});

afterAll(async () => {
  if (serial?.isOpen) await new Promise<void>((r) => serial!.close(() => r()));
  if (child && child.exitCode === null) {
    child.kill("SIGKILL");
    await new Promise((r) => child.once("exit", r));
  }
  await rm(stateDir, { recursive: true, force: true });
});

describe("espnode sim", () => {
  it("prints the port as its first line and serves the console there", async () => {
    const first = await stdoutLine(/./);
    const info = JSON.parse(first) as { port: string; control: string; tcp: { port: number } };
    expect(info.port).toMatch(/^\/dev\/pts\/\d+$/);
    expect(info.tcp.port).toBeGreaterThan(0);
    expect(info.control).toBe(join(stateDir, "control.sock"));
    expect(existsSync(join(stateDir, "registry", `sim-${child.pid}.json`))).toBe(true);
    serial = new SerialPort({ path: info.port, baudRate: 115200 });
    await new Promise<void>((r, j) => {
      serial!.once("open", () => r());
      serial!.once("error", j);
    });
    const out = new ConsoleRecorder(serial);
    serial.write("1+2\r");
    expect(await out.waitFor(/=3\r\n>/)).toContain("=3");
    // the AP name and password came from the options
    serial.write(`require("Wifi").connect("cli-ap", {password: "from-a-file"}, function(e){ print("wifi:" + e) })\r`);
    expect(await out.waitFor(/wifi:null\r\n/)).toContain("wifi:null");

    child.stdin.write("wifi down\n");
    expect(JSON.parse(await stdoutLine(/access point down/))).toMatchObject({ ok: true });
    expect(await sendControlCommand(info.control, "nonsense")).toMatchObject({ ok: false });
    expect(await sendControlCommand(info.control, "download")).toMatchObject({ ok: true });
    expect(await out.waitFor(/waiting for download/)).toContain("DOWNLOAD_BOOT");
    expect(await sendControlCommand(info.control, "reset")).toMatchObject({ ok: true });
    expect(await out.waitFor(/Donate\r\n\r\n>/)).toContain("espruino.com");
  }, 30_000);

  it("stops cleanly on SIGTERM and removes its control socket", async () => {
    if (serial?.isOpen) await new Promise<void>((r) => serial!.close(() => r()));
    child.kill("SIGTERM");
    const code = await new Promise<number | null>((r) => child.once("exit", (c) => r(c)));
    expect(code).toBe(0);
    expect(existsSync(join(stateDir, "control.sock"))).toBe(false);
    // ...and its entry in the registry of running virtual boards (`espnode list`)
    expect(existsSync(join(stateDir, "registry", `sim-${child.pid}.json`))).toBe(false);
  });
});
