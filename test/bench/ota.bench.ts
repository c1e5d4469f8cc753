// OTA throughput: a 32 KB app sent by `espnode ota`'s engine to a virtual board over aedes on loopback
// (OTA_BENCH_BROKER=mosquitto: Mosquitto; OTA_BENCH_NODELAY=1: with set_tcp_nodelay), per window, next to
// what the same broker path carries for a plain stream of same-sized QoS0 messages between two host clients (the
// "broker link"). The virtual board has no radio and no flash timing, so on hardware the Wi-Fi link and the
// flash writes bound the figure instead; the share of the link the protocol uses is the comparable part.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VirtualBoard } from "../../host-tools/sim/board.ts";
import { InProcessTransport } from "../../host-tools/transport/in-process-transport.ts";
import { openBoard } from "../../host-tools/commands/connect.ts";
import { deploy } from "../../host-tools/commands/deploy.ts";
import { compileDeviceEntry } from "../../firmware/build/build.ts";
import { connectBroker } from "../../host-tools/commands/broker-client.ts";
import { otaUpdate, chunkSizeFor } from "../../host-tools/commands/ota.ts";
import { startAedes, startMosquitto, mosquittoPath } from "../helpers/brokers.ts";
import type { BenchResult } from "./run.ts";

const KEY = "bench-ota-key-0123456789";
const SIZE = 32 * 1024;
const RUNS = 5;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export default async function (): Promise<BenchResult> {
  const broker = process.env.OTA_BENCH_BROKER === "mosquitto" && mosquittoPath
    ? await startMosquitto({ global: process.env.OTA_BENCH_NODELAY ? ["set_tcp_nodelay true"] : [] })
    : await startAedes();
  const stateDir = mkdtempSync(join(tmpdir(), "espnode-ota-bench-"));
  const board = await VirtualBoard.start({ stateDir, wifi: { ssid: "lab", password: "password1" }, seed: 7 });
  const url = `mqtt://127.0.0.1:${broker.port}`;
  try {
    const app = Buffer.from(await compileDeviceEntry("firmware/app/main.ts"));
    const dev = await openBoard({ transport: new InProcessTransport(board.port) });
    await deploy({ board: dev, data: app, noRestart: true });
    const cfg = { v: 1, id: "bench", ssid: "lab", wifiPass: "password1", broker: url, prefix: "espnode", interval: 10, qos: 1, sensors: ["temp"], otaKey: KEY };
    await dev.storage.uploadVerified("espnode.cfg", Buffer.from(JSON.stringify(cfg)), { method: dev.uploadMethod });
    await dev.close();
    board.reset();
    await board.whenReady();

    // A 32 KB payload that is valid JavaScript; it never reports healthy, so each run ends in a rollback to the
    // app above, ready for the next run. Only the transfer (accepted → written) is timed.
    const payload = Buffer.alloc(SIZE, " ");
    payload.write('print("bench payload");//');
    payload.write("\n", SIZE - 1);
    const chunk = chunkSizeFor(4096, "espnode/bench/ota/data");
    const byWindow = new Map<number, number[]>();
    for (const window of [1, 2, 4]) {
    const ota: number[] = [];
    byWindow.set(window, ota);
    for (let i = 0; i < RUNS; i++) {
      const client = await connectBroker({ url, name: "ota-bench" });
      const [r] = await otaUpdate({ client, prefix: "espnode", devices: ["bench"], app: Buffer.concat([payload.subarray(0, SIZE - 8), Buffer.from(`//${i}    \n`.slice(0, 8))]), label: `b${i}`, key: KEY, healthSeconds: 1, timeoutMs: 60_000, waitMs: 15_000, window });
      await client.endAsync(true);
      if (!r.bytesPerSecond) throw new Error(`run ${i}: ${r.state} ${r.reason ?? ""}`);
      ota.push(r.bytesPerSecond);
    }
    }

    // The broker link: the same bytes in the same chunks, host to host through the broker, as fast as it goes.
    const link: number[] = [];
    for (let i = 0; i < 5; i++) {
      const sub = await connectBroker({ url, name: "link-sub" });
      const pub = await connectBroker({ url, name: "link-pub" });
      await sub.subscribeAsync("bench/link", { qos: 0 });
      let got = 0;
      const t0 = performance.now();
      const done = new Promise<void>((resolve) => sub.on("message", (_t, p) => (got += p.length) >= SIZE && resolve()));
      for (let at = 0; at < SIZE; at += chunk) pub.publish("bench/link", payload.subarray(at, Math.min(at + chunk, SIZE)), { qos: 0 });
      await done;
      link.push(Math.round(SIZE / ((performance.now() - t0) / 1000)));
      await sub.endAsync(true);
      await pub.endAsync(true);
    }
    const l = median(link);
    const share = (v: number) => `${((100 * v) / l).toFixed(1)}%`;
    return {
      title: `OTA throughput (32 KB app, virtual board, ${broker.name}${process.env.OTA_BENCH_NODELAY ? " with set_tcp_nodelay" : ""} on loopback)`,
      rows: [
        ...[...byWindow].map(([w, xs]) => ({
          figure: `OTA transfer (accepted → written), window ${w}${w === 1 ? " (default)" : ""}`, value: median(xs), unit: "B/s",
          "share of link": share(median(xs)), runs: xs.join(" / "),
        })),
        { figure: "broker link: same chunks, host → broker → host", value: l, unit: "B/s", "share of link": "100%", runs: link.join(" / ") },
      ],
      notes: [`chunks of ${chunk} bytes (node maxPacketSize 4096); medians of ${RUNS} runs each`],
    };
  } finally {
    await board.close();
    await broker.stop();
    rmSync(stateDir, { recursive: true, force: true });
  }
}
