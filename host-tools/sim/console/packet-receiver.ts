// Espruino 2v25+ packet transfer on the console: DLE SOH, a 16-bit big-endian header (top 3 bits type, low 13 bits
// length), then the data. The device answers ACK (0x06) or NAK (0x15); a packet not complete within 1 s is NAKed.

export const DLE = 0x10;
export const SOH = 0x01;
export const ACK = 0x06;
export const NAK = 0x15;
export const PACKET_TIMEOUT_MS = 1000;
export const PACKET_MAX_LENGTH = 0x1fff;

export const PacketType = {
  RESPONSE: 0x0000,
  EVAL: 0x2000,
  EVENT: 0x4000,
  FILE_SEND: 0x6000,
  DATA: 0x8000,
  FILE_RECV: 0xa000,
} as const;

export function encodePacket(type: number, data: Buffer): Buffer {
  const header = type | (data.length & PACKET_MAX_LENGTH);
  return Buffer.concat([Buffer.from([DLE, SOH, header >> 8, header & 0xff]), data]);
}

/** Collects one packet's bytes after DLE SOH; `push` returns the finished packet or undefined. */
export class PacketReceiver {
  private header: number[] = [];
  private data: Buffer | undefined;
  private filled = 0;
  readonly startedAt: number;

  constructor(now: number) {
    this.startedAt = now;
  }

  /** Feeds bytes from `bytes[from]`; returns how many were consumed and the packet when complete. */
  push(bytes: Buffer, from: number): { consumed: number; packet?: { type: number; data: Buffer } } {
    let i = from;
    while (i < bytes.length && this.header.length < 2) this.header.push(bytes[i++]!);
    if (this.header.length < 2) return { consumed: i - from };
    const word = (this.header[0]! << 8) | this.header[1]!;
    const length = word & PACKET_MAX_LENGTH;
    if (!this.data) this.data = Buffer.alloc(length);
    const take = Math.min(length - this.filled, bytes.length - i);
    bytes.copy(this.data, this.filled, i, i + take);
    this.filled += take;
    i += take;
    if (this.filled < length) return { consumed: i - from };
    return { consumed: i - from, packet: { type: word & 0xe000, data: this.data } };
  }
}
