// A Web Serial `SerialPort` look-alike over a SerialLink, so esptool-js (written for browsers) runs in Node.
// esptool-js 0.7's Transport uses: open({baudRate}), readable/writable web streams (getReader/getWriter/locked),
// setSignals({dataTerminalReady?, requestToSend?}), getInfo(), close(), and setBaudRate(baud) when present
// (baud changed in place instead of closing and reopening the port, which would reset some boards).
import { isNoSignalsError, type LineSignals, type SerialLink } from "./serial-link.ts";

export interface WebSerialSignals {
  dataTerminalReady?: boolean;
  requestToSend?: boolean;
  break?: boolean;
}

const RECENT_LIMIT = 4096;

export class WebSerialShim {
  private isOpen = false;
  private readableStream: ReadableStream<Uint8Array> | null = null;
  private readableController: ReadableStreamDefaultController<Uint8Array> | null = null;
  private writableStream: WritableStream<Uint8Array> | null = null;
  private signals: LineSignals = { dtr: false, rts: false };
  private recent = "";
  private lastDataAt = 0;
  /** False once the port refused DTR/RTS (pseudo-terminal): resets then do nothing. */
  lineSignals = true;

  constructor(
    readonly link: SerialLink,
    private readonly onNote: (line: string) => void = () => {},
  ) {
    link.onData((bytes) => {
      this.recent = (this.recent + Buffer.from(bytes).toString("latin1")).slice(-RECENT_LIMIT);
      this.lastDataAt = Date.now();
      try {
        this.readableController?.enqueue(new Uint8Array(bytes));
      } catch {
        // stream already closed or cancelled: the bytes are dropped, as a closed Web Serial port would
      }
    });
  }

  /** The last few KiB received, as text: used to explain a failed connection (boot log, app output). */
  recentText(): string {
    return this.recent;
  }

  clearRecent(): void {
    this.recent = "";
  }

  /** Resolves once nothing has arrived for quietMs (or after maxMs): a boot log still streaming in is done. */
  async waitQuiet(quietMs: number, maxMs: number): Promise<void> {
    const deadline = Date.now() + maxMs;
    for (;;) {
      const idle = Date.now() - this.lastDataAt;
      if (idle >= quietMs || Date.now() >= deadline) return;
      await new Promise((r) => setTimeout(r, Math.min(quietMs - idle, Math.max(1, deadline - Date.now()))));
    }
  }

  async open(options: { baudRate: number }): Promise<void> {
    if (this.isOpen) throw new Error("port already open");
    await this.link.open(options.baudRate);
    this.isOpen = true;
  }

  async close(): Promise<void> {
    if (!this.isOpen) return;
    this.isOpen = false;
    try {
      this.readableController?.close();
    } catch {
      // already closed
    }
    this.readableStream = null;
    this.readableController = null;
    this.writableStream = null;
    await this.link.close();
  }

  get readable(): ReadableStream<Uint8Array> | null {
    if (!this.isOpen) return null;
    if (!this.readableStream) {
      this.readableStream = new ReadableStream<Uint8Array>({
        start: (controller) => {
          this.readableController = controller;
        },
        cancel: () => {
          // Like Web Serial: a cancelled stream is replaced by a fresh one on the next access.
          this.readableStream = null;
          this.readableController = null;
        },
      });
    }
    return this.readableStream;
  }

  get writable(): WritableStream<Uint8Array> | null {
    if (!this.isOpen) return null;
    if (!this.writableStream) {
      this.writableStream = new WritableStream<Uint8Array>({
        write: (chunk) => this.link.write(chunk),
        close: () => {
          this.writableStream = null;
        },
      });
    }
    return this.writableStream;
  }

  getInfo(): { usbVendorId?: number; usbProductId?: number } {
    return { usbVendorId: this.link.usbVendorId, usbProductId: this.link.usbProductId };
  }

  async setSignals(signals: WebSerialSignals): Promise<void> {
    if (signals.dataTerminalReady !== undefined) this.signals.dtr = signals.dataTerminalReady;
    if (signals.requestToSend !== undefined) this.signals.rts = signals.requestToSend;
    if (!this.lineSignals) return;
    try {
      await this.link.setSignals({ ...this.signals });
    } catch (error) {
      if (!isNoSignalsError(error)) throw error;
      this.lineSignals = false;
      this.onNote(
        "This port has no DTR/RTS lines (a pseudo-terminal?), so the board cannot be reset automatically; " +
          "it must already be in download mode.",
      );
    }
  }

  async setBaudRate(baud: number): Promise<void> {
    await this.link.setBaud(baud);
  }
}
