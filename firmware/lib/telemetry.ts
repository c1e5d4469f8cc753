// `espnode/telemetry`: the console line `espnode monitor` reads as a record (`@tlm {json}`), so a user's app shows
// up in the monitor's table, CSV and plot like ours.
export { TELEMETRY_PREFIX, telemetryLine, parseTelemetryLine, type TelemetryRecord } from "../protocol/telemetry-line.ts";
import { telemetryLine } from "../protocol/telemetry-line.ts";

declare function print(text: string): void;

/** Prints one record's JSON as a telemetry line on the console. */
export function printTelemetry(json: string): void {
  print(telemetryLine(json));
}
