import { describe, expect, it } from "vitest";
import { TelemetryTracker, LineSplitter } from "../../host-tools/commands/monitor-parser.ts";
import { telemetryLine } from "../../firmware/protocol/telemetry-line.ts";

const rec = (seq: number) => telemetryLine(JSON.stringify({ seq, up: seq * 2, rssi: -60, mem: 1000, temp: 40 + seq }));

describe("monitor parsing", () => {
  it("joins lines split across chunks and accepts \\r\\n, \\n and \\r endings", () => {
    const s = new LineSplitter();
    expect(s.push(Buffer.from("hel"))).toEqual([]);
    expect(s.push(Buffer.from("lo\r\nwor"))).toEqual(["hello"]);
    expect(s.push(Buffer.from("ld\nx\ry"))).toEqual(["world", "x"]);
    expect(s.flush()).toEqual(["y"]);
  });

  it("separates records from log lines and survives garbage bytes", () => {
    const t = new TelemetryTracker();
    const garbage = Buffer.from([0x00, 0xff, 0xfe, 0x1b, 0x07, 0x80, 0x0a]);
    const events = [
      ...t.push(Buffer.from("boot log line\r\n")),
      ...t.push(garbage),
      ...t.push(Buffer.from(rec(1) + "\r\n>" + rec(2).slice(0, 10))),
      ...t.push(Buffer.from(rec(2).slice(10) + "\r\n@tlm {broken json\r\n")),
    ];
    const kinds = events.map((e) => e.kind);
    expect(kinds.filter((k) => k === "record")).toHaveLength(2);
    const lines = events.filter((e) => e.kind === "line").map((e) => (e as { line: string }).line);
    expect(lines).toContain("boot log line");
    expect(lines).toContain("@tlm {broken json");
    expect(t.counts.records).toBe(2);
    expect(t.counts.gaps).toBe(0);
  });

  it("counts sequence gaps and missing records, and treats a backwards sequence as a restart", () => {
    const t = new TelemetryTracker();
    const text = [1, 2, 5, 6, 9, 1, 2].map(rec).join("\n") + "\n";
    const events = t.push(Buffer.from(text));
    const gaps = events.flatMap((e) => (e.kind === "record" && e.gap ? [e.gap] : []));
    expect(gaps).toEqual([
      { expected: 3, got: 5, missing: 2 },
      { expected: 7, got: 9, missing: 2 },
    ]);
    expect(t.counts).toMatchObject({ records: 7, gaps: 2, missing: 4, restarts: 1 });
  });

  it("cuts an endless line instead of growing without bound", () => {
    const s = new LineSplitter();
    const out = s.push(Buffer.alloc(10_000, 0x41));
    expect(out).toHaveLength(1);
    expect(out[0].length).toBe(10_000);
    expect(s.flush()).toEqual([]);
  });
});
