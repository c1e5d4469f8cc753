// `espnode/testing`: what a user's tests need to run their firmware for real without hardware — a virtual ESP32
// (the same one `espnode sim` runs) and an embedded MQTT broker (aedes) on a free 127.0.0.1 port. Deploy and
// provision go through the same code as `espnode deploy` / `espnode provision`, over the board's in-process port.
//
//   const broker = await startBroker();
//   const board = await startVirtualBoard();
//   await board.deploy("dist/main.js");
//   await board.provision({ id: "node-1", broker: broker.url });
//   const msg = await broker.nextMessage("espnode/node-1/telemetry");
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { CONFIG_VERSION, checkConfig, type DeviceConfig } from "../../firmware/protocol/config.ts";
import { openBoard, type Board } from "../commands/connect.ts";
import { deploy, type DeployResult } from "../commands/deploy.ts";
import { provision } from "../commands/provision.ts";
import { startEmbeddedBroker } from "../commands/embedded-broker.ts";
import { InProcessTransport } from "../transport/in-process-transport.ts";
import { VirtualBoard } from "../sim/board.ts";

export type { DeviceConfig } from "../../firmware/protocol/config.ts";
export { VirtualBoard } from "../sim/board.ts";

export interface ReceivedMessage {
  topic: string;
  payload: string;
  retain: boolean;
}

export interface TestBroker {
  /** mqtt://127.0.0.1:PORT, for provision({ broker }) and for your own clients. */
  url: string;
  port: number;
  /** Every message published to the broker so far (by anyone), oldest first. */
  messages: ReceivedMessage[];
  /** The first message on a topic (MQTT filter, `+`/`#` allowed) that is already there or arrives within timeoutMs. */
  nextMessage(filter: string, timeoutMs?: number, match?: (m: ReceivedMessage) => boolean): Promise<ReceivedMessage>;
  /** Publishes as the broker itself (e.g. a command to the device). */
  publish(topic: string, payload: string, opts?: { qos?: 0 | 1; retain?: boolean }): Promise<void>;
  close(): Promise<void>;
}

/** True when an MQTT topic filter matches a topic. */
export function topicMatches(filter: string, topic: string): boolean {
  const f = filter.split("/");
  const t = topic.split("/");
  for (let i = 0; i < f.length; i++) {
    if (f[i] === "#") return true;
    if (i >= t.length || (f[i] !== "+" && f[i] !== t[i])) return false;
  }
  return f.length === t.length;
}

/** An embedded aedes broker on a free 127.0.0.1 port that records what is published. */
export async function startBroker(): Promise<TestBroker> {
  const { broker, url, port, close } = await startEmbeddedBroker();
  const messages: ReceivedMessage[] = [];
  const waiters = new Set<(m: ReceivedMessage) => void>();
  broker.on("publish", (packet, client) => {
    if (!client) return; // the broker's own $SYS messages
    const m = { topic: packet.topic, payload: Buffer.from(packet.payload).toString("utf8"), retain: packet.retain };
    messages.push(m);
    for (const w of [...waiters]) w(m);
  });
  return {
    url,
    port,
    messages,
    nextMessage(filter, timeoutMs = 30_000, match = () => true) {
      const wanted = (m: ReceivedMessage) => topicMatches(filter, m.topic) && match(m);
      const seen = messages.find(wanted);
      if (seen) return Promise.resolve(seen);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.delete(waiter);
          reject(new Error(`no message on ${filter} within ${timeoutMs} ms (${messages.length} messages seen on other topics)`));
        }, timeoutMs);
        const waiter = (m: ReceivedMessage) => {
          if (!wanted(m)) return;
          clearTimeout(timer);
          waiters.delete(waiter);
          resolve(m);
        };
        waiters.add(waiter);
      });
    },
    publish(topic, payload, opts = {}) {
      return new Promise((resolve, reject) =>
        broker.publish(
          { cmd: "publish", topic, payload: Buffer.from(payload, "utf8"), qos: opts.qos ?? 1, retain: opts.retain ?? false, dup: false },
          (err) => (err ? reject(err) : resolve()),
        ),
      );
    },
    close,
  };
}

/** The access point every test board sees (provision() uses it unless told otherwise). */
export const TEST_ACCESS_POINT = { ssid: "espnode-test", password: "espnode-test-pass" };

export interface TestBoard {
  board: VirtualBoard;
  /** Everything the board printed on its console so far. */
  console(): string;
  /** Waits until the console shows text matching re (default 15 s). */
  waitForConsole(re: RegExp, timeoutMs?: number): Promise<string>;
  /** `espnode deploy` of a built app file (atomic, CRC-verified), then a restart. */
  deploy(appFile: string): Promise<DeployResult>;
  /** `espnode provision` with defaults filled in (the test access point, prefix "espnode", QoS 1, 5 s, no sensors). */
  provision(config: Partial<DeviceConfig> & { id: string; broker: string }): Promise<DeviceConfig>;
  close(): Promise<void>;
}

/** A virtual ESP32 with Espruino in a temporary state directory, unpaced (baud 0) unless told otherwise. */
export async function startVirtualBoard(opts: { baud?: number; seed?: number } = {}): Promise<TestBoard> {
  const stateDir = await mkdtemp(join(tmpdir(), "espnode-testing-"));
  const board = await VirtualBoard.start({ stateDir, baud: opts.baud ?? 0, wifi: TEST_ACCESS_POINT, seed: opts.seed ?? 1 });
  let seen = "";
  board.port.on("data", (b: Buffer) => {
    seen += b.toString("latin1");
  });
  async function withBoard<T>(fn: (conn: Board) => Promise<T>): Promise<T> {
    const transport = new InProcessTransport(board.port);
    const conn = await openBoard({ transport });
    try {
      return await fn(conn);
    } finally {
      await conn.close();
      await transport.close();
    }
  }
  return {
    board,
    console: () => seen,
    async waitForConsole(re, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const m = re.exec(seen);
        if (m) return m[0];
        if (Date.now() > deadline) throw new Error(`the board never printed ${re}; its console ends with:\n${seen.slice(-1500)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    deploy: (appFile) => withBoard((conn) => deploy({ board: conn, file: appFile })),
    async provision(partial) {
      const config: DeviceConfig = {
        v: CONFIG_VERSION,
        ssid: TEST_ACCESS_POINT.ssid,
        wifiPass: TEST_ACCESS_POINT.password,
        prefix: "espnode",
        interval: 5,
        qos: 1,
        sensors: [],
        ...partial,
      };
      const problem = checkConfig(config);
      if (problem) throw new Error(`invalid config: ${problem}`);
      await withBoard((conn) => provision({ board: conn, config }));
      return config;
    },
    async close() {
      await board.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
