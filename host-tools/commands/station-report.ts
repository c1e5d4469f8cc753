// `espnode station`'s report: one record per device (where it ran, what the board is, how it ended), as CSV or
// JSON by the file's extension. It is rewritten atomically after every board, so a crash or Ctrl-C keeps what is
// known, and the next run reads it to skip the devices already done. It never holds a secret.
import { readFile, rename, writeFile } from "node:fs/promises";
import { EspnodeError } from "../transport/errors.ts";
import { csvLine, parseCsv } from "./csv.ts";

export type StationResult = "ok" | "failed" | "interrupted" | "no-board";
export type StationStep = "assign" | "flash" | "connect" | "deploy" | "provision" | "verify";

export interface StationRecord {
  id: string;
  port: string;
  usbSerial: string;
  mac: string;
  /** CRC-32 of the app the board boots (hex). */
  appCrc: string;
  result: StationResult;
  /** The step that failed (or was interrupted); empty when done. */
  step: StationStep | "";
  /** Why, as the error message said it. */
  reason: string;
  seconds: number;
  /** Digest of the row's values, app and firmware (see StationRow.input). */
  input: string;
  /** ISO 8601 time the board finished. */
  finished: string;
}

/** Report columns: the CSV header and the JSON keys, in order. */
const FIELDS: [keyof StationRecord, string][] = [
  ["id", "id"],
  ["port", "port"],
  ["usbSerial", "usb-serial"],
  ["mac", "mac"],
  ["appCrc", "app-crc"],
  ["result", "result"],
  ["step", "step"],
  ["reason", "reason"],
  ["seconds", "seconds"],
  ["input", "input"],
  ["finished", "finished"],
];

const isJson = (path: string) => /\.json$/i.test(path);

export function formatReport(path: string, records: StationRecord[]): string {
  if (isJson(path)) return JSON.stringify(records, null, 2) + "\n";
  return [csvLine(FIELDS.map(([, h]) => h)), ...records.map((r) => csvLine(FIELDS.map(([k]) => r[k])))].join("\n") + "\n";
}

/** Writes the report so that a reader never sees half of it. */
export async function writeReport(path: string, records: StationRecord[]): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, formatReport(path, records));
  await rename(tmp, path);
}

/** The records of an earlier run; none when the file does not exist yet. */
export async function readReport(path: string): Promise<StationRecord[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw new EspnodeError("usage", `Cannot read the report ${path}: ${(e as Error).message}.`, "Check --report.");
  }
  const bad = (why: string) => new EspnodeError("usage", `${path} is not a station report: ${why}.`, "Pass another --report file, or delete this one to start over.");
  if (isJson(path)) {
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (e) {
      throw bad((e as Error).message);
    }
    if (!Array.isArray(data) || data.some((r) => !r || typeof r.id !== "string" || typeof r.result !== "string")) throw bad("expected an array of records with id and result");
    return data as StationRecord[];
  }
  const [header, ...rows] = parseCsv(text, path);
  if (!header) return [];
  const at = FIELDS.map(([, h]) => header.fields.indexOf(h));
  if (at[0] < 0 || at[5] < 0) throw bad("no id and result columns");
  return rows.map((row) => {
    const r = Object.fromEntries(FIELDS.map(([k], i) => [k, at[i] < 0 ? "" : (row.fields[at[i]] ?? "")])) as Record<string, string>;
    return { ...r, seconds: Number(r.seconds) || 0 } as unknown as StationRecord;
  });
}
