// The sensor-node app's watchdog (#4 "a watchdog so a wedged loop reboots the board"): main.ts arms the hardware
// watchdog with E.enableWatchdog(WATCHDOG_SECONDS, false) and kicks it from its 1 s tick. On the virtual board a
// busy loop scheduled into the app's event loop starves the tick; the watchdog must reboot the board (reset cause
// TG0WDT_SYS_RESET) and the app must come back and publish telemetry again.
// The firmware's period (30 s) is untouched; the sim's watchdogTimeScale test hook runs the watchdog's clock
// faster, so the period this test sees is SCALED_PERIOD_MS.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { startAedes } from "../helpers/brokers.ts";
import { simSuite, config, until } from "./sim-harness.ts";

const { cleanups, bootBoard, watch } = simSuite();

/** The firmware's own watchdog period, read from main.ts so the test follows any change to it. */
const WATCHDOG_SECONDS = Number(
  /var WATCHDOG_SECONDS = (\d+);/.exec(readFileSync(resolve(import.meta.dirname, "../../firmware/app/main.ts"), "utf8"))?.[1],
);
const SCALED_PERIOD_MS = 4000;
const WATCHDOG_RESET = "rst:0x7 (TG0WDT_SYS_RESET)";

describe("sensor-node app on the virtual board: the watchdog", () => {
  it("reads the firmware's watchdog period", () => {
    expect(WATCHDOG_SECONDS).toBeGreaterThan(1);
  });

  it("keeps a healthy app running past the period, reboots a wedged one, and the app publishes again", { timeout: 40_000 }, async () => {
    const broker = await startAedes();
    cleanups.push(() => broker.stop());
    const w = await watch(broker.port);
    const dev = await bootBoard(config(broker.port), { watchdogTimeScale: SCALED_PERIOD_MS / (WATCHDOG_SECONDS * 1000) });
    const telemetry = () => w.on("espnode/sim1/telemetry").length;
    await until(() => telemetry() > 0, 10_000, "first telemetry", dev.console);

    // Healthy: the 1 s tick kicks the watchdog, so running longer than one period does not reboot the board.
    const healthyUntil = Date.now() + SCALED_PERIOD_MS + 1500;
    await until(() => Date.now() > healthyUntil, SCALED_PERIOD_MS + 3000, "healthy window");
    expect(dev.console()).not.toContain(WATCHDOG_RESET);
    expect(dev.console()).toContain("@tlm ");

    // Wedge the app's event loop: a callback that never returns, so no tick runs and nothing kicks the watchdog.
    dev.board.port.write("\x10setTimeout(function () { while (true) {} }, 0);\r");
    const wedgedAt = Date.now();
    await new Promise((r) => setTimeout(r, 300)); // output the board printed before the wedge has arrived
    const wedgedFrom = dev.console().length;
    await until(() => dev.console().includes(WATCHDOG_RESET), SCALED_PERIOD_MS + 3000, "watchdog reset", dev.console);
    const rebootedAfterMs = Date.now() - wedgedAt;
    const resetAt = dev.console().indexOf(WATCHDOG_RESET);
    // While wedged the app printed nothing: no telemetry line between the wedge and the reset.
    expect(dev.console().slice(wedgedFrom, resetAt)).not.toContain("@tlm ");
    // It did not reboot at once: the watchdog waited for (most of) its period after the last kick.
    expect(rebootedAfterMs).toBeGreaterThanOrEqual(SCALED_PERIOD_MS / 2);

    // The board boots the app again from Storage, which reconnects and publishes telemetry.
    const countAtReset = telemetry();
    await until(() => telemetry() > countAtReset, 15_000, "telemetry after the watchdog reboot", dev.console);
    const afterReset = dev.console().slice(resetAt);
    expect(afterReset).toMatch(/espruino\.com/);
    expect(afterReset).toContain("@tlm ");
    // one watchdog reboot, not a reboot loop
    expect(dev.console().split(WATCHDOG_RESET).length - 1).toBe(1);
  });
});
