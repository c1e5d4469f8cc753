// esptool's flasher stub as the chip runs it after the ROM jumped into it (espressif esptool-legacy-flasher-stub
// stub_flasher.c / stub_commands.c / stub_write_flash.c, and esp-flasher-stub command_handler.c, which esptool-js
// 0.7 uploads; both agree on everything modelled here). Differences from the ROM: 2 status bytes
// ([error, status], error 0xC0..0xFF), SYNC answered with value 0, no sequence-number check, FLASH_BEGIN erases
// lazily while data arrives, data blocks are acknowledged before they are written (a write error is reported
// with the next block or FLASH_END), MD5 as 16 raw bytes, and the stub-only commands ERASE_FLASH, ERASE_REGION,
// READ_FLASH (streamed, acknowledged by the host, followed by the MD5 of what was sent) and RUN_USER_CODE.
import { createHash, type Hash } from "node:crypto";
import type { Esp32Registers } from "./esp32-registers.ts";
import type { FlashStore } from "./flash-store.ts";
import { DeflateStream } from "./inflate-stream.ts";
import {
  checksum,
  Command,
  FLASH_SECTOR_SIZE,
  STUB_GREETING,
  STUB_MAX_WRITE_BLOCK,
  STUB_STATUS_BYTES,
  StubCommand,
  StubError,
} from "./rom-protocol.ts";
import type { RamSegment } from "./stub-shape.ts";
import { slipEncode } from "./slip.ts";

const SECTORS_PER_BLOCK = 16; // 64 KiB block erase when aligned and enough is left to erase
const READ_FLASH_MAX_BLOCK = FLASH_SECTOR_SIZE;

export interface StubHost {
  flash: FlashStore;
  registers: Esp32Registers;
  send(bytes: Buffer): void;
  /** Switch the UART after the CHANGE_BAUDRATE answer went out at the old rate. */
  changeBaud(baud: number): void;
  /** FLASH_END asking for a reboot, or RUN_USER_CODE: the chip leaves the stub. */
  exit(how: "reboot" | "run-user-code"): void;
  /** MEM_END with an entry point while the stub runs: the stub jumps to the uploaded code. */
  jump(segments: RamSegment[], entry: number): void;
}

interface WriteState {
  nextWrite: number;
  remaining: number;
  nextEraseSector: number;
  remainingEraseSectors: number;
  /** Error of a block processed after its acknowledgement; reported with the next block or FLASH_END. */
  lastError: number;
  inflater?: DeflateStream;
}

interface ReadState {
  address: number;
  length: number;
  blockSize: number;
  maxInFlight: number;
  sent: number;
  acked: number;
  md5: Hash;
}

interface MemState {
  address: number;
  remaining: number;
}

export class FlasherStub {
  private write: WriteState | null = null;
  private read: ReadState | null = null;
  private mem: MemState | null = null;
  private readonly segments: RamSegment[] = [];
  private gone = false;

  constructor(private readonly host: StubHost) {}

  /** stub_main(): the greeting, sent once the ROM has jumped in. */
  greet(): void {
    this.host.send(slipEncode(Buffer.from(STUB_GREETING, "latin1")));
  }

  dispose(): void {
    this.gone = true;
    this.write?.inflater?.destroy();
    this.write = null;
    this.read = null;
  }

  /** One SLIP frame from the host. */
  async handle(packet: Buffer): Promise<void> {
    if (this.gone) return;
    if (this.read) return this.readAck(packet);
    if (packet.length < 8 || packet[0] !== 0x00) return;
    const op = packet[1];
    const size = packet.readUInt16LE(2);
    const chk = packet.readUInt32LE(4);
    const data = packet.subarray(8);
    if (size > STUB_MAX_WRITE_BLOCK + 16) return this.respond(op, { error: StubError.BAD_DATA_LEN, status: 0xee });
    if (data.length !== size) return this.respond(op, { error: StubError.BAD_DATA_LEN });
    try {
      await this.dispatch(op, data, chk);
    } catch {
      // An emulator bug must not hang the host: answer like a stub whose SPI operation failed.
      this.respond(op, { error: StubError.FAILED_SPI_OP });
    }
  }

  private respond(op: number, r: { value?: number; data?: Uint8Array; error?: number; status?: number } = {}): void {
    if (this.gone) return;
    const data = r.data ?? Buffer.alloc(0);
    const body = Buffer.alloc(8 + data.length + STUB_STATUS_BYTES);
    body[0] = 0x01;
    body[1] = op;
    body.writeUInt16LE(data.length + STUB_STATUS_BYTES, 2);
    body.writeUInt32LE((r.value ?? 0) >>> 0, 4);
    body.set(data, 8);
    body[8 + data.length] = r.error ?? 0;
    body[9 + data.length] = r.status ?? 0;
    this.host.send(slipEncode(body));
  }

  private fail(op: number, error: number): void {
    this.respond(op, { error });
  }

  private async dispatch(op: number, data: Buffer, chk: number): Promise<void> {
    const len = (n: number) => data.length === n;
    switch (op) {
      case Command.SYNC:
        if (!len(36)) return this.fail(op, StubError.BAD_DATA_LEN);
        // Eight answers like the ROM, but with value 0: how esptool tells that a stub is already running.
        for (let i = 0; i < 8; i++) this.respond(op);
        return;
      case Command.READ_REG:
        if (!len(4)) return this.fail(op, StubError.BAD_DATA_LEN);
        return this.respond(op, { value: this.host.registers.read(data.readUInt32LE(0)) });
      case Command.WRITE_REG:
        if (data.length === 0 || data.length % 16 !== 0) return this.fail(op, StubError.BAD_DATA_LEN);
        for (let i = 0; i < data.length; i += 16) {
          this.host.registers.write(data.readUInt32LE(i), data.readUInt32LE(i + 4), data.readUInt32LE(i + 8));
        }
        return this.respond(op);
      case Command.SPI_ATTACH: // the stub attached the flash itself at start; only the 4-byte form is accepted
        return this.respond(op, { error: len(4) ? 0 : StubError.BAD_DATA_LEN });
      case Command.SPI_SET_PARAMS:
        return this.respond(op, { error: len(24) ? 0 : StubError.BAD_DATA_LEN });
      case Command.CHANGE_BAUDRATE: {
        // Two words: the new rate and the rate in use (which the stub needs to rescale the UART divider).
        if (!len(8)) return this.fail(op, StubError.BAD_DATA_LEN);
        const baud = data.readUInt32LE(0);
        this.respond(op);
        if (baud > 0) this.host.changeBaud(baud);
        return;
      }
      case Command.FLASH_BEGIN:
      case Command.FLASH_DEFL_BEGIN:
        return this.flashBegin(op, data);
      case Command.FLASH_DATA:
      case Command.FLASH_DEFL_DATA:
        return this.flashData(op, data, chk);
      case StubCommand.FLASH_ENCRYPT_DATA:
        // The ESP32 stub encrypts with the chip's flash-encryption key; there is no such key here.
        return this.fail(op, StubError.FAILED_SPI_OP);
      case Command.FLASH_END:
      case Command.FLASH_DEFL_END:
        return this.flashEnd(op, data);
      case Command.SPI_FLASH_MD5:
        return this.md5(op, data);
      case StubCommand.ERASE_FLASH:
        if (!len(0)) return this.fail(op, StubError.BAD_DATA_LEN);
        this.host.flash.eraseRange(0, this.host.flash.size);
        return this.respond(op);
      case StubCommand.ERASE_REGION:
        return this.eraseRegion(op, data);
      case StubCommand.READ_FLASH:
        return this.readFlash(op, data);
      case StubCommand.RUN_USER_CODE:
        // No answer: the stub returns into the boot process.
        this.gone = true;
        this.host.exit("run-user-code");
        return;
      case Command.MEM_BEGIN:
        return this.memBegin(op, data);
      case Command.MEM_DATA:
        return this.memData(op, data);
      case Command.MEM_END:
        return this.memEnd(op, data);
      default:
        // Includes GET_SECURITY_INFO, which the ESP32 stub does not implement (the ESP32 ROM lacks it too).
        return this.fail(op, StubError.CMD_NOT_IMPLEMENTED);
    }
  }

  // --- writing flash -------------------------------------------------------------------------------------------

  private flashBegin(op: number, data: Buffer): void {
    // total size, number of blocks, block size, offset (+ "encrypted" word from newer tools)
    if (data.length !== 16 && data.length !== 20) return this.fail(op, StubError.BAD_DATA_LEN);
    const total = data.readUInt32LE(0);
    const blockSize = data.readUInt32LE(8);
    const offset = data.readUInt32LE(12);
    if (blockSize > STUB_MAX_WRITE_BLOCK) return this.fail(op, StubError.BAD_BLOCKSIZE);
    if (data.length === 20 && data.readUInt32LE(16) !== 0) return this.fail(op, StubError.FAILED_SPI_OP);
    if (!this.host.flash.contains(offset, total)) return this.fail(op, StubError.FAILED_SPI_OP);
    this.write?.inflater?.destroy();
    // Nothing is erased yet: sectors are erased just ahead of the data as it arrives.
    this.write = {
      nextWrite: offset,
      remaining: total,
      nextEraseSector: Math.floor(offset / FLASH_SECTOR_SIZE),
      remainingEraseSectors: Math.ceil(((offset % FLASH_SECTOR_SIZE) + total) / FLASH_SECTOR_SIZE),
      lastError: 0,
      inflater: op === Command.FLASH_DEFL_BEGIN ? new DeflateStream() : undefined,
    };
    this.respond(op);
  }

  private async flashData(op: number, data: Buffer, chk: number): Promise<void> {
    const state = this.write;
    if (!state) return this.fail(op, StubError.NOT_IN_FLASH_MODE);
    let error = state.lastError;
    const payload = data.subarray(16);
    if (data.length < 16 || data.readUInt32LE(0) !== payload.length) error = StubError.BAD_DATA_LEN;
    else if ((chk & 0xff) !== checksum(payload)) error = StubError.BAD_DATA_CHECKSUM;
    // Acknowledged first, so the host sends the next block while this one is inflated and written.
    this.respond(op, { error });
    if (error) return;
    if (op === Command.FLASH_DATA) return this.program(state, payload);
    if (!state.inflater) {
      state.lastError = StubError.NOT_IN_FLASH_MODE;
      return;
    }
    // After the last byte only the 4-byte Adler-32 trailer may still come.
    if (state.remaining === 0 && payload.length > 4) {
      state.lastError = StubError.TOO_MUCH_DATA;
      return;
    }
    let bytes: Buffer;
    try {
      bytes = await state.inflater.push(payload);
    } catch {
      state.lastError = StubError.INFLATE_ERROR;
      return;
    }
    if (this.write !== state) return; // reset or new session while inflating
    this.program(state, bytes);
  }

  /** handle_flash_data(): trims the padding of the last block, erases up to the sector the write ends in, writes. */
  private program(state: WriteState, bytes: Buffer): void {
    const length = Math.min(bytes.length, state.remaining);
    if (length === 0) return;
    const lastSector = Math.floor((state.nextWrite + length) / FLASH_SECTOR_SIZE);
    while (state.remainingEraseSectors > 0 && state.nextEraseSector <= lastSector) this.eraseNext(state);
    if (!this.host.flash.contains(state.nextWrite, length)) state.lastError = StubError.FAILED_SPI_OP;
    // SPIWrite does not read back: bits an earlier write cleared stay cleared, and only the MD5 will tell.
    else this.host.flash.program(state.nextWrite, bytes.subarray(0, length));
    state.nextWrite += length;
    state.remaining -= length;
  }

  private eraseNext(state: WriteState): void {
    const block = state.remainingEraseSectors >= SECTORS_PER_BLOCK && state.nextEraseSector % SECTORS_PER_BLOCK === 0;
    const sectors = block ? SECTORS_PER_BLOCK : 1;
    this.host.flash.eraseRange(state.nextEraseSector * FLASH_SECTOR_SIZE, sectors * FLASH_SECTOR_SIZE);
    state.nextEraseSector += sectors;
    state.remainingEraseSectors -= sectors;
  }

  private flashEnd(op: number, data: Buffer): void {
    const state = this.write;
    if (!state) return this.fail(op, StubError.NOT_IN_FLASH_MODE);
    if (state.remaining > 0) return this.fail(op, StubError.NOT_ENOUGH_DATA);
    state.inflater?.destroy();
    this.write = null;
    this.respond(op, { error: state.lastError });
    // Word 0 = 0 asks for a reboot (esptool sends 1 to stay in the stub).
    if (state.lastError === 0 && data.length >= 4 && data.readUInt32LE(0) === 0) {
      this.gone = true;
      this.host.exit("reboot");
    }
  }

  // --- reading and erasing -------------------------------------------------------------------------------------

  private md5(op: number, data: Buffer): void {
    if (data.length !== 16) return this.fail(op, StubError.BAD_DATA_LEN);
    const address = data.readUInt32LE(0);
    const size = data.readUInt32LE(4);
    if (!this.host.flash.contains(address, size)) return this.fail(op, StubError.FAILED_SPI_OP);
    const digest = createHash("md5").update(this.host.flash.read(address, size)).digest();
    this.respond(op, { data: digest }); // raw bytes, unlike the ROM's 32 hex characters
  }

  private eraseRegion(op: number, data: Buffer): void {
    if (data.length !== 8) return this.fail(op, StubError.BAD_DATA_LEN);
    const address = data.readUInt32LE(0);
    const size = data.readUInt32LE(4);
    if (address % FLASH_SECTOR_SIZE !== 0 || size % FLASH_SECTOR_SIZE !== 0) return this.fail(op, StubError.BAD_DATA_LEN);
    if (!this.host.flash.contains(address, size)) return this.fail(op, StubError.FAILED_SPI_OP);
    this.host.flash.eraseRange(address, size);
    this.respond(op);
  }

  private readFlash(op: number, data: Buffer): void {
    // address, length, packet size, max bytes in flight
    if (data.length !== 16) return this.fail(op, StubError.BAD_DATA_LEN);
    const address = data.readUInt32LE(0);
    const length = data.readUInt32LE(4);
    const blockSize = data.readUInt32LE(8);
    const maxInFlight = data.readUInt32LE(12);
    if (blockSize === 0 || blockSize > READ_FLASH_MAX_BLOCK) return this.fail(op, StubError.BAD_DATA_LEN);
    if (!this.host.flash.contains(address, length)) return this.fail(op, StubError.FAILED_SPI_OP);
    this.respond(op);
    this.read = { address, length, blockSize, maxInFlight: Math.max(1, maxInFlight), sent: 0, acked: 0, md5: createHash("md5") };
    this.pumpRead();
  }

  /** Send packets while fewer than maxInFlight bytes are unacknowledged (in practice: one packet at a time). */
  private pumpRead(): void {
    const r = this.read!;
    while (r.sent < r.length && r.sent - r.acked < r.maxInFlight) {
      const n = Math.min(r.blockSize, r.length - r.sent);
      const chunk = this.host.flash.read(r.address + r.sent, n);
      r.md5.update(chunk);
      r.sent += n;
      this.host.send(slipEncode(chunk));
    }
    if (r.length === 0) this.finishRead();
  }

  /** While streaming, every frame from the host is a 4-byte count of the bytes it has received. */
  private readAck(packet: Buffer): void {
    const r = this.read!;
    if (packet.length !== 4) return this.finishRead(); // protocol broken: stop, as the stub does
    r.acked = packet.readUInt32LE(0);
    if (r.acked >= r.length || r.acked > r.sent) return this.finishRead();
    this.pumpRead();
  }

  private finishRead(): void {
    const r = this.read!;
    this.read = null;
    this.host.send(slipEncode(r.md5.digest()));
  }

  // --- RAM download ----------------------------------------------------------------------------------------------

  private memBegin(op: number, data: Buffer): void {
    if (data.length !== 16) return this.fail(op, StubError.BAD_DATA_LEN);
    const size = data.readUInt32LE(0);
    const address = data.readUInt32LE(12);
    this.mem = { address, remaining: size };
    this.segments.push({ address, size });
    this.respond(op);
  }

  private memData(op: number, data: Buffer): void {
    const mem = this.mem;
    if (!mem) return this.fail(op, StubError.NOT_IN_FLASH_MODE);
    if (data.length < 16) return this.fail(op, StubError.BAD_DATA_LEN);
    const payload = data.subarray(16);
    if (payload.length > mem.remaining) return this.fail(op, StubError.TOO_MUCH_DATA);
    if (payload.length % 4 !== 0) return this.fail(op, StubError.BAD_DATA_LEN);
    this.host.registers.writeBytes(mem.address, payload);
    mem.address += payload.length;
    mem.remaining -= payload.length;
    this.respond(op);
  }

  private memEnd(op: number, data: Buffer): void {
    if (data.length !== 8) return this.fail(op, StubError.BAD_DATA_LEN);
    const error = this.mem && this.mem.remaining > 0 ? StubError.NOT_ENOUGH_DATA : 0;
    this.mem = null;
    this.respond(op, { error });
    const noEntry = data.readUInt32LE(0) !== 0;
    const entry = data.readUInt32LE(4);
    if (!error && !noEntry && entry !== 0) {
      this.gone = true;
      this.host.jump([...this.segments], entry);
    }
  }
}
