// The console line that carries one telemetry record, shared by the firmware (writer) and `espnode monitor`
// (reader). A fixed prefix keeps records apart from ordinary log lines; the body is the same JSON that goes
// to the broker, so a record reads the same on both paths.

/** Every telemetry line starts with this; ordinary log lines never do. */
export var TELEMETRY_PREFIX = "@tlm ";

/** The record as the firmware publishes it; sensor readings are extra numeric fields. */
export interface TelemetryRecord {
  /** Sequence number, +1 per record since the outbox was created; gaps mean lost records. */
  seq: number;
  /** Seconds since boot. */
  up: number;
  /** Wi-Fi RSSI in dBm, or null when not connected. */
  rssi: number | null;
  /** Free JsVars. */
  mem: number;
  [sensor: string]: number | null | string;
}

/** Formats a record's JSON as a console line (without the line ending). */
export function telemetryLine(json: string): string {
  return TELEMETRY_PREFIX + json;
}

/** Parses a console line; returns the record, or null when the line is not a (well-formed) telemetry line. */
export function parseTelemetryLine(line: string): TelemetryRecord | null {
  var start = line.indexOf(TELEMETRY_PREFIX);
  // Tolerate a prompt or garbage before the prefix (">@tlm {...}"), never inside it.
  if (start < 0) return null;
  var rec: any;
  try {
    rec = JSON.parse(line.substr(start + TELEMETRY_PREFIX.length));
  } catch (e) {
    return null;
  }
  if (!rec || typeof rec !== "object" || typeof rec.seq !== "number") return null;
  return rec;
}
