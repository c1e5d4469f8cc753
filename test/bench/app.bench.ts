// Sensor-node firmware figures: built size, flash cost of the outbox per record, record and discovery sizes.
// (JsVar figures need an interpreter: see the app e2e test on the virtual board when it is available.)
import { gzipSync } from "node:zlib";
import { compileDeviceEntry } from "../../firmware/build/build.ts";
import { Outbox } from "../../firmware/app/outbox.ts";
import { OUTBOX_CAPACITY, OUTBOX_NAME, OUTBOX_SLOTS, OUTBOX_SLOT_SIZE } from "../../firmware/app/sensor-node.ts";
import { telemetryJson } from "../../firmware/app/telemetry.ts";
import { discoveryFields, discoveryPayload } from "../../firmware/app/discovery.ts";
import { SensorSet } from "../../firmware/sensors/sensor-set.ts";
import { FlashStorageDouble } from "../app/flash-storage-double.ts";
import type { BenchResult } from "./run.ts";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VirtualBoard } from "../../host-tools/sim/board.ts";
import { InProcessTransport } from "../../host-tools/transport/in-process-transport.ts";
import { openBoard } from "../../host-tools/commands/connect.ts";
import { deploy } from "../../host-tools/commands/deploy.ts";
import { startAedes } from "../helpers/brokers.ts";

/** JsVars on the virtual board (its approximate count): empty, app waiting for config, app running. */
async function footprint(app: Buffer): Promise<Record<string, string | number>[]> {
  const stateDir = mkdtempSync(join(tmpdir(), "espnode-app-bench-"));
  const broker = await startAedes();
  const board = await VirtualBoard.start({ stateDir, wifi: { ssid: "lab", password: "password1" } });
  const usage = async () => {
    const dev = await openBoard({ transport: new InProcessTransport(board.port) });
    try {
      return await dev.repl.eval<{ usage: number; free: number; total: number }>("(function(){var m=process.memory();return {usage:m.usage,free:m.free,total:m.total}})()");
    } finally {
      await dev.close();
    }
  };
  try {
    const empty = await usage();
    const dev = await openBoard({ transport: new InProcessTransport(board.port) });
    await deploy({ board: dev, data: app, noRestart: true });
    await dev.close();
    board.reset();
    await board.whenReady();
    await new Promise((r) => setTimeout(r, 500));
    const waiting = await usage();
    const cfg = { v: 1, id: "bench", ssid: "lab", wifiPass: "password1", broker: `mqtt://127.0.0.1:${broker.port}`, prefix: "espnode", interval: 1, qos: 1, sensors: ["temp", "bme280", "a36"] };
    const dev2 = await openBoard({ transport: new InProcessTransport(board.port) });
    await dev2.repl.eval(`require("Storage").write("espnode.cfg", ${JSON.stringify(JSON.stringify(cfg))})`);
    await dev2.close();
    board.reset();
    await board.whenReady();
    await new Promise((r) => setTimeout(r, 5000)); // connected, discovery done, a few records out
    const running = await usage();
    return [
      { figure: "virtual board: JsVars used, no app", value: empty.usage, unit: `JsVars (of ${empty.total})` },
      { figure: "virtual board: app loaded, not provisioned", value: waiting.usage - empty.usage, unit: "JsVars above empty" },
      { figure: "virtual board: app running (Wi-Fi, MQTT, outbox, 3 sensors)", value: running.usage - empty.usage, unit: "JsVars above empty" },
      { figure: "virtual board: free while running", value: running.free, unit: "JsVars" },
    ];
  } finally {
    await board.close();
    await broker.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}

export default async function bench(): Promise<BenchResult> {
  const rows: Record<string, string | number>[] = [];
  const app = await compileDeviceEntry("firmware/app/main.ts");
  rows.push({ figure: "app.js (minified, incl. MQTT core)", value: app.length, unit: "bytes" });
  rows.push({ figure: "app.js gzipped", value: gzipSync(app).length, unit: "bytes" });

  const sensors = new SensorSet(["temp", "bme280", "a36"], { getTemperature: () => 0, analogRead: () => 0, i2c: () => ({ writeTo() {}, readFrom: () => [] }) });
  const worst = telemetryJson(9999999, 99999999, -100, 99999, 99999, 48, sensors.fields, [85.5, -40.25, 1100.25, 100, 0.999]);
  rows.push({ figure: "telemetry record, temp+bme280+a36 (worst case)", value: worst.length, unit: "bytes" });
  const cfg = { v: 1, id: "node-with-a-long-name", ssid: "s", wifiPass: "", broker: "mqtt://h", prefix: "espnode/site", interval: 60, qos: 1, sensors: sensors.names };
  rows.push({ figure: "largest HA discovery payload", value: Math.max(...discoveryFields(sensors.fields).map((f) => discoveryPayload(cfg, f).length)), unit: "bytes" });

  const fs = new FlashStorageDouble();
  const ob = new Outbox(fs, { name: OUTBOX_NAME, slots: OUTBOX_SLOTS, slotSize: OUTBOX_SLOT_SIZE, capacity: OUTBOX_CAPACITY });
  ob.open();
  const w0 = fs.writes;
  const b0 = fs.bytesWritten;
  const c0 = fs.creates;
  const N = 1000;
  let pid = 1;
  const t0 = performance.now();
  for (let i = 0; i < N; i++) {
    const seq = ob.prepare(true);
    ob.append(telemetryJson(seq, i, -60, 5000, ob.lost, ob.waiting, sensors.fields, [40, 21.5, 1013.25, 45.5, 0.5]), true);
    ob.sent(ob.nextUnsent(), pid);
    ob.delivered(pid++);
  }
  const ms = performance.now() - t0;
  rows.push({ figure: "outbox file size (two while recycling)", value: ob.fileSize(), unit: "bytes" });
  rows.push({ figure: "outbox flash writes per delivered record", value: (fs.writes - w0) / N, unit: "writes" });
  rows.push({ figure: "outbox flash bytes written per delivered record", value: (fs.bytesWritten - b0) / N, unit: "bytes" });
  rows.push({ figure: "outbox file creations per 1000 records (recycles)", value: fs.creates - c0, unit: "files" });
  rows.push({ figure: "outbox CPU per record in Node (indicative only)", value: (ms * 1000) / N, unit: "µs" });
  rows.push(...(await footprint(Buffer.from(app))));
  return {
    title: "Sensor-node firmware",
    rows,
    notes: [`outbox: ${OUTBOX_SLOTS} slots × ${OUTBOX_SLOT_SIZE} B, at most ${OUTBOX_CAPACITY} records waiting`],
  };
}
