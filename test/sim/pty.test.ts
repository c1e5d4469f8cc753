// The virtual board's console on a real pseudo-terminal opened with the serialport package (what the CLI uses),
// on its TCP console with the EspruinoTools `espruino` CLI, and download mode (ROM bootloader) on the same port.
import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SerialPort } from "serialport";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConsoleRecorder, startBoard, sleep, type TestBoard } from "./support/sim-console.ts";

const ESPRUINO_CLI = resolve(import.meta.dirname, "../../node_modules/.bin/espruino");

let t: TestBoard;
let path: string;
let serial: SerialPort;
let out: ConsoleRecorder;
let scratch: string;

function packet(type: number, data: Buffer | string): Buffer {
  const body = typeof data === "string" ? Buffer.from(data, "latin1") : data;
  const header = type | body.length;
  return Buffer.concat([Buffer.from([0x10, 0x01, header >> 8, header & 0xff]), body]);
}

function runEspruinoCli(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolvePromise) => {
    execFile(ESPRUINO_CLI, ["--no-ble", ...args], { timeout: 40_000 }, (err, stdout, stderr) => {
      resolvePromise({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), "espnode-sim-pty-"));
  t = await startBoard();
  path = await t.board.openPty();
  serial = new SerialPort({ path, baudRate: 115200 });
  await new Promise<void>((r, j) => {
    serial.once("open", () => r());
    serial.once("error", j);
  });
  out = new ConsoleRecorder(serial);
});

afterAll(async () => {
  if (serial?.isOpen) await new Promise<void>((r) => serial.close(() => r()));
  await t?.close();
  await rm(scratch, { recursive: true, force: true });
});

async function typeOverPty(line: string, until = /\r\n>$/): Promise<string> {
  serial.write(line + "\r");
  return out.waitFor(until);
}

describe("console over a pseudo-terminal", () => {
  it("shows the boot banner and the prompt after a reset", async () => {
    t.board.reset();
    const boot = await out.waitFor(/http:\/\/espruino\.com\/Donate\r\n\r\n>$/);
    expect(boot).toContain("|_| espruino.com");
  });

  it("evaluates, echoes, and honours DLE, Ctrl-C and Ctrl-E", async () => {
    expect(await typeOverPty("1+2")).toBe("1+2\r\n=3\r\n>");
    serial.write("\x10var viaPty = 5\r");
    await sleep(100);
    expect(out.since()).toBe("");
    serial.write("while(1){}\r");
    await sleep(100);
    serial.write("\x03");
    expect(await out.waitFor(/Execution Interrupted\r\n>$/)).toContain("Execution Interrupted");
    serial.write("\x05");
    expect(await out.waitFor(/Espruino 2v29 ESP32\r\n/)).toContain("Espruino 2v29 ESP32");
    expect(await typeOverPty("viaPty")).toContain("=5");
  });

  it("passes binary packets untouched (every byte value, CR/LF, XON/XOFF, Ctrl-C)", async () => {
    const content = Buffer.alloc(512);
    for (let i = 0; i < content.length; i++) content[i] = i & 0xff;
    serial.write(packet(0x6000, JSON.stringify({ fn: "all-bytes.bin", s: content.length })));
    expect(await out.waitFor(/[\x06\x15]/)).toBe("\x06");
    serial.write(packet(0x8000, content));
    expect(await out.waitFor(/[\x06\x15]/)).toBe("\x06");
    expect(Buffer.from(t.board.storage.read("all-bytes.bin")!, "latin1").equals(content)).toBe(true);
    serial.write(packet(0xa000, JSON.stringify({ fn: "all-bytes.bin" })));
    const back = await out.waitFor(/\x10\x01\x80\x00$/);
    const data = back.slice(1 + 4, 1 + 4 + 512);
    expect(Buffer.from(data, "latin1").equals(content)).toBe(true);
  });
});

describe("EspruinoTools CLI (node_modules/.bin/espruino)", () => {
  it("cannot open a pty: it only opens ports that udev lists (serialport.list()), so it reports 'not found'", async () => {
    const run = await runEspruinoCli(["-p", path, "-e", "1+2"]);
    expect(run.stderr + run.stdout).toMatch(/Port .* not found/);
  }, 45_000);

  it("evaluates and uploads code over the board's TCP console, unchanged", async () => {
    const { port } = await t.board.openTcpConsole();
    const evalRun = await runEspruinoCli(["-p", `tcp://127.0.0.1:${port}`, "-e", "print('sum is', 20+22)"]);
    expect(evalRun.stdout).toContain("sum is 42");
    const app = join(scratch, "app.js");
    await writeFile(app, "var uploadedCounter = 0;\nfunction bump() { uploadedCounter++; }\nsetInterval(bump, 20);\nprint('app loaded');\n");
    const upload = await runEspruinoCli(["-p", `tcp://127.0.0.1:${port}`, app]);
    expect(upload.stdout).toContain("app loaded");
    expect(upload.stdout).toContain("Upload Complete");
    out.since();
    expect(await typeOverPty("uploadedCounter > 0 && typeof bump")).toContain('="function"');
  }, 90_000);
});

describe("download mode", () => {
  it("routes the console to the ROM bootloader, and reset() boots Espruino again", async () => {
    t.board.enterDownloadMode();
    expect(await out.waitFor(/waiting for download\r\n/)).toContain("DOWNLOAD_BOOT");
    const sync = Buffer.concat([Buffer.from([0x07, 0x07, 0x12, 0x20]), Buffer.alloc(32, 0x55)]);
    const frame = Buffer.concat([Buffer.from([0xc0, 0x00, 0x08, sync.length, 0x00, 0, 0, 0, 0]), sync, Buffer.from([0xc0])]);
    serial.write(frame);
    expect(await out.waitFor(/\xc0\x01\x08/)).toContain("\xc0\x01\x08");
    t.board.reset();
    await out.waitFor(/Donate\r\n\r\n>$/);
    expect(await typeOverPty("2+2")).toContain("=4");
  });
});
