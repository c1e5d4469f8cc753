import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { mkdtemp, writeFile, rm, readFile } from "node:fs/promises";
import { X509Certificate } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { buildConfig, buildProvisionInput, type ProvisionFlags } from "../../host-tools/commands/provision-input.ts";

let dir: string;
let caFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "espnode-prov-"));
  caFile = join(dir, "ca.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "k.pem"), "-out", caFile, "-days", "1", "-subj", "/CN=test-ca"], { stdio: "ignore" });
  await writeFile(join(dir, "bad-ca.pem"), "-----BEGIN CERTIFICATE-----\nnot base64 at all\n-----END CERTIFICATE-----\n");
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

const good: ProvisionFlags = { deviceId: "node-1", ssid: "lab", broker: "mqtt://10.0.0.2:1883" };
const env = { ESPNODE_WIFI_PASSWORD: "correct horse" };

describe("provision input validation", () => {
  it("builds a complete config from flags and the environment", async () => {
    const c = await buildConfig({ ...good, sensors: "temp,a36", interval: "30", qos: "1" }, { env });
    expect(c).toEqual({ v: 1, id: "node-1", ssid: "lab", wifiPass: "correct horse", broker: "mqtt://10.0.0.2:1883", prefix: "espnode", interval: 30, qos: 1, sensors: ["temp", "a36"] });
  });

  const bad: [string, ProvisionFlags, NodeJS.ProcessEnv][] = [
    ["missing device id", { ...good, deviceId: undefined }, env],
    ["device id with /", { ...good, deviceId: "a/b" }, env],
    ["device id with wildcard", { ...good, deviceId: "a+" }, env],
    ["empty ssid", { ...good, ssid: "" }, env],
    ["33-byte ssid", { ...good, ssid: "x".repeat(33) }, env],
    ["ssid over 32 bytes in UTF-8", { ...good, ssid: "é".repeat(17) }, env],
    ["short Wi-Fi password", good, { ESPNODE_WIFI_PASSWORD: "short" }],
    ["long Wi-Fi password", good, { ESPNODE_WIFI_PASSWORD: "x".repeat(64) }],
    ["no Wi-Fi password and no TTY", good, {}],
    ["http broker", { ...good, broker: "http://x:80" }, env],
    ["broker port out of range", { ...good, broker: "mqtt://x:70000" }, env],
    ["prefix with #", { ...good, prefix: "a/#" }, env],
    ["prefix with empty level", { ...good, prefix: "a//b" }, env],
    ["interval 0", { ...good, interval: "0" }, env],
    ["interval not a number", { ...good, interval: "soon" }, env],
    ["qos 2", { ...good, qos: "2" }, env],
    ["unknown sensor", { ...good, sensors: "temp,humid" }, env],
    ["mqtt user without password", { ...good, mqttUser: "u" }, env],
  ];
  for (const [name, flags, e] of bad)
    it(`refuses ${name}`, async () => {
      await expect(buildConfig(flags, { env: e })).rejects.toMatchObject({ kind: "usage" });
    });

  it("checks the CA as a real certificate, and only for mqtts://; the board gets it as DER in espnode.ca", async () => {
    const { config: c, files } = await buildProvisionInput({ ...good, broker: "mqtts://h:8883", ca: caFile }, { env });
    expect(c.ca).toBe("espnode.ca");
    expect(files["espnode.ca"]).toEqual(new X509Certificate(await readFile(caFile)).raw);
    // a bundle: the board's mbedTLS would read only its first certificate
    const bundle = join(dir, "bundle.pem");
    await writeFile(bundle, (await readFile(caFile, "utf8")) + (await readFile(caFile, "utf8")));
    await expect(buildConfig({ ...good, broker: "mqtts://h:8883", ca: bundle }, { env })).rejects.toMatchObject({
      kind: "usage",
      message: `--ca ${bundle} holds 2 certificates (CN=test-ca; CN=test-ca), but the board's TLS reads only the first certificate it is given.`,
    });
    await expect(buildConfig({ ...good, broker: "mqtts://h:8883", ca: join(dir, "bad-ca.pem") }, { env })).rejects.toMatchObject({ kind: "usage" });
    await expect(buildConfig({ ...good, ca: caFile }, { env })).rejects.toMatchObject({ kind: "usage" });
    await expect(buildConfig({ ...good, broker: "mqtts://h:8883", ca: join(dir, "none.pem") }, { env })).rejects.toMatchObject({ kind: "usage" });
  });

  it("reads --from JSON and CSV, lets flags override, and refuses secrets in them", async () => {
    const json = join(dir, "d.json");
    await writeFile(json, JSON.stringify({ "device-id": "j1", ssid: "lab", broker: "mqtt://h:1", interval: 5 }));
    expect(await buildConfig({ from: json, interval: "7" }, { env })).toMatchObject({ id: "j1", interval: 7 });
    const csv = join(dir, "d.csv");
    await writeFile(csv, "id,ssid,broker,sensors\nc1,lab,mqtt://h:1,\"temp;a36\"\n");
    expect(await buildConfig({ from: csv }, { env })).toMatchObject({ id: "c1", sensors: ["temp", "a36"] });
    const leaky = join(dir, "leak.json");
    await writeFile(leaky, JSON.stringify({ id: "x", ssid: "s", broker: "mqtt://h:1", wifiPass: "secret12" }));
    await expect(buildConfig({ from: leaky }, { env })).rejects.toMatchObject({ kind: "usage" });
  });

  it("reads passwords from files and asks the prompt only when nothing else is given", async () => {
    const pw = join(dir, "pw");
    await writeFile(pw, "from-a-file-1\n");
    expect((await buildConfig({ ...good, wifiPasswordFile: pw }, { env: {} })).wifiPass).toBe("from-a-file-1");
    const asked: string[] = [];
    const c = await buildConfig({ ...good, mqttUser: "u" }, { env, prompt: async (q) => (asked.push(q), "mqtt-secret") });
    expect(c.mqttPass).toBe("mqtt-secret");
    expect(asked).toEqual(["MQTT password (not shown)"]);
  });
});
