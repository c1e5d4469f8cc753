// The flasher stub inside the ROM emulator: packet by packet, then driven by esptool-js's own ESPLoader.main()
// (which uploads its bundled ESP32 stub) in-process, over a real pseudo-terminal, and inside the VirtualBoard.
import { createHash, randomBytes } from "node:crypto";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { NodeSerialLink } from "../../host-tools/device/rom/serial-link.ts";
import { VirtualBoard } from "../../host-tools/sim/board.ts";
import { EmulatedEsp32 } from "../../host-tools/sim/rom/emulated-esp32.ts";
import { Command, StubCommand, StubError } from "../../host-tools/sim/rom/rom-protocol.ts";
import { BoardLink } from "./support/board-link.ts";
import { esptoolJs, writeCompressed } from "./support/esptool-js.ts";
import { PtyRom } from "./support/pty-rom.ts";
import { dataPacket, RawRom, tempFlashFile, u32 } from "./support/raw-rom.ts";

const SYNC = Buffer.concat([Buffer.from([7, 7, 0x12, 0x20]), Buffer.alloc(32, 0x55)]);
const TEXT_START = 0x400a8000; // where esptool-js 0.7 loads its ESP32 stub
const DATA_START = 0x3ffded6c;
const ENTRY = 0x400a902c;

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

function rawRom(opts?: ConstructorParameters<typeof RawRom>[1]): RawRom {
  const r = new RawRom(tempFlashFile(), opts);
  cleanups.push(() => r.rom.close());
  return r;
}

async function upload(r: RawRom, address: number, code: Buffer): Promise<void> {
  const block = 0x1800;
  const blocks = Math.ceil(code.length / block);
  expect((await r.one(Command.MEM_BEGIN, u32(code.length, blocks, block, address))).status).toBe(0);
  for (let seq = 0; seq < blocks; seq++) {
    const p = dataPacket(code.subarray(seq * block, (seq + 1) * block), seq);
    expect((await r.one(Command.MEM_DATA, p.data, p.chk)).status).toBe(0);
  }
}

/** Upload something shaped like esptool's stub (code in IRAM, data in DRAM) and jump into it. */
async function startStub(r: RawRom): Promise<void> {
  await upload(r, TEXT_START, randomBytes(6456));
  await upload(r, DATA_START, randomBytes(212));
  expect((await r.one(Command.MEM_END, u32(0, ENTRY))).statusLength).toBe(4); // still the ROM answering
}

/** Fill part of the flash with non-0xFF bytes, as a previous firmware would have. */
function oldData(r: RawRom, address: number, length: number): void {
  r.rom.flash.program(address, Buffer.alloc(length, 0x3c));
}

function sampleImage(size: number): Buffer {
  const image = Buffer.alloc(size);
  const noise = randomBytes(size);
  for (let i = 0; i < size; i++) image[i] = i % 3 === 0 ? noise[i] : (i >> 8) & 0xff;
  image[0] = 0xe9;
  return image;
}

const md5 = (b: Uint8Array) => createHash("md5").update(b).digest("hex");

describe("flasher stub in the emulator: protocol", () => {
  it("greets with OHAI after a stub-shaped upload, then answers SYNC eight times with value 0 and 2 status bytes", async () => {
    const r = rawRom();
    await startStub(r);
    expect(r.frames.map((f) => f.toString("latin1"))).toEqual(["OHAI"]);
    expect(r.rom.mode).toBe("stub");
    const replies = await r.request(Command.SYNC, SYNC);
    expect(replies).toHaveLength(8);
    for (const reply of replies) expect(reply).toMatchObject({ op: Command.SYNC, value: 0, status: 0, statusLength: 2 });
    expect((await r.one(Command.READ_REG, u32(0x40001000))).value).toBe(0x00f01d83);
  });

  it("stays silent after code that is not shaped like a stub, or on a chip where the stub never talks", async () => {
    const tiny = rawRom();
    await upload(tiny, 0x40090000, Buffer.alloc(64, 1)); // too small to be a flasher
    await tiny.one(Command.MEM_END, u32(0, 0x40090000));
    const outside = rawRom();
    await upload(outside, 0x3f400000, Buffer.alloc(4096, 1)); // flash-mapped, not internal RAM
    await outside.one(Command.MEM_END, u32(0, 0x3f400000));
    const hung = rawRom({ runsFlasherStub: false });
    await startStub(hung);
    for (const r of [tiny, outside, hung]) {
      expect(r.frames).toHaveLength(0);
      expect(r.rom.mode).toBe("quiet");
      expect(r.exits).toEqual(["run-ram-code"]);
      expect(await r.request(Command.SYNC, SYNC)).toHaveLength(0);
    }
  });

  it("answers what it does not implement with 0xFF for that command, and takes only the 4-byte SPI_ATTACH", async () => {
    const r = rawRom();
    await startStub(r);
    expect(await r.one(Command.GET_SECURITY_INFO)).toMatchObject({ op: Command.GET_SECURITY_INFO, status: 1, error: StubError.CMD_NOT_IMPLEMENTED });
    expect(await r.one(Command.SPI_ATTACH, u32(0, 0))).toMatchObject({ status: 1, error: StubError.BAD_DATA_LEN });
    expect(await r.one(Command.SPI_ATTACH, u32(0))).toMatchObject({ status: 0 });
  });

  it("erases lazily as data arrives, checks data checksums but not sequence numbers, and stays after FLASH_END 1", async () => {
    const r = rawRom();
    oldData(r, 0x20000, 0x3000);
    await startStub(r);
    const image = sampleImage(0x1800); // covers sector 0x20000 and half of 0x21000
    const compressed = deflateSync(image);
    const blockSize = 512;
    const blocks = Math.ceil(compressed.length / blockSize);
    expect((await r.one(Command.FLASH_DEFL_BEGIN, u32(image.length, blocks, blockSize, 0x20000))).status).toBe(0);
    expect(r.rom.flash.read(0x20000, 4).equals(Buffer.alloc(4, 0x3c))).toBe(true); // nothing erased yet
    const first = dataPacket(compressed.subarray(0, blockSize), 0);
    expect(await r.one(Command.FLASH_DEFL_DATA, first.data, first.chk ^ 1)).toMatchObject({ status: 1, error: StubError.BAD_DATA_CHECKSUM });
    for (let seq = 0; seq < blocks; seq++) {
      const p = dataPacket(compressed.subarray(seq * blockSize, (seq + 1) * blockSize), seq + 40);
      expect((await r.one(Command.FLASH_DEFL_DATA, p.data, p.chk)).status).toBe(0);
    }
    expect((await r.one(Command.FLASH_DEFL_END, u32(1))).status).toBe(0);
    expect(r.rom.mode).toBe("stub");
    const flash = r.rom.flash;
    expect(flash.read(0x20000, image.length).equals(image)).toBe(true);
    expect(flash.read(0x21800, 0x800).equals(Buffer.alloc(0x800, 0xff))).toBe(true); // rest of the last sector
    expect(flash.read(0x22000, 0x1000).equals(Buffer.alloc(0x1000, 0x3c))).toBe(true); // next sector untouched
  });

  it("acknowledges a corrupt compressed block, then reports the inflate error with the next packet", async () => {
    const r = rawRom();
    await startStub(r);
    await r.one(Command.FLASH_DEFL_BEGIN, u32(0x1000, 2, 1024, 0x30000));
    const junk = dataPacket(Buffer.from("definitely not zlib data, definitely not"), 0);
    expect((await r.one(Command.FLASH_DEFL_DATA, junk.data, junk.chk)).status).toBe(0);
    const next = dataPacket(Buffer.alloc(16, 7), 1);
    expect(await r.one(Command.FLASH_DEFL_DATA, next.data, next.chk)).toMatchObject({ status: 1, error: StubError.INFLATE_ERROR });
    expect(await r.one(Command.FLASH_DEFL_END, u32(1))).toMatchObject({ status: 1, error: StubError.NOT_ENOUGH_DATA });
  });

  it("sends MD5 as 16 raw bytes, erases sector-aligned regions, and streams READ_FLASH with acks and a final MD5", async () => {
    const r = rawRom();
    const content = sampleImage(10_000);
    r.rom.flash.program(0x40000, content);
    await startStub(r);
    const digest = await r.one(Command.SPI_FLASH_MD5, u32(0x40000, content.length, 0, 0));
    expect(digest.data.toString("hex")).toBe(md5(content));

    r.frames.length = 0;
    expect((await r.one(StubCommand.READ_FLASH, u32(0x40000, content.length, 0x1000, 64))).status).toBe(0);
    expect(r.frames).toHaveLength(1); // one packet in flight until the host acknowledges it
    let received = Buffer.alloc(0);
    while (received.length < content.length) {
      const packet = r.frames.shift()!;
      received = Buffer.concat([received, packet]);
      await r.frame(u32(received.length));
    }
    expect(received.equals(content)).toBe(true);
    expect(r.frames.map((f) => f.toString("hex"))).toEqual([md5(content)]);
    expect((await r.one(Command.READ_REG, u32(0x40001000))).value).toBe(0x00f01d83); // back to commands

    expect(await r.one(StubCommand.ERASE_REGION, u32(0x40800, 0x1000))).toMatchObject({ status: 1, error: StubError.BAD_DATA_LEN });
    expect((await r.one(StubCommand.ERASE_REGION, u32(0x40000, 0x2000))).status).toBe(0);
    expect(r.rom.flash.read(0x40000, 0x2000).equals(Buffer.alloc(0x2000, 0xff))).toBe(true);
    expect(r.rom.flash.read(0x42000, 16).equals(content.subarray(0x2000, 0x2010))).toBe(true);
    expect((await r.one(StubCommand.ERASE_FLASH)).status).toBe(0);
    expect(r.rom.flash.read(0x42000, 16).equals(Buffer.alloc(16, 0xff))).toBe(true);
  });

  it("changes baud after answering at the old rate; FLASH_END 0 reboots and RUN_USER_CODE leaves without an answer", async () => {
    const r = rawRom();
    await startStub(r);
    await r.one(Command.CHANGE_BAUDRATE, u32(921600, 115200));
    expect(r.events.slice(-2)).toEqual(["tx", "baud"]);
    expect(r.rom.baud).toBe(921600);
    await r.one(Command.FLASH_BEGIN, u32(0, 0, 0x4000, 0));
    expect((await r.one(Command.FLASH_END, u32(0))).status).toBe(0);
    expect(r.exits).toEqual(["reboot"]);
    expect(r.rom.mode).toBe("quiet");

    const other = rawRom();
    await startStub(other);
    expect(await other.request(StubCommand.RUN_USER_CODE)).toHaveLength(0);
    expect(other.exits).toEqual(["run-user-code"]);
  });
});

describe("esptool-js ESPLoader.main() with its bundled ESP32 stub", () => {
  it("in-process: DTR/RTS reset, stub at 921600, compressed write with MD5 check, read back, chip erase", async () => {
    const chip = new EmulatedEsp32({ flashFile: tempFlashFile() });
    cleanups.push(() => chip.dispose());
    const tool = esptoolJs(chip, 921600);
    cleanups.push(() => tool.close());
    expect(await tool.loader.main("default_reset")).toBe("ESP32-D0WD-V3 (revision 3)");
    expect(tool.loader.IS_STUB).toBe(true);
    expect(tool.log).toContain("Stub running...");
    expect(chip.rom.mode).toBe("stub");
    expect(chip.rom.baud).toBe(921600);

    const image = sampleImage(100_000);
    await writeCompressed(tool.loader, 0x10000, image);
    expect(tool.log).toContain("Hash of data verified.");
    expect(readFileSync(chip.rom.flash.path).subarray(0x10000, 0x10000 + image.length).equals(image)).toBe(true);
    const back = await tool.loader.readFlash(0x10000 + 5000, 20_000);
    expect(Buffer.from(back).equals(image.subarray(5000, 25_000))).toBe(true);
    await tool.loader.eraseFlash();
    expect(chip.rom.flash.read(0x10000, image.length).equals(Buffer.alloc(image.length, 0xff))).toBe(true);
  });

  it("over a real pseudo-terminal with the serialport package", async () => {
    const pty = new PtyRom(tempFlashFile());
    cleanups.push(() => pty.close());
    const tool = esptoolJs(new NodeSerialLink(pty.path), 460800);
    cleanups.push(() => tool.close());
    await tool.loader.main("no_reset");
    expect(tool.loader.IS_STUB).toBe(true);
    const image = sampleImage(40_000);
    await writeCompressed(tool.loader, 0x20000, image);
    expect(pty.rom.flash.read(0x20000, image.length).equals(image)).toBe(true);
    const back = await tool.loader.readFlash(0x20000, 8192);
    expect(Buffer.from(back).equals(image.subarray(0, 8192))).toBe(true);
    await tool.loader.eraseFlash();
    expect(pty.rom.flash.read(0x20000, 64).equals(Buffer.alloc(64, 0xff))).toBe(true);
  });

  it("inside the VirtualBoard after board.enterDownloadMode()", async () => {
    const stateDir = mkdtempSync(join(tmpdir(), "espnode-stub-board-"));
    const board = await VirtualBoard.start({ stateDir });
    cleanups.push(() => board.close());
    board.enterDownloadMode();
    const tool = esptoolJs(new BoardLink(board), 460800);
    cleanups.push(() => tool.close());
    await tool.loader.main("no_reset");
    expect(tool.loader.IS_STUB).toBe(true);
    const image = sampleImage(30_000);
    await writeCompressed(tool.loader, 0x10000, image);
    const back = await tool.loader.readFlash(0x10000, image.length);
    expect(Buffer.from(back).equals(image)).toBe(true);
    expect(readFileSync(join(stateDir, "flash.bin")).subarray(0x10000, 0x10000 + image.length).equals(image)).toBe(true);
  });
});
