// `npm run bench`: runs every test/bench/*.bench.ts (or those named on the command line) and prints a table each.
import { readdirSync } from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export interface BenchResult {
  title: string;
  rows: Record<string, string | number>[];
  notes?: string[];
}

function printTable(r: BenchResult): void {
  console.log(`\n## ${r.title}`);
  if (!r.rows.length) return console.log("(no rows)");
  // Rows may carry different fields (one benchmark, several kinds of measurement): show the union.
  const cols = [...new Set(r.rows.flatMap((row) => Object.keys(row)))];
  const cell = (v: unknown) =>
    v === undefined ? "-" : typeof v === "number" ? (Number.isInteger(v) ? String(v) : v.toFixed(2)) : String(v);
  const widths = cols.map((c) => Math.max(c.length, ...r.rows.map((row) => cell(row[c]).length)));
  const line = (vals: string[]) => "| " + vals.map((v, i) => v.padEnd(widths[i])).join(" | ") + " |";
  console.log(line(cols));
  console.log("|" + widths.map((w) => "-".repeat(w + 2)).join("|") + "|");
  for (const row of r.rows) console.log(line(cols.map((c) => cell(row[c]))));
  for (const n of r.notes ?? []) console.log("  " + n);
}

const dir = path.dirname(fileURLToPath(import.meta.url));
// options such as `--espruino-mqtt PATH` (board-memory.bench.ts) are not bench names
const only = process.argv.slice(2).filter((a, i, all) => !a.startsWith("--") && !(i > 0 && all[i - 1] === "--espruino-mqtt"));
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".bench.ts"))
  .filter((f) => !only.length || only.some((o) => f.includes(o)))
  .sort();
let failed = 0;
for (const f of files) {
  try {
    const mod = await import(pathToFileURL(path.join(dir, f)).href);
    const results: BenchResult | BenchResult[] = await mod.default();
    for (const r of Array.isArray(results) ? results : [results]) printTable(r);
  } catch (e) {
    failed++;
    console.error(`\n${f} failed: ${(e as Error).stack ?? e}`);
  }
}
process.exit(failed ? 1 : 0);
