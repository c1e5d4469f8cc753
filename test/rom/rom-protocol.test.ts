// The ROM emulator answers exactly as an ESP32 mask ROM: checked packet by packet.
import { createHash } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { deflateSync } from "node:zlib";
import { afterEach, describe, expect, it } from "vitest";
import { Command, RomError, SYNC_RESPONSE_VALUE } from "../../host-tools/sim/rom/rom-protocol.ts";
import { dataPacket, RawRom, tempFlashFile, u32 } from "./support/raw-rom.ts";

const SYNC = Buffer.concat([Buffer.from([7, 7, 0x12, 0x20]), Buffer.alloc(32, 0x55)]);
const roms: RawRom[] = [];
function newRom(...args: ConstructorParameters<typeof RawRom>): RawRom {
  const r = new RawRom(...args);
  roms.push(r);
  return r;
}
afterEach(() => {
  for (const r of roms.splice(0)) r.rom.close();
});

async function attach(r: RawRom): Promise<void> {
  expect((await r.one(Command.SPI_ATTACH, u32(0, 0))).status).toBe(0);
}

describe("ROM bootloader emulator: protocol", () => {
  it("answers SYNC eight times with the ROM's non-zero value and 4 status bytes", async () => {
    const r = newRom();
    const replies = await r.request(Command.SYNC, SYNC);
    expect(replies).toHaveLength(8);
    for (const reply of replies) {
      expect(reply).toMatchObject({ op: Command.SYNC, value: SYNC_RESPONSE_VALUE, status: 0, error: 0 });
      expect(reply.data.length).toBe(0);
    }
  });

  it("reads the ESP32 chip magic and the eFuse MAC words", async () => {
    const mac = Buffer.from([0x24, 0x0a, 0xc4, 0x12, 0x34, 0x56]);
    const r = newRom(tempFlashFile(), { mac });
    expect((await r.one(Command.READ_REG, u32(0x40001000))).value).toBe(0x00f01d83);
    const word1 = (await r.one(Command.READ_REG, u32(0x3ff5a004))).value;
    const word2 = (await r.one(Command.READ_REG, u32(0x3ff5a008))).value;
    expect(word1).toBe(0xc4123456);
    expect(word2 & 0xffff).toBe(0x240a);
  });

  it("does not know GET_SECURITY_INFO: repeated invalid-message answers that do not echo the command", async () => {
    const r = newRom();
    const replies = await r.request(Command.GET_SECURITY_INFO);
    expect(replies.length).toBeGreaterThan(1);
    for (const reply of replies) {
      expect(reply.op).not.toBe(Command.GET_SECURITY_INFO);
      expect([reply.status, reply.error]).toEqual([1, RomError.INVALID_MESSAGE]);
    }
    // Stub-only commands (ERASE_FLASH 0xD0) are refused the same way.
    expect((await r.request(0xd0)).every((x) => x.error === RomError.INVALID_MESSAGE)).toBe(true);
  });

  it("answers CHANGE_BAUDRATE at the old rate, then switches", async () => {
    const r = newRom();
    await r.one(Command.CHANGE_BAUDRATE, u32(921600, 0));
    expect(r.bauds).toEqual([921600]);
    expect(r.events.slice(-2)).toEqual(["tx", "baud"]);
    expect(r.rom.baud).toBe(921600);
    // The UART divider esptool reads follows the new rate: 40 MHz / 921600 ≈ 43.
    expect((await r.one(Command.READ_REG, u32(0x3ff40014))).value).toBe(43);
  });

  it("refuses flash commands until SPI flash is attached", async () => {
    const r = newRom();
    const reply = await r.one(Command.FLASH_BEGIN, u32(0x1000, 1, 0x1000, 0x10000, 0));
    expect([reply.status, reply.error]).toEqual([1, RomError.FAILED_TO_ACT]);
  });

  it("checks the data checksum and the sequence number of FLASH_DATA", async () => {
    const r = newRom();
    await attach(r);
    expect((await r.one(Command.FLASH_BEGIN, u32(0x2000, 2, 0x1000, 0x20000, 0))).status).toBe(0);
    const block = Buffer.alloc(0x1000, 0x5a);
    const good = dataPacket(block, 0);
    const badChecksum = await r.one(Command.FLASH_DATA, good.data, good.chk ^ 0xff);
    expect([badChecksum.status, badChecksum.error]).toEqual([1, RomError.INVALID_CRC]);
    const wrongSeq = dataPacket(block, 1);
    const badSeq = await r.one(Command.FLASH_DATA, wrongSeq.data, wrongSeq.chk);
    expect([badSeq.status, badSeq.error]).toEqual([1, RomError.INVALID_MESSAGE]);
    // A retry of the expected block succeeds and lands in flash.
    expect((await r.one(Command.FLASH_DATA, good.data, good.chk)).status).toBe(0);
    expect(r.rom.flash.read(0x20000, 0x1000).equals(block)).toBe(true);
  });

  it("reports a flash write error when writing over data that was not erased", async () => {
    const r = newRom();
    await attach(r);
    await r.one(Command.FLASH_BEGIN, u32(0x1000, 1, 0x1000, 0x30000, 0));
    const zeros = dataPacket(Buffer.alloc(0x1000, 0x00), 0);
    expect((await r.one(Command.FLASH_DATA, zeros.data, zeros.chk)).status).toBe(0);
    // A session that erases nothing (size 0) cannot turn 0 bits back into 1.
    await r.one(Command.FLASH_BEGIN, u32(0, 1, 0x1000, 0x30000, 0));
    const ones = dataPacket(Buffer.alloc(0x1000, 0xa5), 0);
    const reply = await r.one(Command.FLASH_DATA, ones.data, ones.chk);
    expect([reply.status, reply.error]).toEqual([1, RomError.FLASH_WRITE_ERROR]);
  });

  it("inflates FLASH_DEFL_DATA blocks, returns MD5 as 32 hex characters, and persists the flash file", async () => {
    const file = tempFlashFile();
    const r = newRom(file);
    await attach(r);
    const image = Buffer.alloc(40000);
    for (let i = 0; i < image.length; i++) image[i] = (i * 7 + (i >> 9)) & 0xff;
    const compressed = deflateSync(image, { level: 9 });
    const blockSize = 1024;
    const blocks = Math.ceil(compressed.length / blockSize);
    expect((await r.one(Command.FLASH_DEFL_BEGIN, u32(image.length, blocks, blockSize, 0x40000))).status).toBe(0);
    for (let seq = 0; seq < blocks; seq++) {
      const p = dataPacket(compressed.subarray(seq * blockSize, (seq + 1) * blockSize), seq);
      expect((await r.one(Command.FLASH_DEFL_DATA, p.data, p.chk)).status).toBe(0);
    }
    const md5 = await r.one(Command.SPI_FLASH_MD5, u32(0x40000, image.length, 0, 0));
    expect(md5.status).toBe(0);
    expect(md5.data.toString("latin1")).toBe(createHash("md5").update(image).digest("hex"));
    r.rom.close();
    expect(readFileSync(file).subarray(0x40000, 0x40000 + image.length).equals(image)).toBe(true);
    // A new emulator on the same file sees the same flash.
    const again = newRom(file);
    expect(again.rom.flash.read(0x40000, image.length).equals(image)).toBe(true);
  });

  it("answers corrupt compressed data with the deflate error", async () => {
    const r = newRom();
    await attach(r);
    await r.one(Command.FLASH_DEFL_BEGIN, u32(0x1000, 1, 1024, 0x50000));
    const junk = dataPacket(Buffer.from("definitely not zlib data, definitely not"), 0);
    const reply = await r.one(Command.FLASH_DEFL_DATA, junk.data, junk.chk);
    expect([reply.status, reply.error]).toEqual([1, RomError.DEFLATE_ERROR]);
  });

  it("accepts a RAM download and goes quiet when told to jump into it", async () => {
    const r = newRom();
    const code = Buffer.from([1, 2, 3, 4, 5, 6, 7, 8]);
    expect((await r.one(Command.MEM_BEGIN, u32(8, 1, 0x1800, 0x40090000))).status).toBe(0);
    const p = dataPacket(code, 0);
    expect((await r.one(Command.MEM_DATA, p.data, p.chk)).status).toBe(0);
    expect((await r.one(Command.READ_REG, u32(0x40090004))).value).toBe(0x08070605);
    expect((await r.one(Command.MEM_END, u32(0, 0x40090000))).status).toBe(0);
    expect(await r.request(Command.SYNC, SYNC)).toHaveLength(0);
    // A reset into download mode brings the loader back.
    r.rom.banner();
    expect(await r.request(Command.SYNC, SYNC)).toHaveLength(8);
  });

  it("answers the JEDEC flash ID through the SPI user-command registers, as esptool reads it", async () => {
    const r = newRom();
    const SPI = 0x3ff42000;
    await r.one(Command.WRITE_REG, u32(SPI + 0x24, (7 << 28) | 0x9f, 0xffffffff, 0));
    await r.one(Command.WRITE_REG, u32(SPI + 0x00, 1 << 18, 0xffffffff, 0));
    expect((await r.one(Command.READ_REG, u32(SPI + 0x00))).value & (1 << 18)).toBe(0);
    const id = (await r.one(Command.READ_REG, u32(SPI + 0x80))).value;
    expect((id >> 16) & 0xff).toBe(0x16); // 4 MiB
  });
});

describe("ROM bootloader emulator: READ_FLASH_SLOW (0x0E), what esptool --no-stub read_flash uses", () => {
  it("answers {offset, length} with a 64-byte block of flash in the data field, the value 0 and status 0", async () => {
    const file = tempFlashFile();
    const image = Buffer.alloc(0x2000, 0xff);
    for (let i = 0; i < 0x100; i++) image[0x1000 + i] = i;
    writeFileSync(file, image);
    const r = newRom(file);
    await attach(r);
    const first = await r.one(Command.READ_FLASH_SLOW, u32(0x1000, 64));
    expect(first).toMatchObject({ op: Command.READ_FLASH_SLOW, value: 0, status: 0, error: 0 });
    expect([...first.data]).toEqual(Array.from({ length: 64 }, (_, i) => i));
    // a shorter request still gets a full block: esptool keeps the first `length` bytes
    const short = await r.one(Command.READ_FLASH_SLOW, u32(0x10f0, 4));
    expect(short.data.length).toBe(64);
    expect([...short.data.subarray(0, 20)]).toEqual([0xf0, 0xf1, 0xf2, 0xf3, 0xf4, 0xf5, 0xf6, 0xf7, 0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff, 0xff, 0xff, 0xff, 0xff]);
  });

  it("reads a region in 64-byte blocks as esptool's read_flash_slow does, matching the flash file", async () => {
    const file = tempFlashFile();
    const image = Buffer.alloc(0x1000, 0xff);
    image.write("espnode flash contents that span more than one block of sixty-four bytes", 0x200, "latin1");
    writeFileSync(file, image);
    const r = newRom(file);
    await attach(r);
    const length = 150;
    let read = Buffer.alloc(0);
    while (read.length < length) {
      const n = Math.min(64, length - read.length);
      const reply = await r.one(Command.READ_FLASH_SLOW, u32(0x200 + read.length, n));
      expect(reply.status).toBe(0);
      read = Buffer.concat([read, reply.data.subarray(0, n)]);
    }
    expect(read).toEqual(image.subarray(0x200, 0x200 + length));
  });

  it("refuses a read before SPI_ATTACH, past the end of flash, or longer than a block", async () => {
    const r = newRom(tempFlashFile(), { flashSize: 0x10000 });
    expect((await r.one(Command.READ_FLASH_SLOW, u32(0, 64))).error).toBe(RomError.FAILED_TO_ACT);
    await attach(r);
    expect((await r.one(Command.READ_FLASH_SLOW, u32(0xfff0, 64))).error).toBe(RomError.FLASH_READ_LENGTH_ERROR);
    expect((await r.one(Command.READ_FLASH_SLOW, u32(0, 65))).error).toBe(RomError.FLASH_READ_LENGTH_ERROR);
    expect((await r.one(Command.READ_FLASH_SLOW, u32(0))).error).toBe(RomError.INVALID_MESSAGE);
  });
});
