// `espnode monitor`: read the console without resetting the board (the port is opened without touching DTR/RTS),
// turn it into telemetry records and log lines, and keep going across unplug/replug until the duration ends or
// the caller aborts. Output goes through callbacks; the CLI decides how it looks.
import { EspnodeError } from "../transport/errors.ts";
import type { Transport } from "../transport/transport.ts";
import { openTransport, type PortOptions } from "./connect.ts";
import { TelemetryTracker, type MonitorCounts, type MonitorEvent } from "./monitor-parser.ts";

export interface MonitorOptions extends PortOptions {
  /** Stop after this many milliseconds (default: until aborted). */
  durationMs?: number;
  signal?: AbortSignal;
  /** Only events whose line (or record JSON) matches are passed to onEvent; all are counted. */
  filter?: RegExp;
  /** Reopens the link after it went away (default: the same --port). null disables reconnecting. */
  reopen?: (() => Promise<Transport>) | null;
  /** How often to try the port again while it is gone. */
  retryMs?: number;
  onEvent: (event: MonitorEvent) => void;
  onStatus?: (message: string) => void;
}

export interface MonitorSummary extends MonitorCounts {
  seconds: number;
  reconnects: number;
}

export async function monitor(opts: MonitorOptions): Promise<MonitorSummary> {
  const started = Date.now();
  const tracker = new TelemetryTracker();
  const status = opts.onStatus ?? (() => {});
  const reopen = opts.reopen === undefined ? () => openTransport({ ...opts, transport: undefined }) : opts.reopen;
  let reconnects = 0;
  let stopped = false;
  let wakeStop: () => void = () => {};
  const stopPromise = new Promise<void>((resolve) => (wakeStop = resolve));
  const stop = () => {
    stopped = true;
    wakeStop();
  };
  const timer = opts.durationMs !== undefined ? setTimeout(stop, opts.durationMs) : undefined;
  if (opts.signal) {
    if (opts.signal.aborted) stop();
    opts.signal.addEventListener("abort", stop, { once: true });
  }

  const deliver = (events: MonitorEvent[]) => {
    for (const ev of events) {
      if (opts.filter) {
        const text = ev.kind === "line" ? ev.line : JSON.stringify(ev.record);
        if (!opts.filter.test(text)) continue;
      }
      opts.onEvent(ev);
    }
  };

  let transport: Transport | undefined = opts.transport ?? (await openTransport(opts));
  try {
    while (!stopped) {
      const link = transport!;
      status(`monitoring ${link.path}`);
      const lost = new Promise<Error | undefined>((resolve) => link.onClose(resolve));
      const off = link.onData((b) => deliver(tracker.push(b)));
      const why = await Promise.race([lost, stopPromise.then(() => undefined)]);
      off();
      if (stopped || !why || !reopen) break;
      // Unplugged (or the pty went away): drop the half line, then wait for the port to come back.
      tracker.dropPartial();
      status(`${link.path} disconnected (${why.message}); waiting for it to come back`);
      transport = undefined;
      while (!stopped && !transport) {
        try {
          transport = await reopen();
          reconnects++;
          status(`reconnected to ${transport.path}`);
        } catch (e) {
          if (e instanceof EspnodeError && e.kind === "usage") throw e;
          await Promise.race([new Promise((r) => setTimeout(r, opts.retryMs ?? 500)), stopPromise]);
        }
      }
    }
    deliver(tracker.flush());
  } finally {
    if (timer) clearTimeout(timer);
    if (transport && transport !== opts.transport) await transport.close();
  }
  return { ...tracker.counts, seconds: (Date.now() - started) / 1000, reconnects };
}
