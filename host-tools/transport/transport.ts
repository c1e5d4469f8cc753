// A transport moves bytes to and from a board's console: a serial port, a pseudo-terminal, or the virtual board's
// in-process port. Everything above speaks only this interface, so the protocol code runs unchanged on each.

export interface Transport {
  /** What was opened (a device path, or "sim:" for in-process). */
  readonly path: string;
  /** Resolves once the bytes have been handed to the OS (drained). */
  write(data: Buffer | string): Promise<void>;
  /** Subscribes to received bytes; returns an unsubscribe function. */
  onData(listener: (chunk: Buffer) => void): () => void;
  /** Called once when the link goes away (unplug, close); err is set when it was not asked for. */
  onClose(listener: (err?: Error) => void): () => void;
  readonly isOpen: boolean;
  close(): Promise<void>;
}

/** Small listener registry shared by the transport implementations. */
export class Listeners<T extends unknown[]> {
  private list: ((...args: T) => void)[] = [];
  add(fn: (...args: T) => void): () => void {
    this.list.push(fn);
    return () => {
      this.list = this.list.filter((f) => f !== fn);
    };
  }
  emit(...args: T): void {
    for (const fn of this.list.slice()) fn(...args);
  }
}
