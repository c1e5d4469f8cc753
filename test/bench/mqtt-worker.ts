// Runs in a child process with GC held off (big young generation, --expose-gc): measures heap bytes allocated
// per QoS0 publish and end-to-end publish rate for the device core and for the mqtt npm client, against the
// same broker. Prints one JSON line.
import { PerformanceObserver } from "node:perf_hooks";
import mqtt from "mqtt";
import { NodeMqttLink } from "../../host-tools/mqtt/node-link.ts";
import { MqttClient } from "../../firmware/mqtt/client.ts";

const port = Number(process.argv[2]);
const gc = (globalThis as any).gc as () => void;
let gcRuns = 0;
new PerformanceObserver((list) => (gcRuns += list.getEntries().length)).observe({ entryTypes: ["gc"] });

interface Publisher {
  name: string;
  /** Publish synchronously; false when the client wants the caller to wait. */
  publish(topic: string, payload: string | Buffer): boolean;
  /** Resolves when everything so far has reached the broker (a QoS1 round trip behind it). */
  flush(): Promise<void>;
  waitWritable(): Promise<void>;
  close(): Promise<void>;
}

async function corePublisher(): Promise<Publisher> {
  let resolveAck: (() => void) | null = null;
  const link = new NodeMqttLink({ host: "127.0.0.1", port }, { clientId: "bench-core", sendWindow: 1 << 20, maxInflight: 8 }, {
    delivered: () => resolveAck?.(),
  });
  await new Promise<void>((r) => {
    link.client.h.connected = () => r();
    link.start();
  });
  const c = link.client;
  return {
    name: "espnode core",
    publish: (t, p) => c.publish(t, p as string, 0, false) >= 0,
    async flush() {
      const done = new Promise<void>((r) => (resolveAck = r));
      while (c.publish("bench/flush", "", 1, false) < 0) await new Promise((r) => setTimeout(r, 1));
      await done;
    },
    waitWritable: () => new Promise((r) => setTimeout(r, 1)),
    async close() {
      link.stop();
    },
  };
}

async function mqttJsPublisher(): Promise<Publisher> {
  const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: "bench-mqttjs" });
  return {
    name: "mqtt (npm)",
    publish: (t, p) => {
      c.publish(t, p, { qos: 0 });
      return true;
    },
    async flush() {
      await c.publishAsync("bench/flush", "", { qos: 1 });
    },
    waitWritable: () => new Promise((r) => setTimeout(r, 1)),
    close: () => c.endAsync(),
  };
}

async function allocation(p: Publisher, payload: string, n: number): Promise<number | null> {
  for (let i = 0; i < 1000; i++) p.publish("bench/a", payload); // warm up: JIT and socket buffers
  await p.flush();
  gc();
  const before = gcRuns;
  const h0 = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) p.publish("bench/a", payload);
  const h1 = process.memoryUsage().heapUsed;
  const clean = gcRuns === before;
  await p.flush();
  return clean ? (h1 - h0) / n : null;
}

async function rate(p: Publisher, payload: string, n: number): Promise<number> {
  const t0 = performance.now();
  for (let i = 0; i < n; ) {
    if (p.publish("bench/r", payload)) i++;
    else await p.waitWritable();
    if (i % 2000 === 0) await p.flush(); // bounded backlog for both clients
  }
  await p.flush();
  return n / ((performance.now() - t0) / 1000);
}

/** The core alone, writing to a socket that keeps nothing: what the protocol code itself allocates. */
function coreAlone(payload: string, n: number): number | null {
  const sink = { write() {}, end() {} };
  const c = new MqttClient({ clientId: "alone", sendWindow: 1 << 30 }, { open() {} });
  c.start(0);
  c.linkUp(sink);
  c.feed("\x20\x02\x00\x00");
  for (let i = 0; i < 1000; i++) c.publish("bench/a", payload, 0, false);
  gc();
  const before = gcRuns;
  const h0 = process.memoryUsage().heapUsed;
  for (let i = 0; i < n; i++) c.publish("bench/a", payload, 0, false);
  const h1 = process.memoryUsage().heapUsed;
  return gcRuns === before ? (h1 - h0) / n : null;
}

const rows = [];
rows.push({ client: "espnode core alone (no socket)", bytes5: coreAlone("x".repeat(5), 20_000), bytes300: coreAlone("x".repeat(300), 20_000), rate: null });
for (const make of [corePublisher, mqttJsPublisher]) {
  const p = await make();
  const b5 = await allocation(p, "x".repeat(5), 2000);
  const b300 = await allocation(p, "x".repeat(300), 2000);
  const r = await rate(p, "x".repeat(5), 40_000);
  rows.push({ client: p.name, bytes5: b5, bytes300: b300, rate: r });
  await p.close();
}
console.log(JSON.stringify(rows));
process.exit(0);
