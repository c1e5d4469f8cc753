// Commands arriving on <prefix>/<id>/cmd as JSON, each answered with one JSON reply for <prefix>/<id>/reply.
// Parsing and dispatch are pure; what a command does is behind CommandTarget, so it is testable in Node.
// A command never throws out of here: anything malformed becomes {"ok":false,"error":...}.

export interface CommandTarget {
  /** Sets the telemetry interval (s); returns an error text or "" on success. */
  setInterval(seconds: number): string;
  /** Reads one enabled sensor now: {field: value|null}, or null when it is not enabled. */
  readSensor(name: string): any;
  /** Names of the enabled sensors, for error messages. */
  sensorNames(): string[];
  /** Blinks the LED so the board can be found. */
  identify(): void;
  /** Reboots soon (after the reply has left). */
  reboot(): void;
  /** The config without secrets. */
  config(): any;
}

/** Longest command payload accepted; a command is a small JSON object. */
export var MAX_COMMAND_BYTES = 512;

function fail(reply: any, error: string): any {
  reply.ok = false;
  reply.error = error;
  return reply;
}

/** Handles one command payload; returns the reply object (the caller serialises and publishes it). */
export function runCommand(payload: string, target: CommandTarget): any {
  var reply: any = { ok: false };
  if (payload.length > MAX_COMMAND_BYTES) return fail(reply, "command longer than " + MAX_COMMAND_BYTES + " bytes");
  var msg: any;
  try {
    msg = JSON.parse(payload);
  } catch (e) {
    return fail(reply, 'command is not JSON: send e.g. {"cmd":"identify"}');
  }
  if (!msg || typeof msg !== "object" || Array.isArray(msg)) return fail(reply, 'command must be a JSON object like {"cmd":"identify"}');
  if (typeof msg.id === "string" || typeof msg.id === "number") reply.id = msg.id;
  var cmd = msg.cmd;
  if (typeof cmd !== "string") return fail(reply, 'missing "cmd": one of interval, read, identify, reboot, config');
  reply.cmd = cmd;
  if (cmd === "interval") {
    var v = msg.value;
    if (typeof v !== "number" || v !== Math.floor(v) || v < 1 || v > 86400)
      return fail(reply, '"value" must be a whole number of seconds, 1-86400');
    var err = target.setInterval(v);
    if (err) return fail(reply, err);
    reply.ok = true;
    reply.value = v;
    return reply;
  }
  if (cmd === "read") {
    var name = msg.sensor;
    if (typeof name !== "string") return fail(reply, '"sensor" must name an enabled sensor: ' + target.sensorNames().join(", "));
    var values = target.readSensor(name);
    if (!values) return fail(reply, "sensor " + name + " is not enabled; enabled: " + (target.sensorNames().join(", ") || "none"));
    reply.ok = true;
    reply.sensor = name;
    for (var k in values) reply[k] = values[k];
    return reply;
  }
  if (cmd === "identify") {
    target.identify();
    reply.ok = true;
    return reply;
  }
  if (cmd === "reboot") {
    target.reboot();
    reply.ok = true;
    return reply;
  }
  if (cmd === "config") {
    reply.ok = true;
    reply.config = target.config();
    return reply;
  }
  return fail(reply, "unknown command " + JSON.stringify(cmd) + ": use interval, read, identify, reboot or config");
}

/** runCommand, serialised for publishing. */
export function commandReply(payload: string, target: CommandTarget): string {
  var reply: any;
  try {
    reply = runCommand(payload, target);
  } catch (e) {
    // A failing action (e.g. flash full) still gets an answer.
    reply = { ok: false, error: "command failed: " + e };
  }
  return JSON.stringify(reply);
}
