// Transport over the virtual board's in-process serial port: the same bytes as a pty, without the OS in between,
// for fast tests and the demo.
import { Listeners, type Transport } from "./transport.ts";

/** The shape of `board.port` from host-tools/sim (only what we use). */
export interface InProcessPort {
  write(data: Buffer | string): unknown;
  on(event: "data", listener: (b: Buffer) => void): unknown;
  off?(event: "data", listener: (b: Buffer) => void): unknown;
  removeListener?(event: "data", listener: (b: Buffer) => void): unknown;
}

export class InProcessTransport implements Transport {
  readonly path = "sim:";
  private readonly data = new Listeners<[Buffer]>();
  private readonly closed = new Listeners<[Error | undefined]>();
  private open = true;
  private readonly forward = (b: Buffer) => {
    if (this.open) this.data.emit(Buffer.isBuffer(b) ? b : Buffer.from(b as unknown as string, "latin1"));
  };

  constructor(private readonly port: InProcessPort) {
    port.on("data", this.forward);
  }

  get isOpen(): boolean {
    return this.open;
  }

  async write(data: Buffer | string): Promise<void> {
    if (!this.open) throw new Error("transport closed");
    this.port.write(typeof data === "string" ? Buffer.from(data, "latin1") : data);
  }

  onData(listener: (chunk: Buffer) => void): () => void {
    return this.data.add(listener);
  }

  onClose(listener: (err?: Error) => void): () => void {
    return this.closed.add(listener);
  }

  async close(): Promise<void> {
    if (!this.open) return;
    this.open = false;
    if (this.port.off) this.port.off("data", this.forward);
    else this.port.removeListener?.("data", this.forward);
    this.closed.emit(undefined);
  }
}
