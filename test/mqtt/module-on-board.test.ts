// The stand-alone client module (dist/firmware/mqtt.js as built) loaded from Storage on the virtual board, used
// from the REPL the way a user would, against real brokers: QoS1 out, QoS2 in, binary payloads, will on power cut.
import { describe, it, expect, afterEach } from "vitest";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import mqtt from "mqtt";
import { buildFirmware, DEVICE_ENTRIES } from "../../firmware/build/build.ts";
import { startAedes, startMosquitto, mosquittoPath, type RunningBroker } from "../helpers/brokers.ts";
import { startBoard, TEST_AP, type TestBoard } from "../sim/support/sim-console.ts";

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

async function builtModule(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "espnode-mod-"));
  try {
    const r = await buildFirmware({ outDir: dir, entries: DEVICE_ENTRIES.filter((e) => e.name === "mqtt.js") });
    return readFileSync(r.files[0].path, "latin1");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function waitTrue(t: TestBoard, expr: string, ms = 8000): Promise<void> {
  const end = Date.now() + ms;
  while (!(await t.type(expr)).includes("=true")) {
    if (Date.now() > end) throw new Error(`board never reached ${expr}: ${await t.type("JSON.stringify(log)")}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

const brokers: Record<string, () => Promise<RunningBroker>> = {
  aedes: () => startAedes(),
  mosquitto: async () => {
    const m = await startMosquitto();
    return { ...m, stop: async () => (await m.stop(), m.cleanup()) };
  },
};

describe.each(Object.keys(brokers))("the MQTT module on the virtual board against %s", (kind) => {
  it.skipIf(kind === "mosquitto" && !mosquittoPath)("publishes QoS1, receives QoS2 exactly once, and its will fires on power cut", async () => {
    const code = await builtModule();
    const b = await brokers[kind]();
    cleanups.push(() => b.stop());
    const observer = await mqtt.connectAsync(`mqtt://127.0.0.1:${b.port}`);
    cleanups.push(() => observer.endAsync(true));
    const seen: [string, Buffer][] = [];
    observer.on("message", (topic, payload) => seen.push([topic, payload]));
    await observer.subscribeAsync(["board/out", "board/status"], { qos: 1 });

    const t = await startBoard();
    cleanups.push(() => t.close());
    t.board.port.write(`\x10require("Storage").write("espnode-mqtt", ${JSON.stringify(code)})\r`);
    // An echo-off line prints nothing back: wait for the file itself.
    const stored = Date.now() + 10_000;
    while (t.board.storage.read("espnode-mqtt") !== code && Date.now() < stored) await new Promise((r) => setTimeout(r, 20));
    expect(t.board.storage.read("espnode-mqtt")).toBe(code);
    await t.type(`var log = []; require("Wifi").connect(${JSON.stringify(TEST_AP.ssid)}, {password: ${JSON.stringify(TEST_AP.password)}}, function(e){ log.push("wifi " + e) })`);
    await waitTrue(t, `log.indexOf("wifi null") >= 0`);
    await t.type(
      `var mqtt = require("espnode-mqtt"); var got = []; var acks = [];` +
        `var opts = {clientId: "board-${kind}", keepalive: 10, willTopic: "board/status", willPayload: "offline", willQos: 1};` +
        `var c = mqtt.connect("mqtt://127.0.0.1:${b.port}", opts, {` +
        `connected: function(sp){ log.push("up " + sp); c.subscribe("board/in", 2); },` +
        `subscribed: function(id, codes){ log.push("suback " + codes.join()); },` +
        `message: function(t, p, q){ got.push(t + "|" + q + "|" + (typeof p == "string" ? "" : "view " + p.length + " ") + btoa(E.toString(p))); },` +
        `delivered: function(id){ acks.push(id); },` +
        `closed: function(r, d){ log.push("closed " + mqtt.closeReasonName(r, d)); } })`,
    );
    await waitTrue(t, `log.indexOf("suback 2") >= 0`);

    // Out: QoS1 with every byte value, PUBACK reported back on the board.
    await t.type(`var bin = ""; for (var i = 0; i < 256; i++) bin += String.fromCharCode(i); var id = c.publish("board/out", bin, 1, false)`);
    await waitTrue(t, `acks.indexOf(id) >= 0`);
    const out = seen.find(([topic]) => topic === "board/out");
    expect(out?.[1]).toEqual(Buffer.from(Array.from({ length: 256 }, (_, i) => i)));

    // In: QoS2, delivered exactly once.
    await observer.publishAsync("board/in", Buffer.from([0, 1, 2, 0xff]), { qos: 2 });
    await observer.publishAsync("board/in", "second", { qos: 2 });
    await waitTrue(t, `got.length == 2`);
    await new Promise((r) => setTimeout(r, 300));
    expect(await t.type(`got.join(",")`)).toContain(`="board/in|2|AAEC/w==,board/in|2|c2Vjb25k"`);

    // In, zero-copy: the payload as a Uint8Array over the received bytes (E.toArrayBuffer, no copy on a board).
    await t.type(`opts.payloadView = mqtt.zeroCopy`);
    await observer.publishAsync("board/in", Buffer.from([9, 0, 0xfe]), { qos: 2 });
    await waitTrue(t, `got.length == 3`);
    expect(await t.type(`got[2]`)).toContain(`="board/in|2|view 3 CQD+"`);

    // Power cut: no DISCONNECT, so the broker publishes the will.
    t.board.powerCut();
    const end = Date.now() + 15_000;
    while (!seen.some(([topic]) => topic === "board/status") && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
    expect(seen.find(([topic]) => topic === "board/status")?.[1].toString()).toBe("offline");
  }, 60_000);
});
