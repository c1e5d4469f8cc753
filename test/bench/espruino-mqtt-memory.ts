// The same on-board memory measurement as firmware/bench/mqtt-memory.ts, for Espruino's own MQTT module
// (EspruinoDocs modules/MQTT.js: `require("MQTT").create(server, options)`, `.connect()`, `.publish(topic, message)`,
// events `connected` and `publish`). That module is someone else's code and stays out of the repository: the
// benchmark takes its text from a file given on the command line and builds this program around it.
//
// Method as in mqtt-memory.ts: the module is written to Storage and loaded with require(); a fake `net` module
// (Modules.addCached, which require() looks at first) hands the client a socket whose write() records the peak of
// process.memory(false).usage; the baseline is taken after a collection, N operations run in one tick, the harness's
// own share is subtracted (a constant string written through the same socket for publishes), the retained cost is
// read once the event loop has run, and the first run of each is discarded. Inbound data reaches the client through
// the `data` listener it put on the socket; as the module hands messages on with emit() (queued until the line ends),
// an inbound operation probes right after feeding the packet, and a probe-only run is its calibration.

/** The result line the program prints (same fields as MQTT_MEMORY). */
export const ESPRUINO_MQTT_RESULT = /ESPRUINO_MQTT_MEMORY (\{.*\})\r?\n/;

/** A plain ES5 program that measures the given MQTT.js text on a board (or the virtual board). */
export function espruinoMqttMemoryProgram(moduleSource: string): string {
  return `(function () {
var MODULE_SOURCE = ${JSON.stringify(moduleSource)};
var MODULE_FILE = "MQTT", N = 16, TOPIC = "bench/t", TAG = "ESPRUINO_MQTT_MEMORY ", CONSTANT = "x";
var peak = -1, errors = [];
function probe() { var u = process.memory(false).usage; if (u > peak) peak = u; }
function used() { return process.memory().usage; }
function measure(op, done) {
  var base = used(); peak = -1;
  for (var i = 0; i < N; i++) op(i);
  var top = peak;
  setTimeout(function () { done(top < 0 ? NaN : top - base, used() - base); }, 0);
}
function u16(n) { return String.fromCharCode((n >> 8) & 255, n & 255); }
function remainingLength(n) { return n < 128 ? String.fromCharCode(n) : String.fromCharCode((n & 127) | 128, n >> 7); }
function publishPacket(payload) { var body = u16(TOPIC.length) + TOPIC + payload; return "\\x30" + remainingLength(body.length) + body; }
function repeat(c, n) { var s = ""; while (s.length < n) s += c; return s; }
function forget(name) { if (Modules.getCached().indexOf(name) >= 0) Modules.removeCached(name); }
var state = global.espruinoMqttBench = { listeners: {} };
state.sock = {
  write: function (s) { probe(); },
  on: function (name, fn) { state.listeners[name] = fn; },
  removeAllListeners: function () {},
  end: function () {}
};
forget("net");
Modules.addCached("net", "exports.connect = function (options, onConnect) { var b = global.espruinoMqttBench; setTimeout(onConnect, 1); return b.sock; };");
var storage = require("Storage");
if (!storage.write(MODULE_FILE, MODULE_SOURCE)) { print("espruino-mqtt-memory: could not write " + MODULE_FILE + " to Storage"); return; }
MODULE_SOURCE = undefined;
var moduleBytes = storage.read(MODULE_FILE).length;
forget(MODULE_FILE);
var base = used();
var mqttModule = state.module = require(MODULE_FILE);
var loaded = used() - base;
base = used();
var client = state.client = mqttModule.create("localhost", { client_id: "membench", keep_alive: 600 });
var clientSize = used() - base;
client.on("publish", function (msg) { probe(); });
client.on("connected", function () { setTimeout(start, 1); });
client.connect();
setTimeout(function () {
  if (!state.listeners.data) { print("espruino-mqtt-memory: the module put no data listener on the socket"); return; }
  state.listeners.data("\\x20\\x02\\x00\\x00");
}, 10);
var timeout = setTimeout(function () { print("espruino-mqtt-memory: the client did not connect over the fake socket"); }, 2000);

function start() {
  clearTimeout(timeout);
  var small = "21.5C", large = repeat("0123456789", 300), inbound = [];
  for (var i = 0; i < N; i++) inbound.push(publishPacket(large));
  var data = state.listeners.data;
  var figures = [
    { name: "calibration (constant write)", op: function (i) { state.sock.write(CONSTANT); } },
    { name: "calibration (probe only)", op: function (i) { probe(); } },
    { name: "QoS0 publish, 5 B payload", op: function (i) { client.publish(TOPIC, small); } },
    { name: "QoS0 publish, 300 B payload", op: function (i) { client.publish(TOPIC, large); } },
    { name: "inbound QoS0 message, 300 B payload", op: function (i) { data(inbound[i]); probe(); }, calibration: 1 }
  ];
  function next(k) {
    if (k >= figures.length) return finish(figures);
    var f = figures[k];
    measure(f.op, function () {
      measure(f.op, function (transient, retained) { f.transient = transient; f.retained = retained; next(k + 1); });
    });
  }
  next(0);
}

function finish(figures) {
  var m = process.memory();
  var result = { blocksize: m.blocksize, total: m.total, ops: N, moduleBytes: moduleBytes, loaded: loaded, client: clientSize, figures: [], errors: errors };
  print("Espruino MQTT.js memory, in JsVars; " + N + " operations a figure");
  print("  module loaded from Storage (" + moduleBytes + " bytes): " + loaded);
  print("  client object: " + clientSize);
  for (var k = 2; k < figures.length; k++) {
    var f = figures[k], cal = figures[f.calibration || 0];
    var r = { name: f.name, transient: f.transient - cal.transient, retained: Math.round((f.retained - cal.retained) / N * 100) / 100 };
    result.figures.push(r);
    print("  " + r.name + ": transient " + r.transient + ", retained " + r.retained + " per message");
  }
  try { client.disconnect(); } catch (e) {}
  delete global.espruinoMqttBench;
  storage.erase(MODULE_FILE);
  forget(MODULE_FILE);
  forget("net");
  print(TAG + JSON.stringify(result));
}
})();
`;
}

/** Where Espruino's MQTT.js is: `--espruino-mqtt PATH` / `--espruino-mqtt=PATH` on the command line, or ESPNODE_ESPRUINO_MQTT. */
export function espruinoMqttPath(argv = process.argv.slice(2), env = process.env): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === "--espruino-mqtt") return argv[i + 1];
    if (argv[i]!.startsWith("--espruino-mqtt=")) return argv[i]!.slice("--espruino-mqtt=".length);
  }
  return env.ESPNODE_ESPRUINO_MQTT || undefined;
}
