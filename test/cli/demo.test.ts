// `espnode demo`: broker + virtual board + build + deploy + provision + telemetry, for a few seconds.
import { describe, expect, it } from "vitest";
import { runCli } from "./support/sim.ts";

describe("espnode demo", () => {
  it("runs end to end and shows telemetry from the serial console and the broker", { timeout: 60_000 }, async () => {
    const r = await runCli(["demo", "--duration", "6", "--interval", "1", "--json"], { timeoutMs: 55_000 });
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    const serial = rows.filter((x) => x.type === "record");
    const mqtt = rows.filter((x) => x.type === "mqtt" && /^espnode\/demo-1\/telemetry$/.test(x.topic));
    expect(serial.length).toBeGreaterThanOrEqual(2);
    expect(mqtt.length).toBeGreaterThanOrEqual(2);
    expect(rows.some((x) => x.type === "mqtt" && x.topic === "espnode/demo-1/status" && x.payload === "online")).toBe(true);
    const done = rows.find((x) => x.type === "demo");
    expect(done).toMatchObject({ ok: true });
    expect(done.telemetryOverMqtt).toBe(mqtt.length);
  });
});
