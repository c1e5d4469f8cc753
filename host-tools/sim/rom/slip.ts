// SLIP framing as the ESP ROM loader uses it: 0xC0 delimits, 0xDB escapes (0xDB 0xDC = 0xC0, 0xDB 0xDD = 0xDB).
export const SLIP_END = 0xc0;
export const SLIP_ESC = 0xdb;
export const SLIP_ESC_END = 0xdc;
export const SLIP_ESC_ESC = 0xdd;

export function slipEncode(packet: Uint8Array): Buffer {
  let extra = 0;
  for (const b of packet) if (b === SLIP_END || b === SLIP_ESC) extra++;
  const out = Buffer.alloc(packet.length + extra + 2);
  let o = 0;
  out[o++] = SLIP_END;
  for (const b of packet) {
    if (b === SLIP_END) {
      out[o++] = SLIP_ESC;
      out[o++] = SLIP_ESC_END;
    } else if (b === SLIP_ESC) {
      out[o++] = SLIP_ESC;
      out[o++] = SLIP_ESC_ESC;
    } else out[o++] = b;
  }
  out[o++] = SLIP_END;
  return out;
}

/** Streaming decoder: feed any chunks, get whole packets. Bytes outside a frame are ignored, as the ROM does. */
export class SlipDecoder {
  private inFrame = false;
  private escaping = false;
  private bad = false;
  private parts: number[] = [];

  constructor(private readonly onPacket: (packet: Buffer) => void) {}

  push(chunk: Uint8Array): void {
    for (const b of chunk) {
      if (b === SLIP_END) {
        // Two delimiters in a row (end of one frame, start of the next) carry no packet.
        if (this.inFrame && this.parts.length > 0 && !this.bad) this.onPacket(Buffer.from(this.parts));
        this.inFrame = true;
        this.escaping = false;
        this.bad = false;
        this.parts = [];
      } else if (!this.inFrame) {
        continue;
      } else if (this.escaping) {
        this.escaping = false;
        if (b === SLIP_ESC_END) this.parts.push(SLIP_END);
        else if (b === SLIP_ESC_ESC) this.parts.push(SLIP_ESC);
        else this.bad = true; // invalid escape: the frame is dropped
      } else if (b === SLIP_ESC) {
        this.escaping = true;
      } else {
        this.parts.push(b);
      }
    }
  }
}
