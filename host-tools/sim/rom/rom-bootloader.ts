import { createHash } from "node:crypto";
import { basename } from "node:path";
import { DeflateStream } from "./inflate-stream.ts";
import { Esp32Registers } from "./esp32-registers.ts";
import { FlasherStub } from "./flasher-stub.ts";
import { DEFAULT_FLASH_SIZE, FlashStore } from "./flash-store.ts";
import {
  checksum,
  Command,
  ESP32_ROM_STATUS_BYTES,
  ROM_READ_BLOCK,
  RomError,
  SYNC_RESPONSE_COUNT,
  SYNC_RESPONSE_VALUE,
  UNSUPPORTED_RESPONSE_COUNT,
} from "./rom-protocol.ts";
import { SlipDecoder, slipEncode } from "./slip.ts";
import { looksLikeFlasherStub, type RamSegment } from "./stub-shape.ts";

export type RomExit = "reboot" | "run-user-code" | "run-ram-code";

export interface RomBootloaderOptions {
  /** Persisted flash image; created 0xFF-filled if missing. */
  flashFile: string;
  flashSize?: number;
  /** 6-byte factory MAC in eFuse; default derived from the flash file name (Espressif OUI 24:0A:C4). */
  mac?: Buffer;
  /** Bytes the chip puts on its UART TX line. */
  send: (bytes: Buffer) => void;
  /** The ROM switched its UART to a new baud rate (after answering CHANGE_BAUDRATE at the old one). */
  setBaud?: (baud: number) => void;
  /** The ROM left the loader: FLASH_END/FLASH_DEFL_END (reboot or run the app) or MEM_END with an entry point. */
  onExit?: (how: RomExit, entry?: number) => void;
  /**
   * Uploaded code shaped like a flasher stub starts the stub protocol (default). false models code that never
   * talks (e.g. a stub that hangs): the chip goes quiet after MEM_END as for any other RAM code.
   */
  runsFlasherStub?: boolean;
}

/** Who answers on the UART: the mask ROM, the flasher stub it jumped to, or nobody (other code, or left). */
export type LoaderMode = "rom" | "stub" | "quiet";

interface WriteSession {
  kind: "flash" | "defl" | "mem";
  offset: number;
  blocks: number;
  blockSize: number;
  nextSeq: number;
  /** Bytes written so far (decompressed bytes for a compressed session). */
  written: number;
  inflater?: DeflateStream;
}

const SYNC_PAYLOAD = Buffer.concat([Buffer.from([0x07, 0x07, 0x12, 0x20]), Buffer.alloc(32, 0x55)]);
const ROM_BAUD = 115200;

/** What an ESP32 (ECO3) prints when EN is released with GPIO0 held low. */
export const DOWNLOAD_MODE_BANNER =
  "ets Jun  8 2016 00:22:57\r\n\r\n" +
  "rst:0x1 (POWERON_RESET),boot:0x3 (DOWNLOAD_BOOT(UART0/UART1/SDIO_REI_REO_V2))\r\n" +
  "waiting for download\r\n";

function defaultMac(flashFile: string): Buffer {
  const digest = createHash("sha256").update(basename(flashFile)).digest();
  return Buffer.from([0x24, 0x0a, 0xc4, digest[0], digest[1], digest[2]]);
}

/**
 * The ESP32 ROM serial bootloader (download mode), command for command as the mask ROM answers them:
 * 4 status bytes, eight SYNC answers, erase-on-BEGIN, 0xEF XOR data checksum, zlib-compressed writes,
 * MD5 as 32 hex characters, no stub-only commands. Uploaded RAM code is not executed: MEM_END with an entry
 * point into code shaped like esptool's flasher stub (see stub-shape.ts) makes the chip behave as that stub
 * (OHAI, then the stub protocol: flasher-stub.ts); any other code leaves the UART silent.
 */
export class RomBootloader {
  readonly flash: FlashStore;
  readonly mac: Buffer;
  private readonly registers: Esp32Registers;
  private readonly decoder: SlipDecoder;
  private queue: Promise<void> = Promise.resolve();
  private session: WriteSession | null = null;
  private stub: FlasherStub | null = null;
  private ramSegments: RamSegment[] = [];
  private spiAttached = false;
  private exited = false;
  private closed = false;
  private currentBaud = ROM_BAUD;
  /** Packets handled since construction, by outcome; handy for tests and benchmarks. */
  readonly stats = { packets: 0, errors: 0, bytesWritten: 0 };

  constructor(private readonly options: RomBootloaderOptions) {
    this.flash = new FlashStore(options.flashFile, options.flashSize ?? DEFAULT_FLASH_SIZE);
    this.mac = options.mac ?? defaultMac(options.flashFile);
    if (this.mac.length !== 6) throw new Error(`MAC must be 6 bytes, got ${this.mac.length}`);
    const capacity = Math.log2(this.flash.size);
    this.registers = new Esp32Registers({ mac: this.mac, flashJedecId: [0xef, 0x40, capacity] });
    this.decoder = new SlipDecoder((packet) => {
      this.queue = this.queue.then(() => this.handle(packet));
    });
  }

  get baud(): number {
    return this.currentBaud;
  }

  get mode(): LoaderMode {
    if (this.stub) return "stub";
    return this.exited || this.closed ? "quiet" : "rom";
  }

  /** A reset into download mode: loader state starts afresh at 115200 baud; returns the boot message to print. */
  banner(): Buffer {
    this.session?.inflater?.destroy();
    this.session = null;
    this.stub?.dispose();
    this.stub = null;
    this.ramSegments = [];
    this.spiAttached = false;
    this.exited = false;
    this.currentBaud = ROM_BAUD;
    this.registers.setBaud(ROM_BAUD);
    return Buffer.from(DOWNLOAD_MODE_BANNER, "latin1");
  }

  /** Bytes from the host (the chip's UART RX). */
  receive(bytes: Buffer): void {
    if (this.closed || this.exited) return;
    this.decoder.push(bytes);
  }

  /** Resolves once every packet received so far has been answered. */
  idle(): Promise<void> {
    return this.queue;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.session?.inflater?.destroy();
    this.stub?.dispose();
    this.flash.close();
  }

  private respond(op: number, value = 0, data: Uint8Array = Buffer.alloc(0), error = 0): void {
    if (this.closed) return;
    const body = Buffer.alloc(8 + data.length + ESP32_ROM_STATUS_BYTES);
    body[0] = 0x01;
    body[1] = op;
    body.writeUInt16LE(data.length + ESP32_ROM_STATUS_BYTES, 2);
    body.writeUInt32LE(value >>> 0, 4);
    body.set(data, 8);
    body[8 + data.length] = error ? 1 : 0;
    body[9 + data.length] = error;
    if (error) this.stats.errors++;
    this.options.send(slipEncode(body));
  }

  private fail(op: number, error: number): void {
    this.respond(op, 0, Buffer.alloc(0), error);
  }

  private async handle(packet: Buffer): Promise<void> {
    if (this.closed || this.exited) return;
    if (this.stub) {
      this.stats.packets++;
      return this.stub.handle(packet);
    }
    if (packet.length < 8 || packet[0] !== 0x00) return; // not a request: the ROM ignores it
    this.stats.packets++;
    const op = packet[1];
    const size = packet.readUInt16LE(2);
    const chk = packet.readUInt32LE(4);
    const data = packet.subarray(8);
    if (data.length !== size) return this.fail(op, RomError.INVALID_MESSAGE);
    try {
      await this.dispatch(op, data, chk);
    } catch (error) {
      // An emulator bug must not hang the host: answer like a ROM that could not act.
      this.fail(op, RomError.FAILED_TO_ACT);
      void error;
    }
  }

  private async dispatch(op: number, data: Buffer, chk: number): Promise<void> {
    switch (op) {
      case Command.SYNC:
        return this.sync(data);
      case Command.WRITE_REG:
        return this.writeReg(op, data);
      case Command.READ_REG:
        if (data.length !== 4) return this.fail(op, RomError.INVALID_MESSAGE);
        return this.respond(op, this.registers.read(data.readUInt32LE(0)));
      case Command.SPI_SET_PARAMS:
        if (data.length !== 24) return this.fail(op, RomError.INVALID_MESSAGE);
        return this.respond(op);
      case Command.SPI_ATTACH:
        if (data.length !== 4 && data.length !== 8) return this.fail(op, RomError.INVALID_MESSAGE);
        this.spiAttached = true;
        return this.respond(op);
      case Command.CHANGE_BAUDRATE:
        return this.changeBaud(op, data);
      case Command.FLASH_BEGIN:
      case Command.FLASH_DEFL_BEGIN:
        return this.flashBegin(op, data);
      case Command.FLASH_DATA:
      case Command.FLASH_DEFL_DATA:
        return this.flashData(op, data, chk);
      case Command.FLASH_END:
      case Command.FLASH_DEFL_END:
        return this.flashEnd(op, data);
      case Command.MEM_BEGIN:
        return this.memBegin(op, data);
      case Command.MEM_DATA:
        return this.memData(op, data, chk);
      case Command.MEM_END:
        return this.memEnd(op, data);
      case Command.SPI_FLASH_MD5:
        return this.md5(op, data);
      case Command.READ_FLASH_SLOW:
        return this.readFlashSlow(op, data);
      default:
        return this.unsupported();
    }
  }

  private sync(data: Buffer): void {
    if (!data.equals(SYNC_PAYLOAD)) return this.fail(Command.SYNC, RomError.INVALID_MESSAGE);
    for (let i = 0; i < SYNC_RESPONSE_COUNT; i++) this.respond(Command.SYNC, SYNC_RESPONSE_VALUE);
  }

  /**
   * Commands the ROM does not know (GET_SECURITY_INFO and every stub-only command): it answers "invalid
   * message" several times, with a command field that does not echo the request, which is how esptool and
   * esptool-js recognise an unsupported command and fall back (e.g. to chip detection by magic value).
   */
  private unsupported(): void {
    for (let i = 0; i < UNSUPPORTED_RESPONSE_COUNT; i++) this.fail(0x00, RomError.INVALID_MESSAGE);
  }

  private writeReg(op: number, data: Buffer): void {
    if (data.length === 0 || data.length % 16 !== 0) return this.fail(op, RomError.INVALID_MESSAGE);
    for (let i = 0; i < data.length; i += 16) {
      this.registers.write(data.readUInt32LE(i), data.readUInt32LE(i + 4), data.readUInt32LE(i + 8));
    }
    this.respond(op);
  }

  private changeBaud(op: number, data: Buffer): void {
    if (data.length !== 8) return this.fail(op, RomError.INVALID_MESSAGE);
    const baud = data.readUInt32LE(0);
    if (baud < 300 || baud > 5_000_000) return this.fail(op, RomError.INVALID_MESSAGE);
    this.respond(op); // answered at the old rate, then the UART switches
    this.switchBaud(baud);
  }

  private switchBaud(baud: number): void {
    this.currentBaud = baud;
    this.registers.setBaud(baud);
    this.options.setBaud?.(baud);
  }

  private flashBegin(op: number, data: Buffer): void {
    // ESP32 ROM takes 4 words; esptool(-js) may append a 5th "encrypted" word for the ROM.
    if (data.length !== 16 && data.length !== 20) return this.fail(op, RomError.INVALID_MESSAGE);
    if (!this.spiAttached) return this.fail(op, RomError.FAILED_TO_ACT);
    const eraseSize = data.readUInt32LE(0);
    const blocks = data.readUInt32LE(4);
    const blockSize = data.readUInt32LE(8);
    const offset = data.readUInt32LE(12);
    if (data.length === 20 && data.readUInt32LE(16) !== 0) return this.fail(op, RomError.INVALID_MESSAGE);
    if (!this.flash.contains(offset, eraseSize) || (blocks > 0 && blockSize === 0)) {
      return this.fail(op, RomError.INVALID_MESSAGE);
    }
    this.session?.inflater?.destroy();
    this.flash.eraseRange(offset, eraseSize);
    const kind = op === Command.FLASH_BEGIN ? "flash" : "defl";
    this.session = { kind, offset, blocks, blockSize, nextSeq: 0, written: 0 };
    if (kind === "defl") this.session.inflater = new DeflateStream();
    this.respond(op);
  }

  /** Common checks of a *_DATA packet; returns the payload or null after answering the error. */
  private dataBlock(op: number, data: Buffer, chk: number, kind: WriteSession["kind"]): Buffer | null {
    const session = this.session;
    if (!session || session.kind !== kind) {
      this.fail(op, RomError.FAILED_TO_ACT);
      return null;
    }
    if (data.length < 16) {
      this.fail(op, RomError.INVALID_MESSAGE);
      return null;
    }
    const length = data.readUInt32LE(0);
    const seq = data.readUInt32LE(4);
    const payload = data.subarray(16);
    if (payload.length !== length || length > session.blockSize || seq !== session.nextSeq) {
      this.fail(op, RomError.INVALID_MESSAGE);
      return null;
    }
    if ((chk & 0xff) !== checksum(payload)) {
      this.fail(op, RomError.INVALID_CRC);
      return null;
    }
    return payload;
  }

  private async flashData(op: number, data: Buffer, chk: number): Promise<void> {
    const kind = op === Command.FLASH_DATA ? "flash" : "defl";
    const payload = this.dataBlock(op, data, chk, kind);
    if (!payload) return;
    const session = this.session!;
    let bytes: Buffer;
    if (kind === "defl") {
      try {
        bytes = await session.inflater!.push(payload);
      } catch {
        return this.fail(op, RomError.DEFLATE_ERROR);
      }
      if (this.session !== session) return; // reset while inflating
    } else {
      bytes = payload;
    }
    const at = kind === "defl" ? session.offset + session.written : session.offset + session.nextSeq * session.blockSize;
    if (!this.flash.contains(at, bytes.length)) return this.fail(op, RomError.FLASH_WRITE_ERROR);
    const verified = this.flash.program(at, bytes);
    session.nextSeq++;
    session.written += bytes.length;
    this.stats.bytesWritten += bytes.length;
    // The ROM reads each block back; bits that an earlier write cleared cannot come back without an erase.
    if (!verified) return this.fail(op, RomError.FLASH_WRITE_ERROR);
    this.respond(op);
  }

  private flashEnd(op: number, data: Buffer): void {
    if (data.length !== 4) return this.fail(op, RomError.INVALID_MESSAGE);
    const runUserCode = data.readUInt32LE(0) !== 0;
    this.session?.inflater?.destroy();
    this.session = null;
    this.respond(op);
    this.leave(runUserCode ? "run-user-code" : "reboot");
  }

  private memBegin(op: number, data: Buffer): void {
    if (data.length !== 16) return this.fail(op, RomError.INVALID_MESSAGE);
    const size = data.readUInt32LE(0);
    const blocks = data.readUInt32LE(4);
    const blockSize = data.readUInt32LE(8);
    const offset = data.readUInt32LE(12);
    if (blocks > 0 && blockSize === 0) return this.fail(op, RomError.INVALID_MESSAGE);
    if (blocks * blockSize < size) return this.fail(op, RomError.INVALID_MESSAGE);
    this.session?.inflater?.destroy();
    this.session = { kind: "mem", offset, blocks, blockSize, nextSeq: 0, written: 0 };
    this.ramSegments.push({ address: offset, size });
    this.respond(op);
  }

  private memData(op: number, data: Buffer, chk: number): void {
    const payload = this.dataBlock(op, data, chk, "mem");
    if (!payload) return;
    const session = this.session!;
    this.registers.writeBytes(session.offset + session.nextSeq * session.blockSize, payload);
    session.nextSeq++;
    session.written += payload.length;
    this.respond(op);
  }

  private memEnd(op: number, data: Buffer): void {
    if (data.length !== 8) return this.fail(op, RomError.INVALID_MESSAGE);
    const noEntry = data.readUInt32LE(0) !== 0;
    const entry = data.readUInt32LE(4);
    this.session = null;
    this.respond(op);
    if (!noEntry) this.runRamCode(this.ramSegments, entry);
  }

  /** The ROM (or a running stub) jumps to uploaded code: a flasher stub greets and talks, anything else is silent. */
  private runRamCode(segments: RamSegment[], entry: number): void {
    this.stub = null;
    if (this.options.runsFlasherStub === false || !looksLikeFlasherStub(segments, entry)) {
      return this.leave("run-ram-code", entry);
    }
    const stub = new FlasherStub({
      flash: this.flash,
      registers: this.registers,
      send: (bytes) => {
        if (!this.closed && this.stub === stub) this.options.send(bytes);
      },
      changeBaud: (baud) => this.switchBaud(baud),
      exit: (how) => {
        this.stub = null;
        this.leave(how);
      },
      jump: (more, to) => this.runRamCode([...segments, ...more], to),
    });
    this.stub = stub;
    stub.greet();
  }

  /**
   * READ_FLASH_SLOW (0x0E, ROM only: the stub has READ_FLASH instead): {offset, length} → the flash bytes in the
   * response's data field, always a 64-byte block (esptool keeps the first `length` bytes, asks at most 64 at a time).
   */
  private readFlashSlow(op: number, data: Buffer): void {
    if (data.length !== 8) return this.fail(op, RomError.INVALID_MESSAGE);
    if (!this.spiAttached) return this.fail(op, RomError.FAILED_TO_ACT);
    const addr = data.readUInt32LE(0);
    const length = data.readUInt32LE(4);
    if (length > ROM_READ_BLOCK) return this.fail(op, RomError.FLASH_READ_LENGTH_ERROR);
    const block = Buffer.alloc(ROM_READ_BLOCK, 0xff);
    const available = Math.max(0, Math.min(ROM_READ_BLOCK, this.flash.size - addr));
    if (available < length) return this.fail(op, RomError.FLASH_READ_LENGTH_ERROR);
    this.flash.read(addr, available).copy(block);
    this.respond(op, 0, block);
  }

  private md5(op: number, data: Buffer): void {
    if (data.length !== 16) return this.fail(op, RomError.INVALID_MESSAGE);
    if (!this.spiAttached) return this.fail(op, RomError.FAILED_TO_ACT);
    const addr = data.readUInt32LE(0);
    const size = data.readUInt32LE(4);
    if (!this.flash.contains(addr, size)) return this.fail(op, RomError.FLASH_READ_LENGTH_ERROR);
    const digest = createHash("md5").update(this.flash.read(addr, size)).digest("hex");
    this.respond(op, 0, Buffer.from(digest, "latin1")); // the ROM sends the digest as 32 hex characters
  }

  private leave(how: RomExit, entry?: number): void {
    this.exited = true;
    this.options.onExit?.(how, entry);
  }
}
