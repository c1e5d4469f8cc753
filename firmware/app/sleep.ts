// Deep-sleep mode (config `sleep: true`): each wake reads, connects, flushes the outbox, publishes, waits for the
// acknowledgements or a deadline, then sleeps for the interval. ESP32 deep sleep ends in a reboot, so every wake
// starts from .bootcde with only flash (the outbox, seq) carried over.

/** Longest a wake may stay up, so a missing broker cannot drain the battery. */
export var AWAKE_DEADLINE_MS = 30000;

export class SleepPlan {
  /** Seconds to sleep. */
  interval: number;
  wokeAt: number;
  sleeping: boolean;

  constructor(interval: number) {
    this.interval = interval;
    this.wokeAt = 0;
    this.sleeping = false;
  }

  start(now: number): void {
    this.wokeAt = now;
  }

  /** True once: when this wake's work is settled or the deadline has passed. */
  due(now: number, settled: boolean): boolean {
    if (this.sleeping) return false;
    return settled || now - this.wokeAt >= AWAKE_DEADLINE_MS;
  }
}
