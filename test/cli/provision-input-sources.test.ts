// Where provision values come from besides flags: answers at a prompt (checked like the flag, asked again when
// refused), and secrets on standard input (first line only, never from a terminal).
import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { PassThrough, Readable } from "node:stream";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { execFileSync } from "node:child_process";
import { buildConfig, readFirstLine, type InputSources, type Question } from "../../host-tools/commands/provision-input.ts";

let dir: string;
let caFile: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "espnode-prov-src-"));
  caFile = join(dir, "ca.pem");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", join(dir, "k.pem"), "-out", caFile, "-days", "1", "-subj", "/CN=test-ca"], { stdio: "ignore" });
});
afterAll(async () => rm(dir, { recursive: true, force: true }));

/** A person at a terminal: tries each answer to a question in turn until the question's check accepts one. */
function person(answers: Record<string, string[]>, secrets: Record<string, string[]> = {}) {
  const log: string[] = [];
  const sources: InputSources = {
    env: {},
    ask: async (q: Question) => {
      for (const a of answers[q.flag] ?? []) {
        const reason = q.validate(a === "" && q.defaultValue ? q.defaultValue : a);
        log.push(reason ? `${q.flag} "${a}" refused: ${reason}` : `${q.flag} "${a}"`);
        if (!reason) return a === "" && q.defaultValue ? q.defaultValue : a;
      }
      throw new Error(`no acceptable answer for ${q.flag} (${q.message})`);
    },
    prompt: async (question, validate) => {
      const key = question.startsWith("Wi-Fi") ? "wifi" : "mqtt";
      for (const a of secrets[key] ?? []) {
        const reason = validate?.(a);
        log.push(reason ? `${key} password refused: ${reason}` : `${key} password`);
        if (!reason) return a;
      }
      throw new Error(`no acceptable ${key} password`);
    },
  };
  return { sources, log };
}

describe("readFirstLine", () => {
  it("returns the first line without CR/LF, ignores the rest, and null for an empty stream", async () => {
    expect(await readFirstLine(Readable.from([Buffer.from("pass word 1\r\nsecond\n")]))).toBe("pass word 1");
    expect(await readFirstLine(Readable.from([Buffer.from("no newline at all")]))).toBe("no newline at all");
    expect(await readFirstLine(Readable.from([Buffer.from("\n")]))).toBe("");
    expect(await readFirstLine(Readable.from([]))).toBeNull();
    // A multi-byte character split across two chunks.
    const euro = Buffer.from("pré€ss\n");
    expect(await readFirstLine(Readable.from([euro.subarray(0, 5), euro.subarray(5)]))).toBe("pré€ss");
  });

  it("stops at the first line even while the writer keeps the pipe open", async () => {
    const pipe = new PassThrough();
    pipe.write("secret-one\n");
    expect(await readFirstLine(pipe)).toBe("secret-one");
  });
});

describe("provision values asked for on a terminal", () => {
  it("asks for the missing values in order, asks again after a bad answer, and offers the defaults", async () => {
    const { sources, log } = person(
      { "--device-id": ["bad/id", "kitchen-1"], "--ssid": ["x".repeat(33), "home"], "--broker": ["tcp://h:1", "mqtt://10.0.0.2:1883"], "--sensors": ["temp,humid", ""], "--interval": ["0", "30"] },
      { wifi: ["short", "long enough"] },
    );
    const c = await buildConfig({}, sources);
    expect(c).toMatchObject({ id: "kitchen-1", ssid: "home", wifiPass: "long enough", broker: "mqtt://10.0.0.2:1883", sensors: ["temp"], interval: 30 });
    expect(log).toEqual([
      '--device-id "bad/id" refused: --device-id must be one MQTT topic level: no / + # and at most 64 characters',
      '--device-id "kitchen-1"',
      `--ssid "${"x".repeat(33)}" refused: --ssid must be 1-32 bytes`,
      '--ssid "home"',
      "wifi password refused: The Wi-Fi password must be 8-63 characters (WPA2), or empty for an open network",
      "wifi password",
      '--broker "tcp://h:1" refused: --broker must look like mqtt://host:1883 or mqtts://host:8883',
      '--broker "mqtt://10.0.0.2:1883"',
      '--sensors "temp,humid" refused: --sensors entries must be temp, bme280 or a<pin> (e.g. a36)',
      '--sensors ""',
      '--interval "0" refused: --interval must be at least 1 second',
      '--interval "30"',
    ]);
  });

  it("asks nothing but the secret when the flags give every required value", async () => {
    const { sources, log } = person({}, { wifi: ["long enough"] });
    const c = await buildConfig({ deviceId: "n1", ssid: "home", broker: "mqtt://h:1883" }, sources);
    expect(c).toMatchObject({ id: "n1", sensors: ["temp"], interval: 10 });
    expect(log).toEqual(["wifi password"]);
  });

  it("refuses a bad flag before asking anything", async () => {
    const { sources, log } = person({ "--device-id": ["n1"] });
    await expect(buildConfig({ broker: "http://h:80" }, sources)).rejects.toMatchObject({ kind: "usage", message: expect.stringMatching(/--broker must look like/) });
    expect(log).toEqual([]);
  });

  it("with --ca, refuses an mqtt:// answer for the broker", async () => {
    const { sources, log } = person({ "--device-id": ["n1"], "--ssid": ["home"], "--broker": ["mqtt://h:1883", "mqtts://h:8883"], "--sensors": [""], "--interval": [""] }, { wifi: [""] });
    const c = await buildConfig({ ca: caFile }, sources);
    expect(c).toMatchObject({ broker: "mqtts://h:8883", wifiPass: "", interval: 10 });
    expect(log).toContain('--broker "mqtt://h:1883" refused: --ca needs an mqtts:// broker');
  });

  it("without a terminal, a missing value is a usage error naming its flag", async () => {
    await expect(buildConfig({ deviceId: "n1", broker: "mqtt://h:1" }, { env: { ESPNODE_WIFI_PASSWORD: "long enough" } })).rejects.toMatchObject({
      kind: "usage",
      message: "--ssid is required.",
    });
  });
});

describe("provision secrets from standard input", () => {
  const good = { deviceId: "n1", ssid: "home", broker: "mqtt://h:1883" };
  it("reads the Wi-Fi or the MQTT password from stdin (first line), not both", async () => {
    const wifi = await buildConfig({ ...good, wifiPasswordFile: "-" }, { env: {}, stdin: Readable.from([Buffer.from("from stdin 1\r\n")]) });
    expect(wifi.wifiPass).toBe("from stdin 1");
    const mqtt = await buildConfig({ ...good, mqttUser: "u", mqttPasswordFile: "-" }, { env: { ESPNODE_WIFI_PASSWORD: "" }, stdin: Readable.from([Buffer.from("mq\n")]) });
    expect(mqtt).toMatchObject({ wifiPass: "", mqttPass: "mq" });
    await expect(buildConfig({ ...good, mqttUser: "u", wifiPasswordFile: "-", mqttPasswordFile: "-" }, { env: {}, stdin: Readable.from([]) })).rejects.toMatchObject({ kind: "usage" });
  });

  it("refuses a terminal on stdin (it would echo), an empty pipe, and a secret that fails its check", async () => {
    const tty = Object.assign(Readable.from([Buffer.from("typed\n")]), { isTTY: true });
    await expect(buildConfig({ ...good, wifiPasswordFile: "-" }, { env: {}, stdin: tty })).rejects.toMatchObject({ kind: "usage", message: expect.stringMatching(/is a terminal/) });
    await expect(buildConfig({ ...good, wifiPasswordFile: "-" }, { env: {}, stdin: Readable.from([]) })).rejects.toMatchObject({ kind: "usage", message: expect.stringMatching(/empty/) });
    await expect(buildConfig({ ...good, wifiPasswordFile: "-" }, { env: {}, stdin: Readable.from([Buffer.from("short\n")]) })).rejects.toMatchObject({
      kind: "usage",
      hint: "Check what was piped in.",
    });
  });
});
