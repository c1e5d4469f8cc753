// The OTA key for `espnode provision`: from --ota-key-file or $ESPNODE_OTA_KEY (never a flag value), checked,
// stored in the config, and never shown again (redactConfig, the board-side read-back).
import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { mkdtemp, writeFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildConfig, type ProvisionFlags } from "../../host-tools/commands/provision-input.ts";
import { redactConfig, checkConfig } from "../../firmware/protocol/config.ts";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "espnode-ota-key-"));
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const good: ProvisionFlags = { deviceId: "node-1", ssid: "lab", broker: "mqtt://10.0.0.2:1883" };
const env = { ESPNODE_WIFI_PASSWORD: "correct horse" };

describe("provision --ota-key-file / $ESPNODE_OTA_KEY", () => {
  it("is optional: no key, no otaKey field", async () => {
    expect((await buildConfig(good, { env })).otaKey).toBeUndefined();
  });

  it("reads the key from a file (one trailing newline dropped), the file winning over the variable", async () => {
    const file = join(dir, "owner.key");
    await writeFile(file, "from-the-file-0123456789\n");
    const c = await buildConfig({ ...good, otaKeyFile: file }, { env: { ...env, ESPNODE_OTA_KEY: "from-the-variable-0123" } });
    expect(c.otaKey).toBe("from-the-file-0123456789");
    expect((await buildConfig(good, { env: { ...env, ESPNODE_OTA_KEY: "from-the-variable-0123" } })).otaKey).toBe("from-the-variable-0123");
    expect(checkConfig(c)).toBeNull();
  });

  it("refuses a key shorter than 16 characters, naming where it came from but not the key", async () => {
    const err = await buildConfig(good, { env: { ...env, ESPNODE_OTA_KEY: "short-key" } }).catch((e) => e);
    expect(err).toMatchObject({ kind: "usage", message: "The OTA key must be 16-128 characters.", hint: "Check ESPNODE_OTA_KEY." });
    expect(checkConfig({ v: 1, id: "a", ssid: "s", wifiPass: "", broker: "mqtt://h", prefix: "p", interval: 1, qos: 0, sensors: [], otaKey: "x" }))
      .toBe("otaKey must be 16-128 characters");
  });

  it("refuses an OTA key in a --from file, and is redacted like the passwords", async () => {
    const from = join(dir, "node.json");
    await writeFile(from, JSON.stringify({ id: "node-2", ssid: "lab", broker: "mqtt://h:1883", otaKey: "in-a-device-file-000" }));
    await expect(buildConfig({ from }, { env })).rejects.toMatchObject({ kind: "usage", message: `${from} contains a password (otaKey).` });
    expect(redactConfig({ id: "n", otaKey: "secret-secret-secret" })).toEqual({ id: "n", otaKeySet: true });
  });
});
