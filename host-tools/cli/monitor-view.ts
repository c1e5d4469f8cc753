// Renders monitor events: live text with host timestamps, NDJSON (--json), CSV (--csv), a log file (--log) and
// sparklines (--plot). Separate from the monitor itself, which only produces events.
import { createWriteStream, type WriteStream } from "node:fs";
import type { MonitorEvent } from "../commands/monitor-parser.ts";
import type { MonitorSummary } from "../commands/monitor.ts";
import type { Output } from "./output.ts";
import { SparkPanel } from "./sparkline.ts";

export interface MonitorViewOptions {
  csv?: string;
  log?: string;
  plot?: boolean;
}

function clock(t: number): string {
  const d = new Date(t);
  return d.toTimeString().slice(0, 8) + "." + String(d.getMilliseconds()).padStart(3, "0");
}

function csvCell(v: unknown): string {
  if (v === null || v === undefined) return "";
  const s = typeof v === "object" ? JSON.stringify(v) : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export class MonitorView {
  private csv?: WriteStream;
  private log?: WriteStream;
  private csvColumns?: string[];
  private panel?: SparkPanel;
  private panelHeight = 0;

  constructor(
    private readonly out: Output,
    opts: MonitorViewOptions,
  ) {
    if (opts.csv) this.csv = createWriteStream(opts.csv, { flags: "w" });
    if (opts.log) this.log = createWriteStream(opts.log, { flags: "a" });
    if (opts.plot) this.panel = new SparkPanel();
  }

  event(ev: MonitorEvent): void {
    const iso = new Date(ev.time).toISOString();
    if (ev.kind === "line") {
      this.log?.write(`${iso} ${ev.line}\n`);
      if (this.out.json) this.out.ndjson({ t: iso, type: "log", line: ev.line });
      else if (!this.out.quiet) this.print(`${this.out.colors.dim(clock(ev.time))}   ${ev.line}`);
      return;
    }
    const r = ev.record;
    this.log?.write(`${iso} @tlm ${JSON.stringify(r)}\n`);
    this.writeCsv(iso, r);
    if (this.out.json) {
      this.out.ndjson({ t: iso, type: "record", record: r, ...(ev.gap ? { gap: ev.gap } : {}), ...(ev.restarted ? { restarted: true } : {}) });
      return;
    }
    const c = this.out.colors;
    if (ev.gap) this.print(c.yellow(`${clock(ev.time)} ⚠ gap: ${ev.gap.missing} record(s) missing (expected seq ${ev.gap.expected}, got ${ev.gap.got})`));
    if (ev.restarted) this.print(c.yellow(`${clock(ev.time)} ↻ sequence restarted at ${r.seq} (device rebooted?)`));
    if (this.panel) {
      this.panel.add(r);
      this.drawPanel();
      return;
    }
    if (this.out.quiet) return;
    const fields = Object.entries(r)
      .map(([k, v]) => `${c.dim(k)} ${c.cyan(String(v))}`)
      .join("  ");
    this.print(`${c.dim(clock(ev.time))} ${c.green("▸")} ${fields}`);
  }

  private writeCsv(iso: string, r: Record<string, unknown>): void {
    if (!this.csv) return;
    if (!this.csvColumns) {
      // Columns are fixed by the first record; later extra fields are left out (a CSV cannot grow columns).
      this.csvColumns = Object.keys(r);
      this.csv.write(["time", ...this.csvColumns].join(",") + "\n");
    }
    this.csv.write([iso, ...this.csvColumns.map((k) => csvCell(r[k]))].map(String).join(",") + "\n");
  }

  /** Prints a line above the sparkline panel (redrawing it below when the view is a terminal). */
  private print(line: string): void {
    if (this.panel && this.out.liveView && this.panelHeight) {
      this.out.write(`\x1b[${this.panelHeight}A\x1b[J`);
      this.out.write(line + "\n");
      this.panelHeight = 0;
      this.drawPanel();
      return;
    }
    this.out.write(line + "\n");
  }

  private drawPanel(): void {
    if (!this.panel || this.out.quiet) return;
    const rows = this.panel.rows();
    // A file or pipe cannot move a cursor: there the panel is appended as plain lines after each record.
    if (this.out.liveView && this.panelHeight) this.out.write(`\x1b[${this.panelHeight}A\x1b[J`);
    if (!this.out.liveView) {
      this.out.write(rows.join("\n") + "\n\n");
      return;
    }
    this.out.write(rows.join("\n") + "\n");
    this.panelHeight = rows.length;
  }

  async finish(summary: MonitorSummary): Promise<void> {
    await Promise.all(
      [this.csv, this.log].map((s) => (s ? new Promise<void>((resolve) => s.end(() => resolve())) : undefined)),
    );
    if (this.out.json) {
      this.out.ndjson({ type: "summary", ...summary });
      return;
    }
    const s = summary;
    const gapText = s.gaps ? this.out.stderrColors.yellow(`${s.gaps} gap(s), ${s.missing} missing`) : "no gaps";
    this.out.step(
      `${s.records} records (${gapText}), ${s.lines} log lines, ${s.bytes} bytes in ${s.seconds.toFixed(1)} s` +
        (s.reconnects ? `, ${s.reconnects} reconnect(s)` : "") +
        (s.restarts ? `, ${s.restarts} restart(s)` : ""),
    );
  }
}
