// The firmware runs on a virtual ESP32 (the same Espruino the `espnode sim` board runs) against an embedded broker:
// deployed and provisioned exactly as `espnode deploy` and `espnode provision` do it on a real board.
import { afterAll, beforeAll, expect, it } from "vitest";
import { startBroker, startVirtualBoard, type TestBoard, type TestBroker } from "espnode/testing";

let broker: TestBroker;
let board: TestBoard;

beforeAll(async () => {
  broker = await startBroker();
  board = await startVirtualBoard();
  await board.deploy("dist/main.js"); // `npm test` builds it first
  await board.provision({ id: "node-1", broker: broker.url, interval: 1 });
}, 60_000);

afterAll(async () => {
  await board?.close();
  await broker?.close();
});

it("publishes the chip temperature as telemetry, on the broker and on the console", async () => {
  const message = await broker.nextMessage("espnode/node-1/telemetry", 30_000);
  const record = JSON.parse(message.payload);
  expect(record.seq).toBeGreaterThanOrEqual(1);
  expect(typeof record.temp).toBe("number");
  await board.waitForConsole(/@tlm \{"seq":\d+/);
}, 40_000);

it("keeps a retained online status and answers a read command", async () => {
  const status = await broker.nextMessage("espnode/node-1/status", 30_000, (m) => m.payload === "online");
  expect(status.retain).toBe(true);
  await broker.publish("espnode/node-1/cmd", JSON.stringify({ cmd: "read" }));
  const reply = await broker.nextMessage("espnode/node-1/reply", 10_000);
  expect(typeof JSON.parse(reply.payload).temp).toBe("number");
}, 40_000);
