// Espruino packet protocol client (firmware 2v25+): DLE SOH, a 16-bit big-endian header (type in the top 3 bits,
// length in the low 13), then the data. The board answers every packet with ACK (0x06) or NAK (0x15).
// A 0x03 byte is taken as Ctrl-C the moment it arrives, so no header we send has a length whose low byte is 3.
import { EspnodeError } from "../../transport/errors.ts";
import type { EspruinoConsole } from "./console.ts";
import { MAX_PACKET_DATA, NAK, packetHeader, PacketType } from "./packet-format.ts";

export { MAX_PACKET_DATA, packetHeader, PacketType } from "./packet-format.ts";

const NAK_CHAR = String.fromCharCode(NAK);
/** Default DATA size: large enough to keep the link busy, small enough for the board's input buffer. */
export const DEFAULT_CHUNK = 1024;

/** Splits total bytes into chunk sizes of at most max, none with a low byte of 3 (see the file comment). */
export function safeChunkSizes(total: number, max = DEFAULT_CHUNK): number[] {
  const sizes: number[] = [];
  let left = total;
  while (left > 0) {
    let n = Math.min(max, left);
    if ((n & 0xff) === 3) n -= 1;
    sizes.push(n);
    left -= n;
  }
  return sizes;
}

/** Pads JSON text with spaces until its length's low byte is not 3. */
function safeJson(text: string): Buffer {
  let buf = Buffer.from(text, "utf8");
  while ((buf.length & 0xff) === 3) buf = Buffer.concat([buf, Buffer.from(" ")]);
  return buf;
}

export type Progress = (done: number, total: number) => void;

export class PacketClient {
  constructor(
    private readonly console: EspruinoConsole,
    private readonly ackTimeoutMs = 3000,
  ) {}

  /** Sends a packet and returns the acknowledgement byte. */
  private async sendRaw(type: number, data: Buffer): Promise<string> {
    this.console.clear();
    await this.console.write(Buffer.concat([packetHeader(type, data.length), data]));
    let ack = "";
    await this.console.waitFor(
      (buf) => {
        const i = buf.search(/[\x06\x15]/);
        if (i < 0) return null;
        ack = buf[i];
        return { index: i, length: 1, groups: [] };
      },
      this.ackTimeoutMs,
      "the board's packet acknowledgement",
    );
    return ack;
  }

  private async sendAcked(type: number, data: Buffer, what: string): Promise<void> {
    const ack = await this.sendRaw(type, data);
    if (ack === NAK_CHAR)
      throw new EspnodeError("device", `The board refused the ${what} packet (NAK).`, "Try again; if it repeats, use a lower --baud.");
  }

  /** Evaluates code through an EVAL packet and returns the RESPONSE text (the result's string form). */
  async eval(code: string, timeoutMs = 5000): Promise<string> {
    await this.sendAcked(PacketType.EVAL, safeJson(code), "EVAL");
    let body = "";
    await this.console.waitFor(
      (buf) => {
        const i = buf.indexOf("\x10\x01");
        if (i < 0 || buf.length < i + 4) return null;
        const h = (buf.charCodeAt(i + 2) << 8) | buf.charCodeAt(i + 3);
        const len = h & MAX_PACKET_DATA;
        if ((h & 0xe000) !== PacketType.RESPONSE || buf.length < i + 4 + len) return null;
        body = buf.substr(i + 4, len);
        return { index: i, length: 4 + len, groups: [] };
      },
      timeoutMs,
      "the board's EVAL response",
    );
    return Buffer.from(body, "latin1").toString("utf8");
  }

  /** Writes a whole Storage file with FILE_SEND then DATA packets, reporting progress after each packet. */
  async sendFile(name: string, data: Buffer, onProgress?: Progress, chunk = DEFAULT_CHUNK): Promise<void> {
    await this.sendAcked(PacketType.FILE_SEND, safeJson(JSON.stringify({ fn: name, s: data.length })), "FILE_SEND");
    let off = 0;
    onProgress?.(0, data.length);
    for (const n of safeChunkSizes(data.length, chunk)) {
      await this.sendAcked(PacketType.DATA, data.subarray(off, off + n), "DATA");
      off += n;
      onProgress?.(off, data.length);
    }
  }
}
