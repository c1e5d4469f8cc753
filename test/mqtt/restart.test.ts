// A broker restart in the middle of a QoS1 stream: the device core plus a caller that keeps what publish()
// refused must get every message through (duplicates allowed, losses not).
import { describe, it, expect, afterEach } from "vitest";
import mqtt from "mqtt";
import memoryPersistenceModule from "aedes-persistence";
import { CoreSession } from "../helpers/core-session.ts";
import { startAedes, startMosquitto, mosquittoPath, freePort, type RunningBroker } from "../helpers/brokers.ts";

// The package is CommonJS whose module.exports is the factory; its typings describe an ES default export.
const memoryPersistence = memoryPersistenceModule as unknown as () => any;

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  while (cleanups.length) await cleanups.pop()!();
});

interface Restartable {
  port: number;
  restart(): Promise<void>;
}

async function restartableAedes(): Promise<Restartable> {
  const persistence = memoryPersistence();
  const port = await freePort();
  let b: RunningBroker = await startAedes({ persistence, port });
  cleanups.push(() => b.stop());
  return {
    port,
    async restart() {
      await b.stop();
      b = await startAedes({ persistence, port });
    },
  };
}

async function restartableMosquitto(): Promise<Restartable> {
  const global = ["persistence true", "autosave_interval 0"];
  let b = await startMosquitto({ global });
  const { port, dir } = b;
  cleanups.push(() => b.stop().then(() => b.cleanup()));
  return {
    port,
    async restart() {
      await b.stop(); // SIGTERM: Mosquitto saves sessions and queued messages
      b = await startMosquitto({ global, port, dir });
    },
  };
}

const makers = { aedes: restartableAedes, mosquitto: restartableMosquitto };

describe.each(Object.keys(makers) as (keyof typeof makers)[])("broker restart mid-stream (%s)", (kind) => {
  it.skipIf(kind === "mosquitto" && !mosquittoPath)("loses no QoS1 message", async () => {
    const broker = await makers[kind]();
    const received = new Set<number>();
    const sub = await mqtt.connectAsync(`mqtt://127.0.0.1:${broker.port}`, {
      clientId: "restart-sub-" + kind,
      clean: false,
      reconnectPeriod: 50,
    });
    cleanups.push(() => sub.endAsync(true));
    sub.on("message", (_t, p) => received.add(Number(p.toString())));
    await sub.subscribeAsync("stream/x", { qos: 1 });

    const pub = new CoreSession({ host: "127.0.0.1", port: broker.port }, { clientId: "restart-pub-" + kind, clean: false, maxInflight: 4 });
    cleanups.push(() => pub.link.stop());
    pub.start();
    await pub.until(() => pub.client.connected, "CONNACK");

    const total = 300;
    let next = 1;
    let refused = 0;
    let restarted = false;
    // The caller's side of "keep what publish() refused": retry the same number until accepted.
    while (next <= total) {
      const r = pub.client.publish("stream/x", String(next), 1, false);
      if (r > 0) next++;
      else {
        refused++;
        await new Promise((res) => setTimeout(res, 5));
      }
      if (next === 100 && !restarted) {
        restarted = true;
        await broker.restart();
      }
      if (next % 20 === 0) await new Promise((res) => setImmediate(res));
    }
    await pub.until(() => received.size === total, () => `all ${total} (have ${received.size})`, 20_000);
    expect(pub.client.reconnects).toBeGreaterThanOrEqual(1);
    expect(refused).toBeGreaterThan(0);
    expect([...received].sort((a, b) => a - b)).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  });

  it.skipIf(kind === "mosquitto" && !mosquittoPath)("restores its subscriptions when the broker lost the session", async () => {
    const port = await freePort();
    let b: RunningBroker = kind === "aedes" ? await startAedes({ port }) : await startMosquitto({ port });
    cleanups.push(async () => {
      await b.stop();
      (b as any).cleanup?.();
    });
    const s = new CoreSession({ host: "127.0.0.1", port }, { clientId: "resub-" + kind, clean: false });
    cleanups.push(() => s.link.stop());
    s.start();
    await s.until(() => s.client.connected, "CONNACK");
    s.client.subscribe(["r/a", "r/b"], [1, 0]);
    await s.until(() => s.subacks.length === 1, "SUBACK");
    await b.stop();
    (b as any).cleanup?.();
    b = kind === "aedes" ? await startAedes({ port }) : await startMosquitto({ port }); // fresh broker: no session
    await s.until(() => s.connects === 2 && s.subacks.length === 2, "reconnect and re-SUBSCRIBE");
    expect(s.sessionPresent).toBe(false);
    expect(s.subacks[1].codes).toEqual([1, 0]);
    const p = await mqtt.connectAsync(`mqtt://127.0.0.1:${port}`);
    cleanups.push(() => p.endAsync(true));
    await p.publishAsync("r/b", "after", { qos: 1 });
    await s.until(() => s.messages.some((m) => m.payload === "after"), "message after restore");
  });
});
