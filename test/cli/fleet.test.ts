// `espnode fleet --json` against virtual boards running the app, over aedes and Mosquitto: the list matches what
// the boards are (ids, app CRC, slot, telemetry fields), and a board that loses power turns offline (its will).
import { describe, expect, it, afterEach } from "vitest";
import { compileDeviceEntry } from "../../firmware/build/build.ts";
import { crc32 } from "../../host-tools/device/espruino/storage.ts";
import { crcHex } from "../../firmware/protocol/ota.ts";
import { FleetTracker, fleetTable } from "../../host-tools/commands/fleet.ts";
import { startAedes, startMosquitto, mosquittoPath, noteMissingMosquitto, type RunningBroker } from "../helpers/brokers.ts";
import { simSuite, config, until } from "../app/sim-harness.ts";
import { runCli } from "./support/sim.ts";

noteMissingMosquitto();

describe("FleetTracker", () => {
  it("folds status, info and telemetry into one row per node; only live messages count as seen", () => {
    let now = 1_000_000;
    const t = new FleetTracker("site/a", () => now);
    t.message("site/a/k1/status", "online", true);
    t.message("site/a/k1/info", '{"app":"v2","crc":"0badf00d","slot":"espnode.app.b","mps":4096}', true);
    expect(t.list()[0].lastSeen).toBeNull();
    now += 5000;
    t.message("site/a/k1/telemetry", '{"seq":3,"up":125,"rssi":-61,"mem":15000,"lost":2,"ob":4,"t":21.5}', false);
    t.message("site/a/k2/status", "offline", true);
    t.message("site/a/k3/deeper/status", "online", false); // not one topic level: ignored
    t.message("other/k9/status", "online", false);
    expect(t.list()).toEqual([
      { id: "k1", online: true, lastSeen: 1_005_000, uptime: 125, rssi: -61, mem: 15000, lost: 2, ob: 4, app: "v2", crc: "0badf00d", slot: "espnode.app.b", telemetry: { seq: 3, up: 125, rssi: -61, mem: 15000, lost: 2, ob: 4, t: 21.5 } },
      { id: "k2", online: false, lastSeen: null, uptime: null, rssi: null, mem: null, lost: null, ob: null, app: null, crc: null, slot: null, telemetry: null },
    ]);
    expect(fleetTable(t.list(), 1_010_000)).toBe(
      "ID  STATE    LAST SEEN  UPTIME  RSSI     FREE   APP  CRC       LOST  OUTBOX\n" +
        "k1  online   5s ago     2m05s   -61 dBm  15000  v2   0badf00d  2     4\n" +
        "k2  offline  -          -       -        -      -    -         -     -\n",
    );
    // The will is the broker speaking for a node that went away: it does not count as seeing the node.
    now += 60_000;
    t.message("site/a/k1/status", "offline", false);
    expect(t.list()[0]).toMatchObject({ online: false, lastSeen: 1_005_000 });
  });
});

const brokers = [
  { name: "aedes", skip: false, start: () => startAedes() as Promise<RunningBroker & { cleanup?: () => void }> },
  { name: "mosquitto", skip: !mosquittoPath, start: () => startMosquitto() as Promise<RunningBroker & { cleanup?: () => void }> },
];

for (const b of brokers) {
  describe.skipIf(b.skip)(`espnode fleet over ${b.name}`, () => {
    const { bootBoard } = simSuite();
    let broker: (RunningBroker & { cleanup?: () => void }) | undefined;
    afterEach(async () => {
      await broker?.stop();
      broker?.cleanup?.();
    });

    it("--json lists both boards as they are, and a powered-off board as offline", async () => {
      broker = await b.start();
      const url = `mqtt://127.0.0.1:${broker.port}`;
      const crc = crcHex(crc32(Buffer.from(await compileDeviceEntry("firmware/app/main.ts"))));
      const f1 = await bootBoard(config(broker.port, { id: "f1" }));
      const f2 = await bootBoard(config(broker.port, { id: "f2" }));
      await until(() => f1.records().length >= 2 && f2.records().length >= 2, 20_000, "telemetry from both");
      const run = await runCli(["fleet", "--broker", url, "--json", "--wait", "2.5"]);
      expect(run.code, run.stderr).toBe(0);
      const fleet = JSON.parse(run.stdout);
      expect(fleet.map((n: any) => n.id)).toEqual(["f1", "f2"]);
      for (const [n, board] of [[fleet[0], f1], [fleet[1], f2]] as const) {
        // The last record the board printed on its console is the one the broker carried last (or the one before).
        const recs = board.records();
        const last = recs.slice(-3).map((r: any) => r.seq);
        expect(last).toContain(n.telemetry.seq);
        const rec: any = recs.find((r: any) => r.seq === n.telemetry.seq);
        expect(n).toMatchObject({
          online: true, app: "", crc, slot: "espnode.app.a", uptime: rec.up, rssi: rec.rssi, mem: rec.mem, lost: 0, ob: rec.ob,
        });
        expect(Date.now() - n.lastSeen).toBeLessThan(5000);
      }
      await f2.board.close();
      const after = await runCli(["fleet", "--broker", url, "--json", "--wait", "1.5"]);
      expect(after.code, after.stderr).toBe(0);
      expect(JSON.parse(after.stdout).map((n: any) => [n.id, n.online])).toEqual([["f1", true], ["f2", false]]);
      const table = await runCli(["fleet", "--broker", url, "--wait", "1"]);
      expect(table.stdout).toMatch(/^ID +STATE +LAST SEEN +UPTIME +RSSI +FREE +APP +CRC +LOST +OUTBOX\nf1 +online .*\nf2 +offline /);
    }, 120_000);
  });
}
