// The sensor node end to end in Node: real MQTT core over TCP to real brokers, flash/Wi-Fi/sensor doubles.
import { afterEach, describe, expect, it } from "vitest";
import mqtt from "mqtt";
import memoryPersistenceModule from "aedes-persistence";
import { startAedes, startMosquitto, mosquittoPath, freePort, type RunningBroker } from "../helpers/brokers.ts";
import { NodeHarness } from "./node-harness.ts";
import type { DeviceConfig } from "../../firmware/protocol/config.ts";

// The package's types describe an ES default export; at run time the module itself is the factory.
const memoryPersistence = memoryPersistenceModule as unknown as () => any;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

function config(port: number, extra: Partial<DeviceConfig> = {}): DeviceConfig {
  return {
    v: 1, id: "n1", ssid: "lab", wifiPass: "password1", broker: `mqtt://127.0.0.1:${port}`, prefix: "espnode",
    interval: 5, qos: 1, sensors: ["temp", "bme280", "a36"], ...extra,
  };
}

interface Msg { topic: string; payload: string; retain: boolean }

async function subscriber(port: number, id: string) {
  const msgs: Msg[] = [];
  const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`, { clientId: id, clean: false, reconnectPeriod: 50 });
  cleanups.push(() => c.endAsync(true));
  c.on("message", (topic, p, packet) => msgs.push({ topic, payload: p.toString(), retain: packet.retain }));
  await c.subscribeAsync(["espnode/#", "homeassistant/#"], { qos: 1 });
  return {
    client: c,
    msgs,
    on: (topic: string) => msgs.filter((m) => m.topic === topic),
    telemetry: () => msgs.filter((m) => m.topic === "espnode/n1/telemetry").map((m) => JSON.parse(m.payload)),
  };
}

function harness(cfg: DeviceConfig, storage?: NodeHarness["storage"]) {
  const h = new NodeHarness(cfg, storage);
  cleanups.push(() => h.powerCut());
  return h.start();
}

async function restartableAedes() {
  const persistence = memoryPersistence();
  const port = await freePort();
  let b: RunningBroker = await startAedes({ persistence, port });
  let running = true;
  cleanups.push(() => (running ? b.stop() : undefined));
  return {
    port,
    stop: async () => {
      running = false;
      await b.stop();
    },
    start: async () => {
      b = await startAedes({ persistence, port });
      running = true;
    },
  };
}

describe("sensor node against aedes", () => {
  it("goes online, announces itself to Home Assistant and publishes telemetry every interval", async () => {
    const broker = await startAedes();
    cleanups.push(() => broker.stop());
    const sub = await subscriber(broker.port, "watch-1");
    const h = harness(config(broker.port));
    await h.until(() => sub.telemetry().length >= 3, 60, "three telemetry records");
    await h.until(() => sub.msgs.filter((m) => m.topic.startsWith("homeassistant/")).length >= 6, 30, "discovery");

    const recs = sub.telemetry();
    expect(recs.slice(0, 3).map((r) => r.seq)).toEqual([1, 2, 3]);
    expect(recs[0]).toMatchObject({ rssi: -58, mem: 4321, lost: 0, temp: 45, t: 25.08, p: 1006.53, a36: 0.4 });
    expect(recs[0].h).toBeGreaterThan(0);
    expect(recs[1].up - recs[0].up).toBe(5);
    // The console carries the same records, one line each.
    expect(h.telemetryLines().slice(0, 3)).toEqual(recs.slice(0, 3));

    expect(sub.on("espnode/n1/status").map((m) => m.payload)).toEqual(["online"]);
    const disc = sub.msgs.filter((m) => m.topic.startsWith("homeassistant/sensor/n1/"));
    expect(disc.map((m) => m.topic.split("/")[3]).sort()).toEqual(["a36", "h", "p", "rssi", "t", "temp"]);
    for (const m of disc) expect(JSON.parse(m.payload).state_topic).toBe("espnode/n1/telemetry");
    // Everything measured so far reaches the broker (the last PUBACK may still be on its way on a busy machine).
    await h.settle(() => h.node.outbox.waiting === 0, 5000, "outbox drained");
    expect(h.watchdogKicks).toBeGreaterThan(10);

    // Home Assistant restarting asks for the announcement again.
    const before = disc.length;
    await sub.client.publishAsync("homeassistant/status", "online");
    await h.until(() => sub.msgs.filter((m) => m.topic.startsWith("homeassistant/sensor/")).length >= before + 6, 30, "re-announcement");
  });

  it("answers commands on <prefix>/<id>/cmd", async () => {
    const broker = await startAedes();
    cleanups.push(() => broker.stop());
    const sub = await subscriber(broker.port, "watch-2");
    // A retained command would replay at every (re)subscribe, so a retained reboot would loop: refused.
    await sub.client.publishAsync("espnode/n1/cmd", '{"cmd":"reboot","id":"r"}', { qos: 1, retain: true });
    const h = harness(config(broker.port));
    await h.until(() => sub.on("espnode/n1/status").length > 0, 30, "online");
    await h.until(() => sub.on("espnode/n1/reply").length > 0, 30, "reply to the retained command");
    expect(JSON.parse(sub.on("espnode/n1/reply")[0].payload)).toMatchObject({ ok: false, error: expect.stringMatching(/retained/) });
    expect(h.reboots).toBe(0);
    await sub.client.publishAsync("espnode/n1/cmd", "", { retain: true, qos: 1 }); // clear it
    sub.msgs.length = 0;
    await h.until(() => h.node.client.inflight() === 0 && h.node.announceAt < 0, 30, "settled");
    const replies = () => sub.on("espnode/n1/reply").map((m) => JSON.parse(m.payload));
    const send = async (payload: string, n: number, retain = false) => {
      await sub.client.publishAsync("espnode/n1/cmd", payload, { qos: 1, retain });
      await h.until(() => replies().length >= n, 30, "reply " + n);
      return replies()[n - 1];
    };

    expect(await send('{"cmd":"read","sensor":"bme280","id":1}', 1)).toMatchObject({ ok: true, id: 1, sensor: "bme280", t: 25.08 });
    expect(await send('{"cmd":"identify"}', 2)).toEqual({ ok: true, cmd: "identify" });
    expect(h.blinks).toBe(5);
    const cfgReply = await send('{"cmd":"config","id":"c"}', 3);
    expect(cfgReply.config).toMatchObject({ id: "n1", wifiPassSet: true });
    expect(JSON.stringify(cfgReply)).not.toContain("password1");
    expect(await send('{"cmd":"warp"}', 4)).toMatchObject({ ok: false });
    expect(await send("{{{", 5)).toMatchObject({ ok: false });
    expect(await send('{"cmd":"interval","value":2}', 6)).toEqual({ ok: true, cmd: "interval", value: 2 });
    expect(JSON.parse(h.storage.read("espnode.cfg")!).interval).toBe(2);
    const n = sub.telemetry().length;
    await h.until(() => sub.telemetry().length >= n + 2, 30, "faster telemetry");
    const recs = sub.telemetry();
    expect(recs[recs.length - 1].up - recs[recs.length - 2].up).toBe(2);
    expect(await send('{"cmd":"reboot"}', 7)).toEqual({ ok: true, cmd: "reboot" });
    await new Promise((r) => setTimeout(r, 80));
    expect(h.reboots).toBe(1);
  });

  it("the will marks the node offline after a power cut", async () => {
    const broker = await startAedes();
    cleanups.push(() => broker.stop());
    const sub = await subscriber(broker.port, "watch-3");
    const h = harness(config(broker.port));
    await h.until(() => sub.on("espnode/n1/status").length > 0, 30, "online");
    h.powerCut();
    const deadline = Date.now() + 5000;
    while (sub.on("espnode/n1/status").length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    const status = sub.on("espnode/n1/status").map((m) => m.payload);
    expect(status).toEqual(["online", "offline"]);
  });

  it("keeps telemetry through a Wi-Fi outage and delivers it when Wi-Fi returns", async () => {
    const broker = await startAedes();
    cleanups.push(() => broker.stop());
    const sub = await subscriber(broker.port, "watch-4");
    const h = harness(config(broker.port, { interval: 2 }));
    await h.until(() => sub.telemetry().length >= 2, 30, "telemetry");
    h.wifi.drop();
    await h.until(() => h.node.outbox.waiting >= 5, 60, "records waiting in the outbox");
    expect(h.node.client.connected).toBe(false);
    expect(h.lines.some((l) => l.startsWith("wifi: lost lab"))).toBe(true);
    h.wifi.restore();
    const last = h.node.outbox.seq - 1;
    await h.until(() => new Set(sub.telemetry().map((r) => r.seq)).has(last), 200, "backlog delivered");
    const seqs = [...new Set(sub.telemetry().map((r) => r.seq))].sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    await h.until(() => h.node.outbox.waiting === 0, 30, "outbox empty");
  });

  it("loses nothing across a broker outage and a reboot while it is down", async () => {
    const broker = await restartableAedes();
    const sub = await subscriber(broker.port, "watch-5");
    const cfg = config(broker.port, { interval: 1 });
    const h = harness(cfg);
    await h.until(() => sub.telemetry().length >= 2, 30, "telemetry");
    await broker.stop();
    await h.until(() => h.node.outbox.waiting >= 8, 60, "records waiting");
    // Reboot while the broker is down: RAM is gone, the outbox in flash is not.
    h.powerCut();
    const waitingBefore = h.node.outbox.waiting;
    const lastBefore = h.node.outbox.seq - 1;
    const h2 = harness(cfg, h.storage.snapshot());
    expect(h2.node.outbox.waiting).toBe(waitingBefore);
    expect(h2.node.outbox.seq).toBe(lastBefore + 1);
    await h2.step();
    await broker.start();
    await h2.until(() => h2.node.outbox.waiting === 0 && h2.node.outbox.seq > lastBefore + 3, 200, "backlog delivered");
    await h2.until(() => new Set(sub.telemetry().map((r) => r.seq)).size >= h2.node.outbox.seq - 1, 100, "subscriber caught up");
    const seqs = [...new Set(sub.telemetry().map((r) => r.seq))].sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: seqs.length }, (_, i) => i + 1));
    expect(sub.telemetry().every((r) => r.lost === 0)).toBe(true);
  });

  it("deep-sleep mode: reads, publishes, waits for the ack, then sleeps for the interval", async () => {
    const broker = await startAedes();
    cleanups.push(() => broker.stop());
    const sub = await subscriber(broker.port, "watch-6");
    const h = harness(config(broker.port, { sleep: true, interval: 300 }));
    await h.until(() => h.sleptFor !== null, 40, "deep sleep");
    expect(h.sleptFor).toBe(300e6);
    // The broker acknowledged it before the node slept; its copy to the subscriber may still be on its way.
    await h.settle(() => sub.telemetry().length >= 1, 5000, "the record at the subscriber");
    expect(sub.telemetry().map((r) => r.seq)).toEqual([1]);
    expect(h.node.outbox.waiting).toBe(0);
    expect(JSON.parse(sub.msgs.find((m) => m.topic === "homeassistant/sensor/n1/t/config")!.payload).expire_after).toBe(900);
  });

  it("deep-sleep mode keeps the record in flash when the broker is unreachable, and sleeps at the deadline", async () => {
    const port = await freePort(); // nothing listens
    const h = harness(config(port, { sleep: true, interval: 60 }));
    await h.until(() => h.sleptFor !== null, 40, "deep sleep at the deadline");
    expect(h.node.outbox.waiting).toBe(1);
    expect(h.lines.some((l) => /deadline reached, 1 record/.test(l))).toBe(true);
  });
});

describe.skipIf(!mosquittoPath)("sensor node against Mosquitto", () => {
  it("publishes telemetry, answers a command, and its will fires on power cut", async () => {
    const broker = await startMosquitto();
    cleanups.push(() => broker.stop().then(() => broker.cleanup()));
    const sub = await subscriber(broker.port, "watch-m");
    const h = harness(config(broker.port, { interval: 2 }));
    await h.until(() => sub.telemetry().length >= 2, 60, "telemetry");
    expect(sub.telemetry().slice(0, 2).map((r) => r.seq)).toEqual([1, 2]);
    await sub.client.publishAsync("espnode/n1/cmd", '{"cmd":"read","sensor":"temp","id":9}', { qos: 1 });
    await h.until(() => sub.on("espnode/n1/reply").length > 0, 30, "reply");
    expect(JSON.parse(sub.on("espnode/n1/reply")[0].payload)).toEqual({ ok: true, id: 9, cmd: "read", sensor: "temp", temp: 45 });
    h.powerCut();
    const deadline = Date.now() + 5000;
    while (!sub.on("espnode/n1/status").some((m) => m.payload === "offline") && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(sub.on("espnode/n1/status").map((m) => m.payload)).toEqual(["online", "offline"]);
  });

  it("says once, with the fix, when the broker refuses the credentials", async () => {
    const broker = await startMosquitto({ users: { node: "right-password" } });
    cleanups.push(() => broker.stop().then(() => broker.cleanup()));
    const h = harness(config(broker.port, { mqttUser: "node", mqttPass: "wrong-password" }));
    await h.until(() => h.node.client.reconnects >= 3, 600, "several refused attempts");
    const refused = h.lines.filter((l) => l.startsWith("mqtt: disconnected"));
    expect(refused).toEqual([
      "mqtt: disconnected (connection refused: not authorised): check mqttUser/mqttPass and the broker's ACL, then run espnode provision",
    ]);
  });
});
