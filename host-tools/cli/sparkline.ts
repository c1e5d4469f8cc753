// A one-line chart of the last values of a field, for `monitor --plot`.
const BARS = "▁▂▃▄▅▆▇█";

export function sparkline(values: number[]): string {
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return "";
  const lo = Math.min(...finite);
  const hi = Math.max(...finite);
  return values
    .map((v) => (Number.isFinite(v) ? BARS[hi === lo ? 3 : Math.round(((v - lo) / (hi - lo)) * (BARS.length - 1))] : " "))
    .join("");
}

/** Keeps the last `width` values of every numeric field and renders one sparkline row per field. */
export class SparkPanel {
  private readonly series = new Map<string, number[]>();
  constructor(private readonly width = 40) {}

  add(record: Record<string, unknown>): void {
    for (const [k, v] of Object.entries(record)) {
      if (k === "seq" || typeof v !== "number") continue;
      const s = this.series.get(k) ?? [];
      s.push(v);
      if (s.length > this.width) s.shift();
      this.series.set(k, s);
    }
  }

  rows(): string[] {
    const pad = Math.max(0, ...[...this.series.keys()].map((k) => k.length));
    return [...this.series].map(([k, s]) => `${k.padEnd(pad)} ${sparkline(s).padEnd(this.width)} ${s[s.length - 1]}`);
  }
}
