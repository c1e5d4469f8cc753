// `espnode provision` end to end over a pty: refused inputs never touch the board; secrets never appear in our
// output or on the board's console; the config is read back without them; --verify waits on a real broker.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, startSim, TEST_AP, type SimUnderTest } from "./support/sim.ts";
import { CONFIG_FILE } from "../../firmware/protocol/config.ts";

let sim: SimUnderTest;
let pty: string;
let dir: string;
const MQTT_SECRET = "mqtt-Secret-4711";

beforeAll(async () => {
  sim = await startSim();
  pty = await sim.board.openPty();
  dir = await mkdtemp(join(tmpdir(), "espnode-prov-e2e-"));
  await writeFile(join(dir, "mqtt-pass"), MQTT_SECRET + "\n");
});
afterAll(async () => {
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

const base = ["provision", "--device-id", "node-7", "--ssid", TEST_AP.ssid, "--broker", "mqtt://127.0.0.1:1883"];

describe("espnode provision", () => {
  const refused: [string, string[], NodeJS.ProcessEnv][] = [
    ["a bad device id", ["provision", "--device-id", "a/b", "--ssid", "x", "--broker", "mqtt://h:1"], { ESPNODE_WIFI_PASSWORD: "password1" }],
    ["a 33-byte SSID", ["provision", "--device-id", "a", "--ssid", "s".repeat(33), "--broker", "mqtt://h:1"], { ESPNODE_WIFI_PASSWORD: "password1" }],
    ["a 7-character Wi-Fi password", base, { ESPNODE_WIFI_PASSWORD: "1234567" }],
    ["a broker that is not mqtt://", ["provision", "--device-id", "a", "--ssid", "x", "--broker", "tcp://h:1"], { ESPNODE_WIFI_PASSWORD: "password1" }],
    ["QoS 2", [...base, "--qos", "2"], { ESPNODE_WIFI_PASSWORD: "password1" }],
    ["a CA file that is not PEM", [...base.slice(0, 5), "--broker", "mqtts://h:8883", "--ca", "/etc/hostname"], { ESPNODE_WIFI_PASSWORD: "password1" }],
    ["no Wi-Fi password without a terminal", base, { ESPNODE_WIFI_PASSWORD: undefined }],
  ];
  for (const [what, args, env] of refused)
    it(`refuses ${what} with exit code 2, before touching the board`, async () => {
      sim.clearConsole();
      const r = await runCli([...args, "--port", pty], { env });
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/error: .+\n/);
      expect(sim.console()).toBe("");
      expect(sim.board.storage.read(CONFIG_FILE)).toBeUndefined();
    });

  it("takes every value from ESPNODE_* variables, a flag winning over its variable and a variable over --from", async () => {
    const from = join(dir, "from.json");
    await writeFile(from, JSON.stringify({ deviceId: "from-file", interval: 30, prefix: "site" }));
    const r = await runCli(["provision", "--from", from, "--interval", "7", "--port", pty, "--json", "--no-restart"], {
      env: {
        ESPNODE_DEVICE_ID: "env-node",
        ESPNODE_SSID: TEST_AP.ssid,
        ESPNODE_BROKER: "mqtt://127.0.0.1:1884",
        ESPNODE_SENSORS: "temp,bme280",
        ESPNODE_INTERVAL: "20",
        ESPNODE_QOS: "0",
        ESPNODE_WIFI_PASSWORD: TEST_AP.password,
      },
    });
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const stored = JSON.parse(sim.board.storage.read(CONFIG_FILE)!);
    expect(stored).toMatchObject({ id: "env-node", ssid: TEST_AP.ssid, broker: "mqtt://127.0.0.1:1884", sensors: ["temp", "bme280"], interval: 7, qos: 0, prefix: "site" });
  });

  it("writes the config, reads it back without secrets, and never shows a secret", async () => {
    sim.clearConsole();
    const r = await runCli(
      [...base, "--mqtt-user", "dev", "--mqtt-password-file", join(dir, "mqtt-pass"), "--sensors", "temp,a36", "--interval", "5", "--port", pty, "--json", "--no-restart"],
      { env: { ESPNODE_WIFI_PASSWORD: TEST_AP.password } },
    );
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.config).toMatchObject({ id: "node-7", ssid: TEST_AP.ssid, mqttUser: "dev", wifiPassSet: true, mqttPassSet: true, sensors: ["temp", "a36"], interval: 5 });
    for (const secret of [TEST_AP.password, MQTT_SECRET]) {
      expect(r.stdout).not.toContain(secret);
      expect(r.stderr).not.toContain(secret);
      expect(sim.console()).not.toContain(secret);
    }
    const stored = JSON.parse(sim.board.storage.read(CONFIG_FILE)!);
    expect(stored).toMatchObject({ wifiPass: TEST_AP.password, mqttPass: MQTT_SECRET, id: "node-7" });
    expect(sim.board.storage.list()).not.toContain(CONFIG_FILE + ".new");

    const again = await runCli([...base, "--mqtt-user", "dev", "--mqtt-password-file", join(dir, "mqtt-pass"), "--sensors", "temp,a36", "--interval", "5", "--port", pty, "--json", "--no-restart"], {
      env: { ESPNODE_WIFI_PASSWORD: TEST_AP.password },
    });
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, unchanged: true });
  });
});
