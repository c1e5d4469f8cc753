// Espruino's console packet framing (firmware 2v25+), shared by the host client and the virtual board:
// DLE SOH, a 16-bit big-endian header (type in the top 3 bits, data length in the low 13), then the data.
// The receiver answers each packet with ACK or NAK and drops a packet not completed within a second.
// Source: Espruino README_REPL.md "Packet Transfer" (PT_TYPE_* values).

export const DLE = 0x10;
export const SOH = 0x01;
export const ACK = 0x06;
export const NAK = 0x15;
/** Largest data length a header can carry (13 bits). */
export const MAX_PACKET_DATA = 0x1fff;
/** The board NAKs a packet whose bytes did not all arrive within this time. */
export const PACKET_TIMEOUT_MS = 1000;

export const PacketType = {
  RESPONSE: 0x0000,
  EVAL: 0x2000,
  EVENT: 0x4000,
  FILE_SEND: 0x6000,
  DATA: 0x8000,
  FILE_RECV: 0xa000,
} as const;

/** The four framing bytes before `length` bytes of data. */
export function packetHeader(type: number, length: number): Buffer {
  if (length > MAX_PACKET_DATA) throw new RangeError(`packet data of ${length} bytes exceeds ${MAX_PACKET_DATA}`);
  const header = type | length;
  return Buffer.from([DLE, SOH, header >> 8, header & 0xff]);
}

/** A whole packet: header and data. */
export function encodePacket(type: number, data: Buffer): Buffer {
  return Buffer.concat([packetHeader(type, data.length), data]);
}
