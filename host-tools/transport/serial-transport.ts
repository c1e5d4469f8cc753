// Serial port transport on `serialport`. Opening never toggles DTR/RTS (hupcl off, no set() call), so attaching a
// monitor does not reset the board; every open failure becomes an EspnodeError with the next step to take.
import type { SerialPortStream } from "@serialport/stream";
import { createSerialPort } from "./serial-port.ts";
import { EspnodeError } from "./errors.ts";
import { Listeners, type Transport } from "./transport.ts";

export interface SerialOpenOptions {
  path: string;
  baud?: number;
}

/** Maps serialport/OS open errors to what the user should do next. */
export function describeOpenError(path: string, err: Error): EspnodeError {
  const msg = String(err.message || err);
  if (/ENOENT|No such file|cannot find/i.test(msg))
    return new EspnodeError(
      "port",
      `No serial port at ${path}.`,
      "Check the cable and run `espnode list` to see the ports that exist.",
    );
  if (/EACCES|Permission denied|Access denied/i.test(msg))
    return new EspnodeError(
      "port",
      `Permission denied opening ${path}.`,
      "Add your user to the dialout group (`sudo usermod -aG dialout $USER`), then log out and in again.",
    );
  if (/EBUSY|lock|Resource temporarily unavailable|busy/i.test(msg))
    return new EspnodeError(
      "port",
      `${path} is busy: another program has it open.`,
      "Close the other monitor or terminal (screen, minicom, another espnode) and try again.",
    );
  if (/Inappropriate ioctl|ENOTTY|EINVAL/i.test(msg))
    return new EspnodeError("port", `${path} is not a serial port (${msg}).`, "Pass the path of a serial device, e.g. /dev/ttyUSB0.");
  return new EspnodeError("port", `Could not open ${path}: ${msg}.`, "Check the port path and the cable.");
}

export class SerialTransport implements Transport {
  readonly path: string;
  private readonly port: SerialPortStream;
  private readonly data = new Listeners<[Buffer]>();
  private readonly closed = new Listeners<[Error | undefined]>();
  private closing = false;

  private constructor(port: SerialPortStream, path: string) {
    this.port = port;
    this.path = path;
    port.on("data", (b: Buffer) => this.data.emit(b));
    port.on("close", (err?: Error & { disconnected?: boolean }) => {
      this.closed.emit(this.closing ? undefined : (err ?? new Error("port closed")));
    });
    // Errors after open surface as close; keep the listener so they are never unhandled.
    port.on("error", () => {});
  }

  static async open(opts: SerialOpenOptions): Promise<SerialTransport> {
    const port = createSerialPort({
      path: opts.path,
      baudRate: opts.baud ?? 115200,
      autoOpen: false,
      hupcl: false, // do not drop DTR on close: that resets many boards
      lock: true,
    });
    await new Promise<void>((resolve, reject) =>
      port.open((err) => (err ? reject(describeOpenError(opts.path, err)) : resolve())),
    );
    return new SerialTransport(port, opts.path);
  }

  get isOpen(): boolean {
    return this.port.isOpen;
  }

  write(data: Buffer | string): Promise<void> {
    const buf = typeof data === "string" ? Buffer.from(data, "latin1") : data;
    return new Promise((resolve, reject) => {
      this.port.write(buf, (err) => {
        if (err) return reject(new EspnodeError("port", `Write to ${this.path} failed: ${err.message}.`, "Check the cable."));
        this.port.drain(() => resolve());
      });
    });
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (err?: Error) => void): () => void {
    return this.closed.add(listener);
  }

  close(): Promise<void> {
    if (!this.port.isOpen) return Promise.resolve();
    this.closing = true;
    return new Promise((resolve) => this.port.close(() => resolve()));
  }
}
