// The board's side of Espruino's packet transfer: collects one packet's header and data after DLE SOH (framing and
// constants in host-tools/device/espruino/packet-format.ts, shared with the host client).

import { MAX_PACKET_DATA } from "../../device/espruino/packet-format.ts";

export { ACK, DLE, encodePacket, MAX_PACKET_DATA, NAK, PACKET_TIMEOUT_MS, PacketType, SOH } from "../../device/espruino/packet-format.ts";

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
    const length = word & MAX_PACKET_DATA;
    if (!this.data) this.data = Buffer.alloc(length);
    const take = Math.min(length - this.filled, bytes.length - i);
    bytes.copy(this.data, this.filled, i, i + take);
    this.filled += take;
    i += take;
    if (this.filled < length) return { consumed: i - from };
    return { consumed: i - from, packet: { type: word & 0xe000, data: this.data } };
  }
}
