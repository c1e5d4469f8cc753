// Moves bytes no faster than an 8N1 UART at `baud` (10 bits per byte); baud 0 passes them straight through.

const TICK_MS = 4;
/** Largest burst one tick may deliver after a pause, so pacing stays smooth. */
const MAX_BURST_MS = 20;

export class PacedPipe {
  private queue: Buffer[] = [];
  private queued = 0;
  private credit = 0;
  private last = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly sink: (bytes: Buffer) => void,
    private baud: number,
  ) {}

  get bytesPerSecond(): number {
    return this.baud / 10;
  }

  get pending(): number {
    return this.queued;
  }

  setBaud(baud: number): void {
    this.baud = baud;
    if (baud === 0) this.drainAll();
  }

  push(bytes: Buffer): void {
    if (bytes.length === 0) return;
    if (this.baud <= 0) {
      this.sink(bytes);
      return;
    }
    this.queue.push(bytes);
    this.queued += bytes.length;
    if (!this.timer) {
      this.last = Date.now();
      this.credit = Math.max(this.credit, 1);
      this.pump();
    }
  }

  clear(): void {
    this.queue = [];
    this.queued = 0;
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private drainAll(): void {
    const all = this.queue;
    this.clear();
    for (const chunk of all) this.sink(chunk);
  }

  private pump(): void {
    this.timer = undefined;
    const now = Date.now();
    const rate = this.bytesPerSecond / 1000;
    this.credit = Math.min(this.credit + (now - this.last) * rate, Math.max(1, MAX_BURST_MS * rate));
    this.last = now;
    let allowance = Math.floor(this.credit);
    const out: Buffer[] = [];
    while (allowance > 0 && this.queue.length) {
      const head = this.queue[0]!;
      if (head.length <= allowance) {
        out.push(head);
        this.queue.shift();
        allowance -= head.length;
        this.credit -= head.length;
        this.queued -= head.length;
      } else {
        out.push(head.subarray(0, allowance));
        this.queue[0] = head.subarray(allowance);
        this.credit -= allowance;
        this.queued -= allowance;
        allowance = 0;
      }
    }
    if (out.length) this.sink(out.length === 1 ? out[0]! : Buffer.concat(out));
    if (this.queue.length) this.timer = setTimeout(() => this.pump(), TICK_MS);
    else this.credit = 0;
  }
}
