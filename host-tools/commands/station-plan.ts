// `espnode station`'s plan: the device list (a CSV with one row per device, columns named like provision's flags)
// validated completely before any board is touched, and which row goes to which board.
import { readFile } from "node:fs/promises";
import { createHash } from "node:crypto";
import { dirname, isAbsolute, resolve } from "node:path";
import { EspnodeError, isEspnodeError } from "../transport/errors.ts";
import { redactConfig, type DeviceConfig } from "../../firmware/protocol/config.ts";
import { parseCsv } from "./csv.ts";
import { buildProvisionInput, flagsFromRecord, type ProvisionFlags } from "./provision-input.ts";
import type { StationRecord } from "./station-report.ts";

/** Columns a row may have (after provision's spelling rules: device-id = deviceId, id = deviceId). */
const COLUMNS = new Set([
  "deviceId", "ssid", "broker", "mqttUser", "ca", "cert", "key", "prefix", "interval", "qos", "sensors", "sleep",
  "wifiPasswordFile", "mqttPasswordFile", "serial",
]);
/** Columns naming files: relative to the CSV's folder, so the list works from any working directory. */
const FILE_COLUMNS = ["ca", "cert", "key", "wifiPasswordFile", "mqttPasswordFile"] as const;

export interface StationRow {
  /** The file line the row is on. */
  line: number;
  id: string;
  /** USB serial number of the board this row belongs to. */
  serial?: string;
  config: DeviceConfig;
  /** TLS files (DER) the config names. */
  files: Record<string, Buffer>;
  /** The passwords, only to keep them out of every message and the report. */
  secrets: string[];
  /** A digest of what the row puts on a board (no secrets): a re-run redoes a done row whose values changed. */
  input: string;
}

const hash = (parts: (string | Buffer)[]) => {
  const h = createHash("sha256");
  for (const p of parts) h.update(p).update("\0");
  return h.digest("hex").slice(0, 12);
};

/** What the row puts on a board besides its config (the app, the firmware), for the input digest. */
export interface PlanExtras {
  app?: Buffer;
  firmware?: string;
}

/**
 * Reads and validates DEVICES.csv: every row gets provision's checks (a row's passwords from its *-password-file
 * columns, else $ESPNODE_WIFI_PASSWORD / $ESPNODE_MQTT_PASSWORD). Throws one usage error naming every bad row.
 */
export async function loadStationPlan(path: string, env: NodeJS.ProcessEnv, extras: PlanExtras = {}): Promise<StationRow[]> {
  let text: string;
  try {
    text = await readFile(path, "utf8");
  } catch (e) {
    throw new EspnodeError("usage", `Cannot read the device list ${path}: ${(e as Error).message}.`, "Check the path.");
  }
  const records = parseCsv(text, path);
  if (records.length < 2)
    throw new EspnodeError("usage", `${path} has no devices: it needs a header line and one row per device.`, "e.g. device-id,ssid,broker then kitchen-1,home,mqtt://192.168.1.10:1883");
  const [header, ...data] = records;
  const names = header.fields.map((h) => Object.keys(flagsFromRecord({ [h]: "" }, path))[0]);
  const unknown = header.fields.filter((h, i) => !COLUMNS.has(names[i]));
  if (unknown.length > 0)
    throw new EspnodeError(
      "usage",
      `${path} has ${unknown.length > 1 ? "columns" : "a column"} espnode does not know: ${unknown.join(", ")}.`,
      "Name columns like provision's flags: device-id, ssid, broker, mqtt-user, ca, cert, key, prefix, interval, qos, sensors, sleep, wifi-password-file, mqtt-password-file, serial.",
    );
  const problems: string[] = [];
  const rows: StationRow[] = [];
  const seenIds = new Map<string, number>();
  const seenSerials = new Map<string, number>();
  const base = dirname(path);
  for (const rec of data) {
    const values: Record<string, string> = {};
    names.forEach((n, i) => {
      const v = rec.fields[i];
      if (v !== undefined && v !== "") values[n] = v; // an empty cell means "not given": the default applies
    });
    const label = `line ${rec.line}${values.deviceId ? ` (${values.deviceId})` : ""}`;
    if (rec.fields.length > header.fields.length) {
      problems.push(`${label}: ${rec.fields.length} fields but the header has ${header.fields.length}`);
      continue;
    }
    const { serial, ...rest } = values;
    const flags: ProvisionFlags = rest;
    for (const col of FILE_COLUMNS) {
      const file = flags[col];
      if (file === "-") {
        problems.push(`${label}: ${col.replace(/[A-Z]/g, (c) => "-" + c.toLowerCase())} cannot be standard input here; name a file`);
        continue;
      }
      if (file && !isAbsolute(file)) flags[col] = resolve(base, file);
    }
    try {
      // No terminal to ask on: every missing value is an error, as with `provision --no-input`.
      const input = await buildProvisionInput(flags, { env });
      const { config, files } = input;
      const earlier = seenIds.get(config.id);
      if (earlier !== undefined) throw new EspnodeError("usage", `device id ${config.id} is already on line ${earlier}`);
      seenIds.set(config.id, rec.line);
      if (serial !== undefined) {
        const other = seenSerials.get(serial);
        if (other !== undefined) throw new EspnodeError("usage", `serial ${serial} is already on line ${other}`);
        seenSerials.set(serial, rec.line);
      }
      const secrets = [config.wifiPass, config.mqttPass].filter((s): s is string => !!s);
      const digest = hash([
        JSON.stringify(redactConfig(config)),
        ...Object.entries(files).flatMap(([n, b]) => [n, b]),
        extras.app ?? "",
        extras.firmware ?? "",
      ]);
      rows.push({ line: rec.line, id: config.id, serial, config, files, secrets, input: digest });
    } catch (e) {
      if (!isEspnodeError(e) || e.kind !== "usage") throw e;
      problems.push(`${label}: ${e.message.replace(/\.$/, "")}`);
    }
  }
  if (problems.length > 0)
    throw new EspnodeError(
      "usage",
      `${path} has ${problems.length} bad row${problems.length > 1 ? "s" : ""}; no board was touched:\n  ${problems.join("\n  ")}`,
      "Fix these rows and run again. Passwords come from $ESPNODE_WIFI_PASSWORD / $ESPNODE_MQTT_PASSWORD or wifi-password-file / mqtt-password-file columns.",
    );
  return rows;
}

/** A board the station can use. */
export interface StationBoard {
  path: string;
  /** The USB adapter's serial number, when the port listing has one. */
  usbSerial?: string;
  /** Control socket of the `espnode sim` serving this port (to flash a virtual board). */
  simControl?: string;
}

export type Assignment =
  | { row: StationRow; kind: "run"; board: StationBoard }
  | { row: StationRow; kind: "done"; record: StationRecord }
  | { row: StationRow; kind: "no-board"; reason: string };

/**
 * Rows go to boards by `serial` when they have one, otherwise in order. A row the last report says is done (same
 * input) is skipped and keeps its board: a retried row never lands on a board that already holds another device.
 * A retried row goes back to the board it was on (by USB serial, else port).
 */
export function assignBoards(rows: StationRow[], boards: StationBoard[], previous: StationRecord[]): Assignment[] {
  const last = new Map(previous.map((r) => [r.id, r]));
  const free = [...boards];
  const take = (match: (b: StationBoard) => boolean) => {
    const i = free.findIndex(match);
    return i < 0 ? undefined : free.splice(i, 1)[0];
  };
  const onBoardOf = (r: StationRecord) => (b: StationBoard) => (r.usbSerial ? b.usbSerial === r.usbSerial : b.path === r.port);
  const out: (Assignment | undefined)[] = rows.map(() => undefined);
  // Done rows first: their boards are not free for others.
  rows.forEach((row, i) => {
    const r = last.get(row.id);
    if (r?.result === "ok" && r.input === row.input) {
      take(onBoardOf(r));
      out[i] = { row, kind: "done", record: r };
    }
  });
  // Then rows tied to a board: by serial, or by where they ran last time.
  rows.forEach((row, i) => {
    if (out[i]) return;
    if (row.serial !== undefined) {
      const board = take((b) => b.usbSerial === row.serial);
      out[i] = board
        ? { row, kind: "run", board }
        : { row, kind: "no-board", reason: `no board with USB serial ${row.serial} is connected (or it is taken by another row)` };
      return;
    }
    const r = last.get(row.id);
    const board = r ? take(onBoardOf(r)) : undefined;
    if (board) out[i] = { row, kind: "run", board };
  });
  // The rest in order.
  rows.forEach((row, i) => {
    if (out[i]) return;
    const board = free.shift();
    out[i] = board ? { row, kind: "run", board } : { row, kind: "no-board", reason: "more rows than boards: connect the next boards and run again" };
  });
  return out as Assignment[];
}
