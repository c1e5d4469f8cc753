// The byte stream of an Espruino console as something you can wait on: received bytes accumulate in a buffer
// that protocol code searches and consumes (the transport delivers them the whole time, whatever the write side
// is doing). Honours XON/XOFF (Espruino sends XOFF when its input buffer fills; the ESP32's UART has no hardware
// flow control), so writes never outrun the board at any baud, and never waits without a deadline: an XOFF whose
// XON is lost ends after XOFF_RESUME_MS, a board that stops taking bytes fails the write after WRITE_STALL_MS.
import type { Transport } from "../../transport/transport.ts";
import { EspnodeError } from "../../transport/errors.ts";
import { withDeadline } from "../../transport/deadline.ts";

const XON = 0x11;
const XOFF = 0x13;
/** Bytes written between checks for XOFF; small enough that the board's buffer absorbs what is in flight. */
const WRITE_SLICE = 256;
/**
 * An XOFF not followed by XON within this time is taken as a lost XON and sending resumes, as EspruinoTools
 * resumes after its flow-control timeout (10 s there). Espruino's input buffer empties in well under 100 ms at
 * 115200 baud once the interpreter runs, so 2 s without XON means the XON was lost or the board is stuck; either
 * way the packet ACKs, the eval answers and the CRC check that follow catch bytes the board did not take.
 */
export const XOFF_RESUME_MS = 2000;
/** A slice (256 bytes) the OS could not hand to the board for this long: the board stopped reading its console. */
export const WRITE_STALL_MS = 10_000;
/** Received text kept for searching; older bytes are dropped (a console can print forever). */
const MAX_BUFFER = 1 << 20;

export interface Match {
  /** Index where the match starts in the buffer searched. */
  index: number;
  /** Length of the match. */
  length: number;
  /** Regex groups when the matcher was a RegExp. */
  groups: string[];
}

export type Matcher = RegExp | ((buf: string) => Match | null);

export class EspruinoConsole {
  /** Received bytes as a binary string (one char per byte). */
  private rx = "";
  private paused = false;
  /** When the XOFF that paused us arrived. */
  private pausedAt = 0;
  /** XOFFs given up on because no XON came (see XOFF_RESUME_MS). */
  lostXons = 0;
  private resumeWaiters: (() => void)[] = [];
  private changeWaiters: (() => void)[] = [];
  private unsubscribe: () => void;
  private unsubscribeClose: () => void;
  private closedError: Error | undefined;
  /** Observers of every received chunk (e.g. --verbose logging); never sees what we sent. */
  readonly taps: ((text: string) => void)[] = [];
  /** Told about flow-control events worth a line in --verbose output. */
  readonly notices: ((text: string) => void)[] = [];

  constructor(readonly transport: Transport) {
    this.unsubscribe = transport.onData((b) => this.receive(b));
    this.unsubscribeClose = transport.onClose((err) => {
      this.closedError = err ?? new Error("closed");
      this.wake();
      this.resume();
    });
  }

  private receive(b: Buffer): void {
    // XON/XOFF are flow control, not console text: act on them and drop them.
    let text = "";
    for (let i = 0; i < b.length; i++) {
      const c = b[i];
      if (c === XOFF) {
        if (!this.paused) this.pausedAt = Date.now();
        this.paused = true;
      } else if (c === XON) this.resume();
      else text += String.fromCharCode(c);
    }
    if (!text) return;
    this.rx += text;
    if (this.rx.length > MAX_BUFFER) this.rx = this.rx.slice(this.rx.length - MAX_BUFFER / 2);
    for (const tap of this.taps) tap(text);
    this.wake();
  }

  private resume(): void {
    this.paused = false;
    const w = this.resumeWaiters;
    this.resumeWaiters = [];
    for (const f of w) f();
  }

  private wake(): void {
    const w = this.changeWaiters;
    this.changeWaiters = [];
    for (const f of w) f();
  }

  /** Forgets what has been received so far (before sending a command whose answer we then wait for). */
  clear(): void {
    this.rx = "";
  }

  /** What has been received and not consumed. */
  peek(): string {
    return this.rx;
  }

  async write(data: string | Buffer): Promise<void> {
    const buf = typeof data === "string" ? Buffer.from(data, "latin1") : data;
    for (let off = 0; off < buf.length; off += WRITE_SLICE) {
      if (this.paused) await this.waitForXon();
      this.throwIfClosed();
      const slice = buf.subarray(off, off + WRITE_SLICE);
      await withDeadline(
        this.transport.write(slice),
        WRITE_STALL_MS,
        () =>
          new EspnodeError(
            "device",
            `The board stopped reading its console: ${slice.length} bytes could not be sent to ${this.transport.path} for ${WRITE_STALL_MS / 1000} s.`,
            "Press RESET on the board (a virtual board: `reset` where `espnode sim` runs) and run the command again.",
          ),
      );
    }
  }

  /** Waits for the XON that ends an XOFF, at most until XOFF_RESUME_MS after the XOFF arrived. */
  private async waitForXon(): Promise<void> {
    const left = this.pausedAt + XOFF_RESUME_MS - Date.now();
    if (left > 0 && !this.closedError) {
      let timer: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        timer = setTimeout(resolve, left);
        this.resumeWaiters.push(resolve);
      });
      clearTimeout(timer);
    }
    if (this.paused && !this.closedError) {
      this.lostXons++;
      for (const notice of this.notices) notice(`no XON ${XOFF_RESUME_MS / 1000} s after the board's XOFF: sending again`);
      this.resume();
    }
  }

  private throwIfClosed(): void {
    if (this.closedError)
      throw new EspnodeError(
        "port",
        `The connection to ${this.transport.path} was lost (${this.closedError.message}).`,
        "Check the cable and that nothing reset the board, then run the command again.",
      );
  }

  /**
   * Waits until the buffer matches, consumes everything up to the end of the match, and returns the match.
   * Rejects with an EspnodeError of kind "device" after timeoutMs.
   */
  async waitFor(matcher: Matcher, timeoutMs: number, what = "an answer from the board"): Promise<Match> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const m = this.search(matcher);
      if (m) {
        this.rx = this.rx.slice(m.index + m.length);
        return m;
      }
      this.throwIfClosed();
      const left = deadline - Date.now();
      if (left <= 0)
        throw new EspnodeError(
          "device",
          `Timed out waiting for ${what} on ${this.transport.path}.`,
          "Check that the board runs Espruino at this baud rate (--baud) and is not busy; press RESET and try again.",
        );
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, left);
        this.changeWaiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  private search(matcher: Matcher): Match | null {
    if (typeof matcher === "function") return matcher(this.rx);
    const m = matcher.exec(this.rx);
    return m ? { index: m.index, length: m[0].length, groups: m.slice(1) } : null;
  }

  /** Detaches from the transport (does not close it). */
  detach(): void {
    this.unsubscribe();
    this.unsubscribeClose();
  }
}
