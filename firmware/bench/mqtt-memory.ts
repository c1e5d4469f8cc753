// On-board memory benchmark of the MQTT client, built into dist/firmware/mqtt-memory.js: one plain JavaScript file
// to send to any Espruino (a board's RAM from the Web IDE or a serial tool, or the virtual board). It prints, in
// JsVars, the client module's loaded footprint, a client's own footprint, the transient and retained cost of a QoS0
// publish (5 B and 300 B payloads), what each QoS1 message in flight holds, and what inbound messages cost and hold.
//
// Method (espruino-notes.md): a fake socket and the message handler record the peak of process.memory(false).usage;
// the baseline is taken after a collection; N operations run in one tick; the harness's own share is measured first
// through the same harness and subtracted (reading the memory costs JsVars of its own, and so does each call of the
// fake socket or the handler): a constant string written to the socket for what the client sends, the handler called
// with constant arguments for what it delivers. The retained cost is read after the
// event loop has run (setTimeout 0) against the same baseline. Each figure is measured twice and the first run is
// thrown away, because a code path's first run leaves a few JsVars behind.
//
// The client module itself is embedded at build time (MQTT_MODULE_SOURCE = dist/firmware/mqtt.js), written to
// Storage under a file name of its own, loaded with require() as a user would, and erased at the end.

declare var MQTT_MODULE_SOURCE: string;
declare function require(name: string): any;
declare var process: { memory(gc?: boolean): { usage: number; total: number; blocksize?: number } };
declare var Modules: { getCached(): string[]; removeCached(name: string): void };
declare function print(...args: any[]): void;
declare function setTimeout(fn: () => void, ms: number): any;
declare var global: any;

var MODULE_FILE = "espnode-mqtt.bench";
/** Operations per measurement; also the client's maxInflight, so N QoS1 messages fit in flight at once. */
var N = 16;
var TOPIC = "bench/t";
var RESULT_TAG = "MQTT_MEMORY ";

/** One measured figure: transient = peak above the baseline during the N operations; retained = per operation. */
interface Figure {
  name: string;
  op: (i: number) => void;
  /** The calibration subtracted from this figure (default: the first, a constant string written to the socket). */
  calibration?: number;
  /** Puts the client back as it was (acknowledge what the operations left open). */
  reset?: () => void;
  /** Run before the figure's first measurement and after its last. */
  setup?: () => void;
  teardown?: () => void;
  transient?: number;
  retained?: number;
}

var peak = -1;
function probe(): void {
  var u = process.memory(false).usage;
  if (u > peak) peak = u;
}
function usedAfterCollection(): number {
  return process.memory().usage;
}

/** Runs op N times in this tick; calls done(peak - base, retainedTotal) once the event loop has run. */
function measure(op: (i: number) => void, done: (transient: number, retained: number) => void): void {
  var base = usedAfterCollection();
  peak = -1;
  for (var i = 0; i < N; i++) op(i);
  var top = peak;
  setTimeout(function () {
    done(top < 0 ? NaN : top - base, usedAfterCollection() - base);
  }, 0);
}

/** Fixed-width MQTT packet helpers (harness only: built before measuring, never during). */
function u16(n: number): string {
  return String.fromCharCode((n >> 8) & 255, n & 255);
}
function remainingLength(n: number): string {
  return n < 128 ? String.fromCharCode(n) : String.fromCharCode((n & 127) | 128, n >> 7);
}
function publishPacket(qos: number, id: number, payload: string): string {
  var body = u16(TOPIC.length) + TOPIC + (qos ? u16(id) : "") + payload;
  return String.fromCharCode(0x30 | (qos << 1)) + remainingLength(body.length) + body;
}
function repeat(c: string, n: number): string {
  var s = "";
  while (s.length < n) s += c;
  return s;
}

/**
 * An inbound QoS0 PUBLISH with a 300-byte payload that no other string in the harness equals (as data from the
 * network would not): the virtual board cannot tell two equal strings apart, and would take the payload cut out of
 * the packet for one it holds already. A board counts the same either way.
 */
function receivedPacket(): string {
  return publishPacket(0, 0, repeat("abcdefghij", 300));
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/**
 * The module and the client are also kept on a global: on a board it makes no difference, and the virtual board's
 * memory estimate, which walks what the globals reach, sees them there.
 */
var state: { mqtt?: any; client?: any } = ((global as any).mqttMemoryBench = {});
var errors: string[] = [];
function expectSent(r: number): void {
  if (r < 0 && errors.length < 5) errors.push("publish returned " + r);
}
var storage = require("Storage");
// The only use of the embedded source: top-level code runs once and is not kept, unlike a function's body.
var stored = storage.write(MODULE_FILE, MQTT_MODULE_SOURCE);

// Espruino's Modules.removeCached throws `Module "x" not found` for a name that is not cached: ask first.
function forgetModule(): void {
  if (typeof Modules !== "undefined" && Modules.getCached().indexOf(MODULE_FILE) >= 0) Modules.removeCached(MODULE_FILE);
}

function start(): void {
  if (!stored) {
    print("mqtt-memory: could not write " + MODULE_FILE + " to Storage (free: " + storage.getFree() + " bytes)");
    return;
  }
  var moduleBytes = storage.read(MODULE_FILE).length;
  // A second run in the same session would find the module cached and measure nothing.
  forgetModule();
  var base = usedAfterCollection();
  var mqtt = (state.mqtt = require(MODULE_FILE));
  var loaded = usedAfterCollection() - base;

  var sock = {
    write: function (s: string) {
      probe();
    },
    end: function () {},
  };
  var handlers = {
    open: function () {
      client.linkUp(sock);
    },
    message: function (t: string, p: string, q: number, r: boolean) {
      probe();
    },
  };
  // The client reads its options when it uses them: the zero-copy figure sets payloadView there. (Declared before
  // the baseline: the name is the harness's; the object the client keeps is the client's.)
  var options: any;
  base = usedAfterCollection();
  options = { clientId: "membench", keepalive: 0, maxInflight: N, sendWindow: 65535 };
  var client = (state.client = new mqtt.MqttClient(options, handlers));
  var clientSize = usedAfterCollection() - base;
  client.start(0);
  client.feed("\x20\x02\x00\x00"); // CONNACK: accepted, no session
  if (!client.connected) {
    print("mqtt-memory: the client did not connect over the fake socket");
    return;
  }

  // Everything an operation uses is made here, before any baseline.
  var small = "21.5C";
  var large = repeat("0123456789", 300);
  var inflightPayloads: string[] = [];
  var ids: number[] = [];
  var inboundQos0: string[] = [];
  var inboundQos2: string[] = [];
  var pubrels: string[] = [];
  for (var i = 0; i < N; i++) {
    inflightPayloads.push("m" + (1000 + i));
    ids.push(0);
    inboundQos0.push(receivedPacket());
    inboundQos2.push(publishPacket(2, i + 1, small));
    pubrels.push("\x62\x02" + u16(i + 1));
  }
  // Calibrations: the harness's own share of a figure, measured through the same harness and subtracted. A write
  // of a constant string through the fake socket (the method in espruino-notes.md) for what the client sends, and
  // a call of the message handler with constant arguments for what it delivers: what is left is the client's.
  var constant = "x";
  var figures: Figure[] = [
    { name: "calibration (constant write)", op: function (i) { sock.write(constant); } },
    { name: "calibration (handler call)", op: function (i) { handlers.message(TOPIC, small, 0, false); } },
    {
      name: "QoS0 publish, 5 B payload",
      op: function (i) { expectSent(client.publish(TOPIC, small, 0, false)); },
      reset: function () { client.drained(); },
    },
    {
      name: "QoS0 publish, 300 B payload",
      op: function (i) { expectSent(client.publish(TOPIC, large, 0, false)); },
      reset: function () { client.drained(); },
    },
    {
      name: "QoS1 publish kept in flight",
      op: function (i) {
        ids[i] = client.publish(TOPIC, inflightPayloads[i], 1, false);
        expectSent(ids[i]);
      },
      reset: function () {
        for (var k = 0; k < N; k++) client.feed("\x40\x02" + u16(ids[k]));
        if (client.inflight() !== 0 && errors.length < 5) errors.push("PUBACKs left " + client.inflight() + " in flight");
        client.drained();
      },
    },
    { name: "inbound QoS0 message, 300 B payload", op: function (i) { client.feed(inboundQos0[i]); }, calibration: 1 },
    {
      name: "inbound QoS0 message, 300 B payload as a zero-copy view",
      op: function (i) { client.feed(inboundQos0[i]); },
      calibration: 1,
      setup: function () { options.payloadView = mqtt.zeroCopy; },
      teardown: function () { delete options.payloadView; },
    },
    {
      name: "inbound QoS2 message held until PUBREL",
      calibration: 1,
      op: function (i) { client.feed(inboundQos2[i]); },
      reset: function () {
        for (var k = 0; k < N; k++) client.feed(pubrels[k]);
        client.drained();
      },
    },
  ];

  function next(k: number): void {
    if (k >= figures.length) return finish();
    var f = figures[k];
    if (f.setup) f.setup();
    measure(f.op, function () {
      if (f.reset) f.reset();
      measure(f.op, function (transient, retained) {
        if (f.reset) f.reset();
        if (f.teardown) f.teardown();
        f.transient = transient;
        f.retained = retained;
        next(k + 1);
      });
    });
  }

  function finish(): void {
    var m = process.memory();
    var result: any = { blocksize: m.blocksize, total: m.total, ops: N, moduleBytes: moduleBytes, loaded: loaded, client: clientSize, figures: [] };
    print("espnode MQTT client memory, in JsVars" + (m.blocksize ? " of " + m.blocksize + " bytes" : "") + "; " + N + " operations a figure");
    print("  module loaded from Storage (" + moduleBytes + " bytes): " + loaded);
    print("  client object (maxInflight " + N + "): " + clientSize);
    for (var k = 2; k < figures.length; k++) {
      var f = figures[k];
      var cal = figures[f.calibration || 0];
      var transient = (f.transient as number) - (cal.transient as number);
      var retained = round2(((f.retained as number) - (cal.retained as number)) / N);
      result.figures.push({ name: f.name, transient: transient, retained: retained });
      print("  " + f.name + ": transient " + transient + ", retained " + retained + " per message");
    }
    result.errors = errors;
    if (errors.length) print("  errors: " + errors.join("; "));
    client.stop();
    delete (global as any).mqttMemoryBench;
    storage.erase(MODULE_FILE);
    forgetModule();
    print(RESULT_TAG + JSON.stringify(result));
  }

  next(0);
}

setTimeout(start, 10);
