// The real firmware build (dist/firmware, made by `npm run build`) runs unmodified on the virtual board:
// boot code from Storage, Wi-Fi, a real aedes broker over net, the BME280, telemetry on the console and over MQTT.
import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startAedes, type AedesBroker } from "../helpers/brokers.ts";
import { startBoard, type TestBoard } from "./support/sim-console.ts";

const DIST = resolve(import.meta.dirname, "../../dist/firmware");
const built = existsSync(resolve(DIST, "app.js")) && existsSync(resolve(DIST, "mqtt.js"));
const AP = { ssid: "fw-test-ap", password: "fw-test-password" };

let t: TestBoard | undefined;
let broker: AedesBroker | undefined;

afterAll(async () => {
  await t?.close();
  await broker?.stop();
});

describe.skipIf(!built)("firmware on the virtual board (needs `npm run build`)", () => {
  it("boots from .bootcde, joins Wi-Fi, and publishes telemetry with BME280 readings", async () => {
    broker = await startAedes();
    const telemetry: string[] = [];
    broker.broker.on("publish", (packet, client) => {
      if (client && packet.topic.endsWith("/telemetry")) telemetry.push(packet.payload.toString());
    });
    t = await startBoard({ wifi: AP });
    const config = { v: 1, id: "simnode", ssid: AP.ssid, wifiPass: AP.password, broker: `mqtt://127.0.0.1:${broker.port}`, prefix: "espnode", interval: 1, qos: 1, sensors: ["bme280"] };
    const write = (name: string, data: string) => t!.board.port.write(`\x10require("Storage").write(${JSON.stringify(name)}, ${JSON.stringify(data)})\r`);
    write("espnode.cfg", JSON.stringify(config));
    write("mqtt.js", readFileSync(resolve(DIST, "mqtt.js"), "latin1"));
    write(".bootcde", readFileSync(resolve(DIST, "app.js"), "latin1"));
    const deadline = Date.now() + 5000;
    while (t.board.storage.read(".bootcde") === undefined && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    t.board.reset();
    await t.board.whenReady();
    await t.out.waitFor(/@tlm \{/, 15_000);
    const waitUntil = Date.now() + 10_000;
    while (telemetry.length === 0 && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 50));
    expect(telemetry.length).toBeGreaterThan(0);
    const record = JSON.parse(telemetry[0]!) as { t: number; p: number; h: number };
    const truth = await t.board.sensorTruth();
    expect(Math.abs(record.t - truth.temperature)).toBeLessThan(1);
    expect(Math.abs(record.h - truth.humidity)).toBeLessThan(3);
  }, 40_000);
});
