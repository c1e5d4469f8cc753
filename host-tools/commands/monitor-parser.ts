// The pure half of `espnode monitor`: bytes → lines (surviving garbage and partial lines), lines → telemetry
// records or log lines, and sequence-gap accounting. No I/O, so it is tested and benchmarked on its own.
import { parseTelemetryLine, type TelemetryRecord } from "../../firmware/protocol/telemetry-line.ts";

/** A line longer than this is cut: a stream without newlines (wrong baud) must not grow memory without bound. */
export const MAX_LINE = 4096;

export class LineSplitter {
  private partial = "";
  /** Feeds received bytes; returns the complete lines (without line endings, control bytes removed). */
  push(chunk: Buffer): string[] {
    const text = this.partial + chunk.toString("latin1");
    const parts = text.split(/\r?\n|\r/);
    this.partial = parts.pop() ?? "";
    if (this.partial.length > MAX_LINE) {
      parts.push(this.partial);
      this.partial = "";
    }
    return parts.map(clean);
  }
  /** The unterminated rest (at the end of a session). */
  flush(): string[] {
    const rest = this.partial;
    this.partial = "";
    return rest ? [clean(rest)] : [];
  }
}

/** Decodes UTF-8 where it is valid and drops control bytes (garbage, prompts' escape codes) except tab. */
function clean(line: string): string {
  const bytes = Buffer.from(line, "latin1");
  // eslint-disable-next-line no-control-regex
  return bytes.toString("utf8").replace(/\x1b\[[0-9;]*[A-Za-z]/g, "").replace(/[\x00-\x08\x0b-\x1f\x7f\ufffd]/g, "");
}

export interface SeqGap {
  /** The sequence number we expected. */
  expected: number;
  /** The one that arrived. */
  got: number;
  /** Records missing in between. */
  missing: number;
}

export type MonitorEvent =
  | { kind: "record"; time: number; record: TelemetryRecord; gap?: SeqGap; restarted?: boolean }
  | { kind: "line"; time: number; line: string };

export interface MonitorCounts {
  records: number;
  lines: number;
  bytes: number;
  gaps: number;
  missing: number;
  restarts: number;
}

/** Classifies lines and counts sequence gaps. A sequence that goes backwards is a device restart, not a gap. */
export class TelemetryTracker {
  readonly counts: MonitorCounts = { records: 0, lines: 0, bytes: 0, gaps: 0, missing: 0, restarts: 0 };
  private lastSeq: number | undefined;
  private readonly splitter = new LineSplitter();

  /** Feeds received bytes; returns one event per complete line. */
  push(chunk: Buffer, time = Date.now()): MonitorEvent[] {
    this.counts.bytes += chunk.length;
    return this.classify(this.splitter.push(chunk), time);
  }

  flush(time = Date.now()): MonitorEvent[] {
    return this.classify(this.splitter.flush(), time);
  }

  /** Forget the line in progress (after a reconnect the rest of it is gone). */
  dropPartial(): void {
    this.splitter.flush();
  }

  private classify(lines: string[], time: number): MonitorEvent[] {
    const events: MonitorEvent[] = [];
    for (const line of lines) {
      const record = parseTelemetryLine(line);
      if (!record) {
        // Bare prompts and empty lines are console noise, not log lines.
        if (line.trim() === "" || line.trim() === ">") continue;
        this.counts.lines++;
        events.push({ kind: "line", time, line });
        continue;
      }
      this.counts.records++;
      const ev: MonitorEvent = { kind: "record", time, record };
      if (this.lastSeq !== undefined) {
        const expected = this.lastSeq + 1;
        if (record.seq > expected) {
          ev.gap = { expected, got: record.seq, missing: record.seq - expected };
          this.counts.gaps++;
          this.counts.missing += ev.gap.missing;
        } else if (record.seq < expected) {
          ev.restarted = true;
          this.counts.restarts++;
        }
      }
      this.lastSeq = record.seq;
      events.push(ev);
    }
    return events;
  }
}
