// The byte pipe under the Web Serial shim: a real serial port (`serialport`), or anything else that can open,
// carry bytes, set the DTR/RTS lines and change baud rate (an emulated chip in tests).
import { SerialPort } from "serialport";

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
  private port: SerialPort | null = null;
  private listener: (bytes: Uint8Array) => void = () => {};

  constructor(
    readonly path: string,
    readonly usbVendorId?: number,
    readonly usbProductId?: number,
  ) {}

  async open(baud: number): Promise<void> {
    const port = new SerialPort({ path: this.path, baudRate: baud, autoOpen: false });
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
    await new Promise<void>((resolve, reject) => port.write(Buffer.from(bytes), callback(resolve, reject)));
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
  }

  private requirePort(): SerialPort {
    if (!this.port) throw new Error(`serial port ${this.path} is not open`);
    return this.port;
  }
}
