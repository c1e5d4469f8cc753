// tasmota-webserial-esptool (an independent Web Serial flasher, used unchanged) against the ROM emulator:
// in-process through our Web Serial shim with DTR/RTS reset, and over a real pseudo-terminal with serialport.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { VirtualBoard } from "../../host-tools/sim/board.ts";
import { NodeSerialLink, type SerialLink } from "../../host-tools/device/rom/serial-link.ts";
import { WebSerialShim } from "../../host-tools/device/rom/web-serial-shim.ts";
import { Command } from "../../host-tools/sim/rom/rom-protocol.ts";
import { EmulatedEsp32 } from "../../host-tools/sim/rom/emulated-esp32.ts";
import { BoardLink } from "./support/board-link.ts";
import { PtyRom } from "./support/pty-rom.ts";
import { tempFlashFile } from "./support/raw-rom.ts";
import { loadTasmotaEsptool, type TasmotaLoader } from "./support/tasmota-esptool.ts";

const { ESPLoader, CHIP_FAMILY_ESP32 } = await loadTasmotaEsptool();

const MAC = Buffer.from([0x24, 0x0a, 0xc4, 0x12, 0x34, 0x56]);
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

interface Tasmota {
  loader: TasmotaLoader;
  log: string[];
  port: WebSerialShim;
}

/** The library as a web page uses it: a Web Serial port opened at 115200, then `new ESPLoader(port, logger)`. */
async function tasmotaOn(link: SerialLink): Promise<Tasmota> {
  const log: string[] = [];
  const port = new WebSerialShim(link, (line) => log.push(`[port] ${line}`));
  await port.open({ baudRate: 115200 });
  const line = (level: string) => (msg: unknown, ...rest: unknown[]) => log.push(`[${level}] ${[msg, ...rest].join(" ")}`);
  const logger = { log: line("log"), error: line("error"), debug: line("debug") };
  const loader = new ESPLoader(port as unknown as ConstructorParameters<typeof ESPLoader>[0], logger);
  // Closing the port ends the library's read loop. (Its disconnect() is not idempotent: a second call waits
  // forever for a "disconnect" event from a reader already released, so tests call it at most once.)
  cleanups.push(() => port.close());
  return { loader, log, port };
}

/** A compressible but not trivial "application image". */
function sampleImage(size: number): Buffer {
  const image = Buffer.alloc(size);
  const noise = randomBytes(size / 4);
  for (let i = 0; i < size; i++) image[i] = i % 4 === 0 ? noise[i >> 2] : (i >> 6) & 0xff;
  image[0] = 0xe9;
  return image;
}

const md5 = (data: Uint8Array) => createHash("md5").update(data).digest("hex");

/** SPI_FLASH_MD5 through the library's own command path; the stub answers 16 raw bytes, the ROM 32 hex chars. */
async function chipMd5(loader: TasmotaLoader, address: number, size: number): Promise<string> {
  const args = Buffer.alloc(16);
  args.writeUInt32LE(address, 0);
  args.writeUInt32LE(size, 4);
  const [, data] = await loader.checkCommand(Command.SPI_FLASH_MD5, [...args]);
  const bytes = Buffer.from(data);
  return loader.IS_STUB ? bytes.toString("hex") : bytes.toString("latin1");
}

function macText(bytes: number[]): string {
  return bytes.map((b) => b.toString(16).padStart(2, "0")).join(":");
}

describe("tasmota-webserial-esptool against the ROM emulator, in-process", () => {
  it("resets into download mode, detects the ESP32 and MAC, runs its stub, changes baud, writes, verifies, reads back", async () => {
    const flashFile = tempFlashFile();
    const chip = new EmulatedEsp32({ flashFile, mac: MAC }); // running its app until reset
    cleanups.push(() => chip.dispose());
    const { loader, log } = await tasmotaOn(chip);

    await loader.initialize();
    // Its "Classic" reset sets DTR and RTS one at a time, passing through DTR=RTS=1 (EN released): only EN's RC
    // delay (reset-circuit.ts) makes that a download-mode boot, as on a real DevKit.
    expect(log).toContain("[log] Connected successfully with Classic reset.");
    expect(chip.boots[0]).toBe("download");
    expect(loader.chipName).toBe("ESP32");
    expect(loader.chipFamily).toBe(CHIP_FAMILY_ESP32);
    expect(macText(loader.macAddr())).toBe("24:0a:c4:12:34:56");

    const stub = await loader.runStub();
    expect(stub.IS_STUB).toBe(true);
    expect(chip.rom.mode).toBe("stub");
    expect(stub.flashSize).toBe("4MB");

    await stub.setBaudrate(921600);
    expect(chip.rom.baud).toBe(921600);

    const image = sampleImage(48_000);
    const progress: number[] = [];
    await stub.flashData(image.buffer.slice(image.byteOffset, image.byteOffset + image.length), (w: number) => progress.push(w), 0x10000, true);
    expect(progress.at(-1)).toBe(image.length);
    expect(log.some((l) => /Compressed Size/.test(l))).toBe(true);
    expect(readFileSync(flashFile).subarray(0x10000, 0x10000 + image.length).equals(image)).toBe(true);
    expect(await chipMd5(stub, 0x10000, image.length)).toBe(md5(image));

    const back = await stub.readFlash(0x10000, image.length);
    expect(Buffer.from(back).equals(image)).toBe(true);
  });

  it("writes through the ROM loader alone (no stub), plain then compressed", async () => {
    const flashFile = tempFlashFile();
    const chip = new EmulatedEsp32({ flashFile, mac: MAC, startInDownloadMode: true });
    cleanups.push(() => chip.dispose());
    const { loader } = await tasmotaOn(chip);
    await loader.initialize();
    expect(loader.IS_STUB).toBe(false);

    // Plain first: the library sends SPI_ATTACH only from flashBegin, and the ESP32 ROM needs the flash
    // attached before any flash command (its compressed path alone is refused, see the next test).
    const table = sampleImage(3072);
    await loader.flashData(table.buffer.slice(table.byteOffset, table.byteOffset + table.length), () => {}, 0x8000, false);
    expect(await chipMd5(loader, 0x8000, table.length)).toBe(md5(table));

    const app = sampleImage(20_000);
    await loader.flashData(app.buffer.slice(app.byteOffset, app.byteOffset + app.length), () => {}, 0x20000, true);
    expect(await chipMd5(loader, 0x20000, app.length)).toBe(md5(app));

    const flash = readFileSync(flashFile);
    expect(flash.subarray(0x8000, 0x8000 + table.length).equals(table)).toBe(true);
    expect(flash.subarray(0x20000, 0x20000 + app.length).equals(app)).toBe(true);
    expect(chip.rom.mode).toBe("rom"); // no FLASH_END from the library in ROM mode: the loader stays

    await expect(loader.readFlash(0, 16)).rejects.toThrow(/only supported in stub mode/);
  });

  it("a compressed ROM write before any SPI_ATTACH is refused by the ROM (failed to act), not half-written", async () => {
    const flashFile = tempFlashFile();
    const chip = new EmulatedEsp32({ flashFile, mac: MAC, startInDownloadMode: true });
    cleanups.push(() => chip.dispose());
    const { loader } = await tasmotaOn(chip);
    await loader.initialize();
    const app = sampleImage(4096);
    await expect(
      loader.flashData(app.buffer.slice(app.byteOffset, app.byteOffset + app.length), () => {}, 0x20000, true),
    ).rejects.toThrow(/error code 0x06/);
    expect(chip.rom.flash.read(0x20000, 16).equals(Buffer.alloc(16, 0xff))).toBe(true);
  });
});

describe("tasmota-webserial-esptool against the ROM emulator over a pseudo-terminal", () => {
  it("syncs without DTR/RTS, runs its stub, reopens the port at a new baud rate, writes and reads back", async () => {
    const flashFile = tempFlashFile();
    const pty = new PtyRom(flashFile);
    cleanups.push(() => pty.close());
    const { loader, log } = await tasmotaOn(new NodeSerialLink(pty.path));

    await loader.initialize();
    expect(log.some((l) => /no DTR\/RTS/.test(l))).toBe(true);
    expect(loader.chipName).toBe("ESP32");
    expect(macText(loader.macAddr())).toBe(macText([...pty.rom.mac]));

    const stub = await loader.runStub();
    await stub.setBaudrate(460800);
    const image = sampleImage(24_000);
    await stub.flashData(image.buffer.slice(image.byteOffset, image.byteOffset + image.length), () => {}, 0x30000, true);
    expect(pty.rom.flash.read(0x30000, image.length).equals(image)).toBe(true);
    expect(await chipMd5(stub, 0x30000, image.length)).toBe(md5(image));
    expect(Buffer.from(await stub.readFlash(0x30000, image.length)).equals(image)).toBe(true);
  });
});

describe("tasmota-webserial-esptool inside the VirtualBoard", () => {
  it("flashes through the board's console after board.enterDownloadMode()", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "espnode-tasmota-board-"));
    const board = await VirtualBoard.start({ stateDir });
    cleanups.push(() => board.close());
    board.enterDownloadMode();
    const { loader } = await tasmotaOn(new BoardLink(board));
    await loader.initialize();
    expect(loader.chipName).toBe("ESP32");
    const stub = await loader.runStub();
    const image = sampleImage(16_000);
    await stub.flashData(image.buffer.slice(image.byteOffset, image.byteOffset + image.length), () => {}, 0x10000, true);
    expect(await chipMd5(stub, 0x10000, image.length)).toBe(md5(image));
    expect(Buffer.from(await stub.readFlash(0x10000, image.length)).equals(image)).toBe(true);
    await loader.disconnect();
    expect(loader.connected).toBe(false);
    expect(readFileSync(join(stateDir, "flash.bin")).subarray(0x10000, 0x10000 + image.length).equals(image)).toBe(true);
  });
});
