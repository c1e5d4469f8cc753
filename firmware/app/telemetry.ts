// The telemetry record: one JSON object per interval, published to <prefix>/<id>/telemetry and printed on the
// console as a telemetryLine() so `espnode monitor` can tell it from log lines. Built as one string from
// pre-made field names; "seq" comes first because the outbox reads it back from flash.

function num(v: number | null): string {
  // JSON has no NaN or Infinity: an unavailable reading is null.
  return typeof v === "number" && v === v && v !== Infinity && v !== -Infinity ? String(v) : "null";
}

/** The record's JSON: seq, up (s), rssi (dBm or null), mem (free JsVars), lost (records dropped), ob (records
 *  waiting in the outbox), then readings. */
export function telemetryJson(
  seq: number, up: number, rssi: number | null, mem: number, lost: number, ob: number, fields: string[], values: number[],
): string {
  var s = '{"seq":' + seq + ',"up":' + up + ',"rssi":' + num(rssi) + ',"mem":' + mem + ',"lost":' + lost + ',"ob":' + ob;
  for (var i = 0; i < fields.length; i++) s += ',"' + fields[i] + '":' + num(values[i]);
  return s + "}";
}
