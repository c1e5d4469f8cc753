// The built firmware on the virtual ESP32: Wi-Fi loss and return, deep-sleep cycles, the reboot command.
import { describe, expect, it } from "vitest";
import { startAedes } from "../helpers/brokers.ts";
import { simSuite, config, until, contiguous } from "./sim-harness.ts";

const { cleanups, bootBoard, watch } = simSuite();

describe("sensor-node firmware on the virtual board: Wi-Fi, deep sleep, reboot", () => {
  it("pauses MQTT while Wi-Fi is gone and delivers what it measured meanwhile", async () => {
    const broker = await startAedes();
    cleanups.push(() => broker.stop());
    const w = await watch(broker.port);
    const b = await bootBoard(config(broker.port));
    await until(() => w.seqs().length >= 2, 15000, "telemetry", b.console);
    b.board.wifiDown();
    await until(() => /wifi: lost lab/.test(b.console()), 10000, "Wi-Fi loss noticed", b.console);
    const n = b.records().length;
    await until(() => b.records().length >= n + 3, 10000, "records while offline");
    b.board.wifiUp();
    const last = Math.max(...b.records().map((r) => r.seq));
    await until(() => w.seqs().includes(last), 60000, "backlog delivered after Wi-Fi returns", b.console);
    expect(contiguous(w.seqs())).toBe(true);
    expect(b.console()).not.toMatch(/Uncaught/);
  }, 90_000);

  it("deep-sleep mode wakes, publishes one record per wake and sleeps again", async () => {
    const broker = await startAedes();
    cleanups.push(() => broker.stop());
    const w = await watch(broker.port);
    const b = await bootBoard(config(broker.port, { sleep: true, interval: 1 }));
    await until(() => w.seqs().length >= 3, 30000, "three wakes", b.console);
    expect(contiguous(w.seqs())).toBe(true);
    expect((b.console().match(/sleep: done, sleeping 1 s/g) ?? []).length).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it("reboots on the reboot command and carries on with the next seq", async () => {
    const broker = await startAedes();
    cleanups.push(() => broker.stop());
    const w = await watch(broker.port);
    const b = await bootBoard(config(broker.port));
    await until(() => w.seqs().length >= 2, 15000, "telemetry", b.console);
    await w.client.publishAsync("espnode/sim1/cmd", '{"cmd":"reboot","id":5}', { qos: 1 });
    await until(() => w.on("espnode/sim1/reply").length > 0, 10000, "reply");
    expect(JSON.parse(w.on("espnode/sim1/reply")[0].payload)).toEqual({ ok: true, id: 5, cmd: "reboot" });
    await until(() => (b.console().match(/espnode: sim1 starting/g) ?? []).length >= 2, 10000, "reboot", b.console);
    const before = Math.max(...w.seqs());
    await until(() => Math.max(...w.seqs()) >= before + 2, 15000, "telemetry after reboot", b.console);
    expect(contiguous(w.seqs())).toBe(true);
    expect(w.on("espnode/sim1/reply")).toHaveLength(1); // the command is not replayed after the reboot
  }, 60_000);
});

