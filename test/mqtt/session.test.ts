// Full MQTT sessions of the device core against real brokers: aedes in-process and a Mosquitto process.
import { describe, it, expect, afterEach, beforeAll } from "vitest";
import mqtt from "mqtt";
import { CoreSession } from "../helpers/core-session.ts";
import { startAedes, startMosquitto, mosquittoPath, noteMissingMosquitto, subscribeOnlyBelow, type RunningBroker } from "../helpers/brokers.ts";
import { CLOSE_REFUSED, CLOSE_PING_TIMEOUT, ERR_NOT_CONNECTED } from "../../firmware/mqtt/constants.ts";

type Kind = "aedes" | "mosquitto";
const kinds: Kind[] = ["aedes", "mosquitto"];

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});
beforeAll(() => noteMissingMosquitto());

async function broker(kind: Kind, extra: { users?: Record<string, string>; onlyBelow?: string } = {}): Promise<RunningBroker> {
  if (kind === "aedes") {
    const b = await startAedes(
      extra.users
        ? {
            authenticate: (_c, user, pass, done) => {
              const ok = user !== undefined && extra.users![user] === pass?.toString();
              const err = Object.assign(new Error("bad login"), { returnCode: 4 });
              done(ok ? null : (err as any), ok);
            },
          }
        : extra.onlyBelow !== undefined
          ? { authorizeSubscribe: (_c, sub, done) => done(null, sub.topic.startsWith(extra.onlyBelow!) ? sub : (null as any)) }
          : {},
    );
    cleanups.push(() => b.stop());
    return b;
  }
  const b = await startMosquitto({ users: extra.users, dynsec: extra.onlyBelow ? subscribeOnlyBelow(extra.onlyBelow + "#") : undefined });
  cleanups.push(() => b.stop().then(() => b.cleanup()));
  return b;
}

function session(b: RunningBroker, options: Parameters<typeof newSession>[1]) {
  return newSession(b, options);
}
function newSession(b: RunningBroker, options: Partial<import("../../firmware/mqtt/client.ts").MqttOptions>) {
  const s = new CoreSession({ host: "127.0.0.1", port: b.port }, { clientId: "core-" + Math.random().toString(16).slice(2, 10), ...options });
  cleanups.push(() => s.link.stop());
  return s.start();
}

async function observer(b: RunningBroker, topics: string[], opts: mqtt.IClientOptions = {}) {
  const c = await mqtt.connectAsync(`mqtt://127.0.0.1:${b.port}`, { reconnectPeriod: 100, ...opts });
  cleanups.push(() => c.endAsync(true));
  const got: { topic: string; payload: Buffer; retain: boolean }[] = [];
  c.on("message", (topic, payload, packet) => got.push({ topic, payload, retain: packet.retain }));
  if (topics.length) await c.subscribeAsync(topics, { qos: 1 });
  return { c, got };
}

async function waitFor(cond: () => boolean, what: string, ms = 10_000) {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error("timed out waiting for " + what);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const allBytes = Array.from({ length: 256 }, (_, i) => String.fromCharCode(i)).join("");

describe.each(kinds)("device MQTT core against %s", (kind) => {
  const skip = kind === "mosquitto" && !mosquittoPath;

  it.skipIf(skip)("publishes and receives QoS 0, 1 and 2, binary-safe, with PUBACK/PUBCOMP reported", async () => {
    const b = await broker(kind);
    const s = session(b, {});
    await s.until(() => s.client.connected, "CONNACK");
    const sid = s.client.subscribe(["t/0", "t/1", "t/2"], [0, 1, 2]);
    expect(sid).toBeGreaterThan(0);
    await s.until(() => s.subacks.length === 1, "SUBACK");
    expect(s.subacks[0]).toEqual({ id: sid, codes: [0, 1, 2] });
    expect(s.client.publish("t/0", "zero", 0, false)).toBe(0);
    const id1 = s.client.publish("t/1", allBytes, 1, false);
    const id2 = s.client.publish("t/2", "two", 2, false);
    expect(id1).toBeGreaterThan(0);
    expect(id2).toBeGreaterThan(id1);
    await s.until(() => s.messages.length === 3 && s.delivered.length === 2, "three messages and two acks");
    const byTopic = Object.fromEntries(s.messages.map((m) => [m.topic, m]));
    expect(byTopic["t/0"]).toMatchObject({ payload: "zero", qos: 0 });
    expect(byTopic["t/1"]).toMatchObject({ payload: allBytes, qos: 1 });
    expect(byTopic["t/2"]).toMatchObject({ payload: "two", qos: 2 });
    expect(s.delivered.sort()).toEqual([id1, id2].sort());
    expect(s.client.inflight()).toBe(0);
  });

  it.skipIf(skip)("delivers inbound QoS 2 exactly once and holds the id until PUBREL", async () => {
    const b = await broker(kind);
    const s = session(b, {});
    await s.until(() => s.client.connected, "CONNACK");
    s.client.subscribe("q2/#", 2);
    await s.until(() => s.subacks.length === 1, "SUBACK");
    const { c } = await observer(b, []);
    for (let i = 0; i < 20; i++) await c.publishAsync("q2/x", "m" + i, { qos: 2 });
    await s.until(() => s.messages.length >= 20, () => `20 messages (have ${s.messages.length}, closes ${JSON.stringify(s.closes)})`);
    await new Promise((r) => setTimeout(r, 200));
    expect(s.messages.map((m) => m.payload)).toEqual(Array.from({ length: 20 }, (_, i) => "m" + i));
    expect(Array.from(s.client.inId).every((id) => id === 0)).toBe(true);
  });

  it.skipIf(skip)("reports a refused login with the CONNACK code and never says connected", async () => {
    const b = await broker(kind, { users: { node: "right-password" } });
    const s = session(b, { username: "node", password: "wrong" });
    await s.until(() => s.closes.length > 0, "close");
    expect(s.closes[0]).toEqual({ reason: CLOSE_REFUSED, detail: kind === "aedes" ? 4 : 5 });
    expect(s.connects).toBe(0);
    expect(s.client.publish("a", "b", 0, false)).toBe(ERR_NOT_CONNECTED);
    const ok = session(b, { username: "node", password: "right-password" });
    await ok.until(() => ok.client.connected, "CONNACK with the right password");
  });

  it.skipIf(skip)("reports a per-topic SUBACK failure (0x80) and keeps the granted ones", async () => {
    const b = await broker(kind, { onlyBelow: "public/" });
    const s = session(b, {});
    await s.until(() => s.client.connected, "CONNACK");
    const id = s.client.subscribe(["public/a", "secret/b"], [1, 1]);
    await s.until(() => s.subacks.length === 1, "SUBACK");
    expect(s.subacks[0]).toEqual({ id, codes: [1, 0x80] });
    expect(s.client.subTopic).not.toContain("secret/b");
    expect(s.client.subTopic).toContain("public/a");
  });

  it.skipIf(skip)("has its will delivered when the link dies without DISCONNECT, and not on a clean stop", async () => {
    const b = await broker(kind);
    const { got } = await observer(b, ["node/+/status"]);
    const dying = session(b, { willTopic: "node/a/status", willPayload: "offline", willQos: 1, willRetain: true });
    const clean = session(b, { willTopic: "node/b/status", willPayload: "offline", willQos: 1 });
    await dying.until(() => dying.client.connected, "CONNACK");
    await clean.until(() => clean.client.connected, "CONNACK");
    clean.link.stop();
    dying.link.kill();
    await waitFor(() => got.some((m) => m.topic === "node/a/status"), "will");
    await new Promise((r) => setTimeout(r, 300));
    expect(got.map((m) => [m.topic, m.payload.toString()])).toEqual([["node/a/status", "offline"]]);
  });

  it.skipIf(skip)("keeps a persistent session: messages sent while offline arrive after reconnect", async () => {
    const b = await broker(kind);
    const opts = { clientId: "persist-" + kind + Date.now(), clean: false };
    const first = session(b, opts);
    await first.until(() => first.client.connected, "CONNACK");
    first.client.subscribe("p/x", 1);
    await first.until(() => first.subacks.length === 1, "SUBACK");
    first.link.stop();
    const { c } = await observer(b, []);
    for (let i = 0; i < 5; i++) await c.publishAsync("p/x", "offline-" + i, { qos: 1 });
    const second = session(b, opts);
    await second.until(() => second.messages.length === 5, "queued messages");
    expect(second.sessionPresent).toBe(true);
    expect(second.subacks).toHaveLength(0); // the broker still had the subscription: nothing re-sent
    expect(second.messages.map((m) => m.payload)).toEqual([0, 1, 2, 3, 4].map((i) => "offline-" + i));
  });

  it.skipIf(skip)("sends PINGREQ when idle and stays connected past several keepalive periods", async () => {
    const b = await broker(kind);
    const s = session(b, { keepalive: 1 });
    await s.until(() => s.client.connected, "CONNACK");
    const before = s.client.txPackets;
    await new Promise((r) => setTimeout(r, 3200));
    expect(s.client.connected).toBe(true);
    expect(s.client.txPackets - before).toBeGreaterThanOrEqual(2);
    expect(s.closes).toHaveLength(0);
  });

  it.skipIf(skip)("stops receiving after UNSUBSCRIBE", async () => {
    const b = await broker(kind);
    const s = session(b, {});
    await s.until(() => s.client.connected, "CONNACK");
    s.client.subscribe("u/x", 0);
    await s.until(() => s.subacks.length === 1, "SUBACK");
    s.client.publish("u/x", "one", 1, false);
    await s.until(() => s.messages.length === 1, "first message");
    let unsubacked = false;
    s.client.h.unsubscribed = () => (unsubacked = true);
    s.client.unsubscribe("u/x");
    await s.until(() => unsubacked, "UNSUBACK");
    s.client.publish("u/x", "two", 1, false);
    await s.until(() => s.delivered.length === 2, "PUBACK");
    await new Promise((r) => setTimeout(r, 200));
    expect(s.messages.map((m) => m.payload)).toEqual(["one"]);
  });
});

describe.skipIf(!mosquittoPath)("device MQTT core against a stalled Mosquitto", () => {
  it("declares the link dead when PINGRESP does not come, then reconnects when the broker wakes", async () => {
    const b = await startMosquitto();
    cleanups.push(() => b.stop().then(() => b.cleanup()));
    const s = session(b, { keepalive: 1 });
    await s.until(() => s.client.connected, "CONNACK");
    process.kill(b.pid, "SIGSTOP");
    try {
      await s.until(() => s.closes.some((c) => c.reason === CLOSE_PING_TIMEOUT), "ping timeout", 5000);
    } finally {
      process.kill(b.pid, "SIGCONT");
    }
    await s.until(() => s.connects === 2, "reconnect", 10_000);
    expect(s.client.reconnects).toBeGreaterThanOrEqual(1);
  });
});
