// The byte pipe under the Web Serial shim: a real serial port (`serialport`), or anything else that can open,
// carry bytes, set the DTR/RTS lines and change baud rate (an emulated chip in tests).
import type { SerialPortStream } from "@serialport/stream";
import { createSerialPort } from "../../transport/serial-port.ts";
import { withDeadline } from "../../transport/deadline.ts";

/**
 * A write still pending this long after the wire could have carried it twice means the link is stuck (at least
 * 10 s: a 16 KiB stub block needs 1.4 s at 115200 baud).
 */
const WRITE_DEADLINE_MS = 10_000;
const writeDeadlineMs = (bytes: number, baud: number) => Math.max(WRITE_DEADLINE_MS, ((bytes * 10) / baud) * 2000);

export interface LineSignals {
  dtr: boolean;
  rts: boolean;
}

export interface SerialLink {
  open(baud: number): Promise<void>;
  close(): Promise<void>;
  write(bytes: Uint8Array): Promise<void>;
  /** One listener; bytes received from the device. */
  onData(listener: (bytes: Uint8Array) => void): void;
  /** Both lines at once: setting only one would reset the other to the driver default. */
  setSignals(signals: LineSignals): Promise<void>;
  /** Change the baud rate of the open port in place. */
  setBaud(baud: number): Promise<void>;
  readonly usbVendorId?: number;
  readonly usbProductId?: number;
}

/** A pseudo-terminal (or a UART without modem lines) refuses DTR/RTS with ENOTTY "Inappropriate ioctl for device". */
export function isNoSignalsError(error: unknown): boolean {
  const text = String((error as Error)?.message ?? error);
  return /Inappropriate ioctl|ENOTTY|ENOTSUP|not supported/i.test(text);
}

function callback(resolve: () => void, reject: (e: Error) => void) {
  return (error?: Error | null) => (error ? reject(error) : resolve());
}

export class NodeSerialLink implements SerialLink {
  private port: SerialPortStream | null = null;
  private baud = 115200;
  private listener: (bytes: Uint8Array) => void = () => {};

  constructor(
    readonly path: string,
    readonly usbVendorId?: number,
    readonly usbProductId?: number,
  ) {}

  async open(baud: number): Promise<void> {
    const port = createSerialPort({ path: this.path, baudRate: baud, autoOpen: false });
    this.baud = baud;
    await new Promise<void>((resolve, reject) => port.open(callback(resolve, reject)));
    port.on("data", (chunk: Buffer) => this.listener(chunk));
    this.port = port;
  }

  async close(): Promise<void> {
    const port = this.port;
    this.port = null;
    if (!port?.isOpen) return;
    await new Promise<void>((resolve) => port.close(() => resolve()));
  }

  async write(bytes: Uint8Array): Promise<void> {
    const port = this.requirePort();
    const ms = writeDeadlineMs(bytes.length, this.baud);
    await withDeadline(
      new Promise<void>((resolve, reject) => port.write(Buffer.from(bytes), callback(resolve, reject))),
      ms,
      () => new Error(`the chip on ${this.path} took no data for ${Math.round(ms / 1000)} s (the serial link is stuck)`),
    );
  }

  onData(listener: (bytes: Uint8Array) => void): void {
    this.listener = listener;
  }

  async setSignals(signals: LineSignals): Promise<void> {
    const port = this.requirePort();
    await new Promise<void>((resolve, reject) =>
      port.set({ dtr: signals.dtr, rts: signals.rts }, callback(resolve, reject)),
    );
  }

  async setBaud(baud: number): Promise<void> {
    const port = this.requirePort();
    await new Promise<void>((resolve, reject) => port.update({ baudRate: baud }, callback(resolve, reject)));
    this.baud = baud;
  }

  private requirePort(): SerialPortStream {
    if (!this.port) throw new Error(`serial port ${this.path} is not open`);
    return this.port;
  }
}
