// Drives a RomBootloader directly with hand-built request packets and decodes its SLIP responses.
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RomBootloader } from "../../../host-tools/sim/rom/rom-bootloader.ts";
import { checksum } from "../../../host-tools/sim/rom/rom-protocol.ts";
import { SlipDecoder, slipEncode } from "../../../host-tools/sim/rom/slip.ts";

export interface Response {
  op: number;
  value: number;
  data: Buffer; // payload before the status bytes
  status: number;
  error: number;
  statusLength: number;
}

export function tempFlashFile(): string {
  return join(mkdtempSync(join(tmpdir(), "espnode-rom-")), "flash.bin");
}

export function u32(...words: number[]): Buffer {
  const out = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => out.writeUInt32LE(w >>> 0, i * 4));
  return out;
}

export function dataPacket(payload: Buffer, seq: number): { data: Buffer; chk: number } {
  return { data: Buffer.concat([u32(payload.length, seq, 0, 0), payload]), chk: checksum(payload) };
}

export class RawRom {
  readonly rom: RomBootloader;
  readonly responses: Response[] = [];
  /** Frames that are not responses: the stub's OHAI, READ_FLASH data and its final MD5. */
  readonly frames: Buffer[] = [];
  readonly exits: string[] = [];
  readonly bauds: number[] = [];
  /** Order of events: "tx" for each response, "baud" when the UART switched. */
  readonly events: string[] = [];

  constructor(flashFile = tempFlashFile(), opts: { mac?: Buffer; flashSize?: number; runsFlasherStub?: boolean } = {}) {
    const decoder = new SlipDecoder((p) => {
      // The ROM ends a response with 4 status bytes (status, error, 0, 0), the stub with 2 (error, status).
      const stub = this.rom.mode === "stub";
      if (p.length < 10 || p[0] !== 0x01 || p.readUInt16LE(2) !== p.length - 8) {
        this.frames.push(p);
        return;
      }
      const body = p.subarray(8);
      const statusLength = stub ? 2 : 4;
      const status = body.subarray(body.length - statusLength);
      this.responses.push({
        op: p[1],
        value: p.readUInt32LE(4),
        data: body.subarray(0, body.length - statusLength),
        status: stub ? (status[0] === 0 ? 0 : 1) : status[0],
        error: stub ? status[0] : status[1],
        statusLength,
      });
      this.events.push("tx");
    });
    this.rom = new RomBootloader({
      flashFile,
      ...opts,
      onExit: (how) => this.exits.push(how),
      send: (bytes) => decoder.push(bytes),
      setBaud: (baud) => {
        this.bauds.push(baud);
        this.events.push("baud");
      },
    });
    this.rom.banner();
  }

  /** Sends one request and returns the responses it produced. */
  async request(op: number, data: Buffer = Buffer.alloc(0), chk = 0): Promise<Response[]> {
    const before = this.responses.length;
    const header = Buffer.alloc(8);
    header[0] = 0;
    header[1] = op;
    header.writeUInt16LE(data.length, 2);
    header.writeUInt32LE(chk >>> 0, 4);
    this.rom.receive(slipEncode(Buffer.concat([header, data])));
    await this.rom.idle();
    return this.responses.slice(before);
  }

  /** A bare SLIP frame (READ_FLASH acknowledgements). */
  async frame(bytes: Buffer): Promise<void> {
    this.rom.receive(slipEncode(bytes));
    await this.rom.idle();
  }

  async one(op: number, data?: Buffer, chk?: number): Promise<Response> {
    const replies = await this.request(op, data, chk);
    if (replies.length !== 1) throw new Error(`expected one response to 0x${op.toString(16)}, got ${replies.length}`);
    return replies[0];
  }
}
