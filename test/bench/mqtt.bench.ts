// MQTT core vs the mqtt npm client on the same loopback broker in the same run: heap bytes per QoS0 publish
// (5 B and 300 B payloads) and end-to-end QoS0 publishes per second.
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { startMosquitto, startAedes, mosquittoPath, type RunningBroker } from "../helpers/brokers.ts";
import type { BenchResult } from "./run.ts";

const here = path.dirname(fileURLToPath(import.meta.url));

function runWorker(port: number): Promise<any[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--expose-gc", "--max-semi-space-size=256", "--import", "tsx", path.join(here, "mqtt-worker.ts"), String(port)], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").pop()!)) : reject(new Error("worker exited " + code))));
  });
}

export default async function bench(): Promise<BenchResult> {
  // An out-of-process broker keeps its allocations out of the measured heap.
  let broker: RunningBroker;
  let brokerName: string;
  if (mosquittoPath) {
    const m = await startMosquitto();
    broker = { ...m, stop: async () => (await m.stop(), m.cleanup()) };
    brokerName = "Mosquitto";
  } else {
    broker = await startAedes();
    brokerName = "aedes (in the bench process; Mosquitto not installed)";
  }
  try {
    const rows = await runWorker(broker.port);
    const core = rows.find((r) => r.client === "espnode core")!;
    const fmt = (v: number | null) => (v === null ? "n/a (GC ran)" : Math.round(v));
    return {
      title: `MQTT QoS0 publish: espnode core vs mqtt npm client (broker: ${brokerName})`,
      rows: rows.map((r) => ({
        client: r.client,
        "heap B/publish 5 B": fmt(r.bytes5),
        "heap B/publish 300 B": fmt(r.bytes300),
        "publishes/s (5 B, end to end)": r.rate === null ? "-" : Math.round(r.rate),
        "rate vs core": r.rate === null ? "-" : +(r.rate / core.rate).toFixed(2),
      })),
      notes: [
        "'core alone' is the protocol code writing to a socket that keeps nothing; the other rows include Node's socket buffers.",
        "Heap bytes: V8 heapUsed delta over 2000 publishes in one tick, young generation sized so no GC runs (checked).",
      ],
    };
  } finally {
    await broker.stop();
  }
}
