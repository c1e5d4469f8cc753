// Espruino's idle loop state: timers (setTimeout/setInterval with integer ids) and the queue of pending event
// callbacks. Emits are queued and run later from the idle loop, never synchronously.

export interface Timer {
  id: number;
  fn: unknown;
  args: unknown[];
  due: number;
  interval: number;
  repeat: boolean;
}

export interface QueuedCall {
  fns: unknown[];
  thisObj: unknown;
  args: unknown[];
}

export class EventLoop {
  private readonly timers = new Map<number, Timer>();
  private events: QueuedCall[] = [];
  private nextId = 1;

  constructor(private readonly wake: () => void) {}

  setTimer(fn: unknown, ms: number, args: unknown[], repeat: boolean, now: number): number {
    const interval = Math.max(0, Number(ms) || 0);
    const id = this.nextId++;
    this.timers.set(id, { id, fn, args, due: now + interval, interval, repeat });
    this.wake();
    return id;
  }

  /** Returns false when there is no such timer (Espruino then raises an error). */
  clearTimer(id: number | undefined): boolean {
    if (id === undefined) {
      this.timers.clear();
      return true;
    }
    return this.timers.delete(Number(id));
  }

  changeInterval(id: number, ms: number, now: number): boolean {
    const timer = this.timers.get(Number(id));
    if (!timer) return false;
    timer.interval = Math.max(0, Number(ms) || 0);
    timer.due = now + timer.interval;
    this.wake();
    return true;
  }

  queue(listeners: unknown, thisObj: unknown, args: unknown[]): void {
    const fns = typeof listeners === "function" || typeof listeners === "string" ? [listeners] : Array.prototype.slice.call(listeners);
    this.events.push({ fns, thisObj, args });
    this.wake();
  }

  takeEvents(): QueuedCall[] {
    const events = this.events;
    this.events = [];
    return events;
  }

  /** Timers due at `now`, rescheduling intervals and forgetting one-shots. */
  takeDueTimers(now: number): Timer[] {
    const due = [...this.timers.values()].filter((t) => t.due <= now).sort((a, b) => a.due - b.due);
    for (const timer of due) {
      if (timer.repeat) timer.due = Math.max(timer.due + timer.interval, now + (timer.interval === 0 ? 0 : 1));
      else this.timers.delete(timer.id);
    }
    return due;
  }

  /** Pending timers in id order (for the hidden root's `timers`, as jsiTimersChanged keeps them on a board). */
  listTimers(): Timer[] {
    return [...this.timers.values()].sort((a, b) => a.id - b.id);
  }

  nextDue(): number | undefined {
    let next: number | undefined;
    for (const timer of this.timers.values()) if (next === undefined || timer.due < next) next = timer.due;
    return next;
  }

  hasEvents(): boolean {
    return this.events.length > 0;
  }

  /** What pending timers and queued events keep alive (their callbacks and arguments), for the memory estimate. */
  liveValues(): unknown[] {
    const out: unknown[] = [];
    for (const t of this.timers.values()) out.push(t.fn, t.args);
    for (const e of this.events) out.push(e.fns, e.args);
    return out;
  }

  timerCount(): number {
    return this.timers.size;
  }

  clear(): void {
    this.timers.clear();
    this.events = [];
  }
}
