// `espnode ota` end to end: the built app on virtual boards (deployed with the trial-boot loader), updated over a
// real broker (aedes, and Mosquitto when installed) by the host-side engine the CLI uses.
import { describe, expect, it, afterEach } from "vitest";
import { compileDeviceEntry } from "../../firmware/build/build.ts";
import { crc32 } from "../../host-tools/device/espruino/storage.ts";
import { crcHex } from "../../firmware/protocol/ota.ts";
import { connectBroker } from "../../host-tools/commands/broker-client.ts";
import { otaUpdate, type OtaEvent, type OtaOptions } from "../../host-tools/commands/ota.ts";
import { startAedes, startMosquitto, mosquittoPath, noteMissingMosquitto, type RunningBroker } from "../helpers/brokers.ts";
import { simSuite, config, until } from "./sim-harness.ts";

noteMissingMosquitto();
const KEY = "owner-ota-key-0123456789";

const brokers: { name: string; skip: boolean; start: (port?: number) => Promise<RunningBroker & { cleanup?: () => void }> }[] = [
  { name: "aedes", skip: false, start: (port) => startAedes({ port }) },
  { name: "mosquitto", skip: !mosquittoPath, start: (port) => startMosquitto({ port }) },
];

for (const b of brokers) {
  describe.skipIf(b.skip)(`ota over ${b.name}`, () => {
    const { bootBoard, cleanups } = simSuite();
    let broker: (RunningBroker & { cleanup?: () => void }) | undefined;
    afterEach(async () => {
      await broker?.stop();
      broker?.cleanup?.();
      broker = undefined;
    });

    async function setup(ids: string[], key: string | undefined = KEY) {
      broker = await b.start();
      const port = broker.port;
      const app = Buffer.from(await compileDeviceEntry("firmware/app/main.ts"));
      const boards = await Promise.all(ids.map((id) => bootBoard(config(port, { id, interval: 1, otaKey: key }))));
      const client = await connectBroker({ url: `mqtt://127.0.0.1:${port}`, name: "ota-test" });
      cleanups.push(() => client.endAsync(true));
      const oldCrc = crcHex(crc32(app));
      // Every node has announced the app it runs (retained info) before the update starts.
      // (A second client: the engine's own subscription must be its first, to receive the retained infos.)
      const watcher = await connectBroker({ url: `mqtt://127.0.0.1:${port}`, name: "ota-watch" });
      cleanups.push(() => watcher.endAsync(true));
      const infos = new Map<string, any>();
      watcher.on("message", (t, p) => t.endsWith("/info") && infos.set(t.split("/")[1], JSON.parse(p.toString())));
      await watcher.subscribeAsync("espnode/+/info", { qos: 1 });
      await until(() => ids.every((id) => infos.get(id)?.crc === oldCrc), 20_000, "info from every node", () => JSON.stringify([...infos]) + boards[0].console().slice(0, 3000));
      return { port, app, boards, client, oldCrc, infos };
    }

    function options(client: OtaOptions["client"], app: Buffer, extra: Partial<OtaOptions> = {}): OtaOptions {
      return { client, prefix: "espnode", app, label: "v2", key: KEY, healthSeconds: 20, timeoutMs: 90_000, waitMs: 2000, ...extra };
    }

    it("updates three boards at once: each runs the new app and reports it", async () => {
      const { app, boards, client, infos } = await setup(["n1", "n2", "n3"]);
      const v2 = Buffer.concat([app, Buffer.from("\n// v2\n")]);
      const events: OtaEvent[] = [];
      // Two chunks in flight: the windowed path (the default is one).
      const results = await otaUpdate(options(client, v2, { devices: ["n1", "n2", "n3"], window: 2, onEvent: (e) => events.push(e) }));
      const newCrc = crcHex(crc32(v2));
      expect(results.map((r) => [r.id, r.state, r.ok, r.crc]), JSON.stringify(results) + boards[0].console().slice(-1500)).toEqual([
        ["n1", "running", true, newCrc], ["n2", "running", true, newCrc], ["n3", "running", true, newCrc],
      ]);
      for (const r of results) expect(r.bytesPerSecond).toBeGreaterThan(0);
      // Progress was reported per device, ending at the full size.
      for (const id of ["n1", "n2", "n3"]) expect(events.filter((e) => e.id === id && e.phase === "verifying").at(-1)?.done).toBe(v2.length);
      await until(() => ["n1", "n2", "n3"].every((id) => infos.get(id)?.crc === newCrc), 10_000, "new info");
      expect(infos.get("n1")).toEqual({ app: "v2", crc: newCrc, slot: "espnode.app.b", mps: 4096 });
      for (const board of boards) {
        expect(board.board.storage.read("espnode.boot")?.toString()).toBe("espnode.app.b");
        expect(board.board.storage.read("espnode.trial")).toBeUndefined();
        // The console is paced like a UART: it may trail the MQTT status.
        await until(() => board.console().includes("ota: v2 confirmed healthy, espnode.app.b boots from now on"), 5000, "log line", board.console);
      }
      console.log(`[ota ${b.name}] 3 boards, ${v2.length} bytes each: ${results.map((r) => `${r.id} ${r.bytesPerSecond} B/s (${r.transferSeconds} s, ${r.chunksSent} chunks of ${r.chunkSize})`).join("; ")}`);
    }, 180_000);

    it("resumes from the last acknowledged offset when the broker is killed mid-transfer", async () => {
      const { port, app, boards, client } = await setup(["r1"]);
      const v2 = Buffer.concat([app, Buffer.from("\n// resumed\n")]);
      let killed = false;
      let ackedAtKill = 0;
      let restarted: Promise<void> = Promise.resolve();
      const events: OtaEvent[] = [];
      const onEvent = (e: OtaEvent) => {
        events.push(e);
        if (killed || e.phase !== "sending" || e.done < 8192) return;
        // A quarter in: the broker goes away for 1.5 s and comes back on the same port, empty.
        killed = true;
        ackedAtKill = e.done;
        restarted = (async () => {
          await broker!.stop();
          await new Promise((r) => setTimeout(r, 1500));
          broker = await b.start(port);
        })();
      };
      const results = await otaUpdate(options(client, v2, { devices: ["r1"], onEvent }));
      await restarted;
      expect(killed).toBe(true);
      expect(results[0].state).toBe("running");
      // The transfer straddled the outage (it takes well under a second otherwise) …
      expect(results[0].transferSeconds).toBeGreaterThan(1.5);
      expect(ackedAtKill).toBeLessThan(v2.length);
      // … and after the restart the transfer went on from where the node was, not from 0.
      const after = events.slice(events.findIndex((e) => e.done === ackedAtKill) + 1).filter((e) => e.phase === "sending");
      expect(after.length).toBeGreaterThan(0);
      expect(Math.min(...after.map((e) => e.done))).toBeGreaterThanOrEqual(ackedAtKill);
      expect(boards[0].board.storage.read("espnode.boot")?.toString()).toBe("espnode.app.b");
      expect(crc32(boards[0].board.storage.read("espnode.app.b")!)).toBe(crc32(v2));
    }, 180_000);

    it("refuses an update whose MAC was made with another key, and writes nothing", async () => {
      const { app, boards, client, oldCrc } = await setup(["w1"]);
      const before = boards[0].board.storage.list().sort();
      const results = await otaUpdate(options(client, Buffer.concat([app, Buffer.from("//evil")]), { devices: ["w1"], key: "not-the-owners-key-000" }));
      expect(results[0]).toMatchObject({ id: "w1", ok: false, state: "refused", reason: "bad MAC: not signed with this device's OTA key" });
      expect(boards[0].board.storage.list().sort()).toEqual(before);
      expect(boards[0].board.storage.read("espnode.app.b")).toBeUndefined();
      expect(crcHex(crc32(boards[0].board.storage.read("espnode.app.a")!))).toBe(oldCrc);
      await until(() => boards[0].console().includes("ota: refused: bad MAC: not signed with this device's OTA key"), 5000, "log line", boards[0].console);
    }, 120_000);

    it("rolls back a new app that never reports itself healthy within the health time", async () => {
      const { boards, client, oldCrc, infos } = await setup(["h1"]);
      const silent = Buffer.from('print("v4 started, but never connects");\n');
      const results = await otaUpdate(options(client, silent, { devices: ["h1"], label: "v4", healthSeconds: 2 }));
      expect(results[0]).toMatchObject({ id: "h1", ok: false, state: "rolled back", reason: "not healthy within 2 s" });
      await until(() => boards[0].console().includes("espnode: rolling back from espnode.app.b: not healthy within 2 s"), 5000, "log line", boards[0].console);
      expect(boards[0].board.storage.read("espnode.boot")?.toString()).toBe("espnode.app.a");
      await until(() => infos.get("h1")?.crc === oldCrc, 10_000, "old app's info");
    }, 120_000);

    it("rolls back a new app that crashes at start, and reports why", async () => {
      const { boards, client, oldCrc, infos } = await setup(["c1"]);
      const crashing = Buffer.from('print("v3 starting");\nthrow new Error("no sensor driver");\n');
      const results = await otaUpdate(options(client, crashing, { devices: ["c1"], label: "v3" }));
      expect(results[0]).toMatchObject({ id: "c1", ok: false, state: "rolled back", reason: "crashed at start: Error: no sensor driver" });
      const lines = ["v3 starting", "espnode: rolling back from espnode.app.b: crashed at start: Error: no sensor driver",
        "ota: rolled back from v3 (crashed at start: Error: no sensor driver)"];
      await until(() => lines.every((l) => boards[0].console().includes(l)), 5000, "log lines", boards[0].console);
      expect(boards[0].board.storage.read("espnode.boot")?.toString()).toBe("espnode.app.a");
      await until(() => infos.get("c1")?.crc === oldCrc, 10_000, "old app's info");
    }, 120_000);
  });
}
