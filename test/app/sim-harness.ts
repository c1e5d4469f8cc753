// Shared by the app's end-to-end tests on the virtual board: the built app put on a board the way `espnode
// deploy` does it (app slot + .bootcde loader) with espnode.cfg next to it, the console captured, and an MQTT
// client watching the broker.
import { afterAll, afterEach, beforeAll } from "vitest";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt from "mqtt";
import { VirtualBoard, type VirtualBoardOptions } from "../../host-tools/sim/board.ts";
import { InProcessTransport } from "../../host-tools/transport/in-process-transport.ts";
import { openBoard, type Board } from "../../host-tools/commands/connect.ts";
import { deploy } from "../../host-tools/commands/deploy.ts";
import { compileDeviceEntry } from "../../firmware/build/build.ts";
import { parseTelemetryLine } from "../../firmware/protocol/telemetry-line.ts";
import type { DeviceConfig } from "../../firmware/protocol/config.ts";

export const AP = { ssid: "lab", password: "password1" };

/** Registers the hooks of one test file: builds the app once, stops what each test started. */
export function simSuite() {
  const cleanups: (() => Promise<void> | void)[] = [];
  let app: Buffer;
  beforeAll(async () => {
    app = Buffer.from(await compileDeviceEntry("firmware/app/main.ts"));
  }, 60_000);
  const drain = async () => {
    while (cleanups.length) await cleanups.pop()!();
  };
  afterEach(drain);
  afterAll(drain);

  /** A board with the app (and the config, unless null) in Storage, booted, console captured. */
  /** cfg: the config to store, or the raw text of espnode.cfg, or null for none. */
  async function bootBoard(cfg: DeviceConfig | string | null, boardOptions: Partial<VirtualBoardOptions> = {}) {
    const stateDir = mkdtempSync(join(tmpdir(), "espnode-app-e2e-"));
    const board = await VirtualBoard.start({ stateDir, wifi: AP, seed: 7, ...boardOptions });
    cleanups.push(async () => {
      await board.close();
      rmSync(stateDir, { recursive: true, force: true });
    });
    let text = "";
    board.port.on("data", (b: Buffer) => (text += b.toString("latin1")));
    const dev: Board = await openBoard({ transport: new InProcessTransport(board.port) });
    await deploy({ board: dev, data: app, noRestart: true });
    if (cfg) await dev.storage.uploadVerified("espnode.cfg", Buffer.from(typeof cfg === "string" ? cfg : JSON.stringify(cfg)), { method: dev.uploadMethod });
    await dev.close();
    text = "";
    board.reset();
    await board.whenReady();
    return {
      board,
      console: () => text,
      records: () => text.split(/\r?\n/).map(parseTelemetryLine).filter((r) => r !== null),
    };
  }

  async function watch(port: number) {
    const msgs: { topic: string; payload: string }[] = [];
    const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: "e2e-watch-" + port, clean: false, reconnectPeriod: 50 });
    cleanups.push(() => c.endAsync(true));
    c.on("message", (topic, p) => msgs.push({ topic, payload: p.toString() }));
    await c.subscribeAsync(["espnode/#", "homeassistant/#"], { qos: 1 });
    const on = (t: string) => msgs.filter((m) => m.topic === t);
    return {
      client: c,
      on,
      seqs: () => [...new Set(on("espnode/sim1/telemetry").map((m) => JSON.parse(m.payload).seq as number))].sort((a, b) => a - b),
    };
  }

  return { cleanups, bootBoard, watch };
}

export function config(port: number, extra: Partial<DeviceConfig> = {}): DeviceConfig {
  return {
    v: 1, id: "sim1", ssid: AP.ssid, wifiPass: AP.password, broker: `mqtt://127.0.0.1:${port}`, prefix: "espnode",
    interval: 1, qos: 1, sensors: ["temp", "bme280", "a36"], ...extra,
  };
}

export async function until(cond: () => boolean, ms: number, what: string, log?: () => string): Promise<void> {
  const deadline = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > deadline) throw new Error(`${what}: not within ${ms} ms${log ? "\n" + log().slice(-1500) : ""}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** 1, 2, 3, ... without a gap. */
export const contiguous = (s: number[]) => s.length > 0 && s.every((v, i) => v === i + 1);
