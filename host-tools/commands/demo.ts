// `espnode demo` (npm start): the whole life-cycle with nothing plugged in. An embedded aedes broker on a free
// 127.0.0.1 port and a virtual board; then build → deploy → provision → watch telemetry arrive over both the
// serial console and the broker, until the duration ends or the caller aborts.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CONFIG_VERSION, type DeviceConfig } from "../../firmware/protocol/config.ts";
import { InProcessTransport } from "../transport/in-process-transport.ts";
import { openBoard } from "./connect.ts";
import { deploy, type DeployResult } from "./deploy.ts";
import { provision } from "./provision.ts";
import { monitor, type MonitorSummary } from "./monitor.ts";
import { startEmbeddedBroker } from "./embedded-broker.ts";
import type { MonitorEvent } from "./monitor-parser.ts";
import type { Progress } from "../device/espruino/packet.ts";

export const DEMO_DEVICE_ID = "demo-1";
export const DEMO_AP = { ssid: "espnode-demo", password: "demo-password" };

export interface DemoOptions {
  durationMs?: number;
  signal?: AbortSignal;
  /** Interval between telemetry records, seconds. */
  interval?: number;
  /** Pace the virtual console like a UART (0 = as fast as possible). */
  baud?: number;
  onStep?: (message: string) => void;
  /** A step that takes seconds (the firmware build) starts; the returned callback gets its outcome. Default: onStep. */
  onLongStep?: (message: string) => (outcome: string) => void;
  onProgress?: Progress;
  onSerial?: (event: MonitorEvent) => void;
  onMqtt?: (topic: string, payload: string, retain: boolean) => void;
}

export interface DemoResult {
  broker: string;
  deploy: DeployResult;
  serial: MonitorSummary;
  mqttMessages: number;
  telemetryOverMqtt: number;
}

export async function runDemo(opts: DemoOptions = {}): Promise<DemoResult> {
  const step = opts.onStep ?? (() => {});
  const cleanups: (() => Promise<unknown>)[] = [];
  try {
    let buildDone = (_outcome: string) => {};
    if (opts.onLongStep) buildDone = opts.onLongStep("building the firmware");
    else step("building the firmware");
    const { buildFirmware, DEVICE_ENTRIES } = await import("../../firmware/build/build.ts");
    // The app and the client module; the on-board memory benchmark is not part of a deployment.
    const built = await buildFirmware({ entries: DEVICE_ENTRIES.filter((e) => e.name === "app.js" || e.name === "mqtt.js") });
    const app = built.files.find((f) => f.name === "app.js");
    if (!app) throw new Error("the firmware build produced no app.js");
    buildDone(`firmware built: ${built.files.map((f) => `${f.name} ${f.bytes} bytes`).join(", ")}`);

    const broker = await startEmbeddedBroker();
    cleanups.push(() => broker.close());
    step(`MQTT broker (aedes) listening on ${broker.url}`);

    const stateDir = await mkdtemp(join(tmpdir(), "espnode-demo-"));
    cleanups.push(() => rm(stateDir, { recursive: true, force: true }));
    const { VirtualBoard } = await import("../sim/board.ts");
    const board = await VirtualBoard.start({ stateDir, baud: opts.baud ?? 0, wifi: DEMO_AP });
    cleanups.unshift(() => board.close());
    step(`virtual ESP32 started (access point "${DEMO_AP.ssid}")`);

    const mqtt = await import("mqtt");
    const watcher = await mqtt.connectAsync(broker.url, { clientId: "espnode-demo-watch" });
    cleanups.unshift(() => watcher.endAsync(true));
    let mqttMessages = 0;
    let telemetryOverMqtt = 0;
    watcher.on("message", (topic, payload, packet) => {
      mqttMessages++;
      if (/\/telemetry$/.test(topic)) telemetryOverMqtt++;
      opts.onMqtt?.(topic, payload.toString("utf8"), packet.retain);
    });
    await watcher.subscribeAsync("espnode/#", { qos: 1 });

    const transport = new InProcessTransport(board.port);
    const conn = await openBoard({ transport });
    let deployed: DeployResult;
    try {
      // The app bundles its MQTT client; mqtt.js is the standalone module for other apps, so it is not uploaded.
      step(`deploying ${app.name} (${app.bytes} bytes)`);
      deployed = await deploy({ board: conn, file: app.path, noRestart: true, onProgress: opts.onProgress, onStep: step });
      const config: DeviceConfig = {
        v: CONFIG_VERSION,
        id: DEMO_DEVICE_ID,
        ssid: DEMO_AP.ssid,
        wifiPass: DEMO_AP.password,
        broker: broker.url,
        prefix: "espnode",
        interval: opts.interval ?? 2,
        qos: 1,
        sensors: ["temp", "bme280", "a36"],
      };
      step(`provisioning ${DEMO_DEVICE_ID}`);
      await provision({ board: conn, config, onStep: step });
    } finally {
      await conn.close();
    }

    step("watching telemetry on the serial console and the broker");
    const serial = await monitor({
      transport,
      reopen: null,
      durationMs: opts.durationMs,
      signal: opts.signal,
      onEvent: (ev) => opts.onSerial?.(ev),
    });
    return { broker: broker.url, deploy: deployed, serial, mqttMessages, telemetryOverMqtt };
  } finally {
    for (const c of cleanups) await c().catch(() => {});
  }
}
