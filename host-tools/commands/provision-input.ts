// Turning provision flags, a --from file and secret sources into a DeviceConfig, validated completely before
// the board is touched. Secrets come from the environment, a file, or a hidden prompt: never from argv.
import { readFile } from "node:fs/promises";
import { X509Certificate } from "node:crypto";
import { z } from "zod";
import { EspnodeError } from "../transport/errors.ts";
import { CONFIG_VERSION, checkConfig, isTopicLevel, isTopicPrefix, parseBrokerUrl, isSensorName, type DeviceConfig } from "../../firmware/protocol/config.ts";

export const WIFI_PASSWORD_ENV = "ESPNODE_WIFI_PASSWORD";
export const MQTT_PASSWORD_ENV = "ESPNODE_MQTT_PASSWORD";

/** Flags as the CLI passes them (strings from argv or a --from file). */
export interface ProvisionFlags {
  deviceId?: string;
  ssid?: string;
  broker?: string;
  mqttUser?: string;
  ca?: string; // path of a PEM file
  prefix?: string;
  interval?: string | number;
  qos?: string | number;
  sensors?: string | string[];
  sleep?: boolean | string;
  from?: string;
  wifiPasswordFile?: string;
  mqttPasswordFile?: string;
}

export interface SecretSources {
  env: NodeJS.ProcessEnv;
  /** Asks for a secret without echo; absent when there is no TTY. */
  prompt?: (question: string) => Promise<string>;
}

const utf8Bytes = (s: string) => Buffer.byteLength(s, "utf8");

const flagSchema = z.object({
  id: z.string({ error: "--device-id is required" }).refine(isTopicLevel, "--device-id must be one MQTT topic level: no / + # and at most 64 characters"),
  ssid: z
    .string({ error: "--ssid is required" })
    .refine((s) => utf8Bytes(s) >= 1 && utf8Bytes(s) <= 32, "--ssid must be 1-32 bytes"),
  broker: z.string({ error: "--broker is required" }).refine((s) => parseBrokerUrl(s) !== null, "--broker must look like mqtt://host:1883 or mqtts://host:8883"),
  mqttUser: z.string().max(128, "--mqtt-user must be at most 128 characters").optional(),
  prefix: z.string().refine(isTopicPrefix, "--prefix must be topic levels separated by / without + or #"),
  interval: z.coerce
    .number({ error: "--interval must be a number of seconds" })
    .int("--interval must be whole seconds")
    .min(1, "--interval must be at least 1 second")
    .max(86400, "--interval must be at most 86400 seconds"),
  qos: z.coerce.number().refine((q) => q === 0 || q === 1, "--qos must be 0 or 1"),
  sensors: z.array(z.string().refine(isSensorName, "--sensors entries must be temp, bme280 or a<pin> (e.g. a36)")),
  sleep: z.boolean(),
});

function usage(message: string, hint = "Run `espnode provision --help` for the options."): EspnodeError {
  return new EspnodeError("usage", message, hint);
}

async function readText(path: string, what: string): Promise<string> {
  try {
    return await readFile(path, "utf8");
  } catch (e) {
    throw usage(`Cannot read ${what} ${path}: ${(e as Error).message}.`, "Check the path.");
  }
}

/** Parses a --from file: a JSON object, or a CSV header line plus one data row (columns named like the flags). */
export function parseFromFile(text: string, path: string): ProvisionFlags {
  const trimmed = text.trim();
  let raw: Record<string, unknown>;
  if (trimmed.startsWith("{")) {
    try {
      raw = JSON.parse(trimmed);
    } catch (e) {
      throw usage(`${path} is not valid JSON: ${(e as Error).message}.`, "Fix the file.");
    }
  } else {
    const lines = trimmed.split(/\r?\n/).filter((l) => l.trim() !== "");
    if (lines.length !== 2) throw usage(`${path}: a CSV file must have a header line and exactly one row.`, "Keep one device per file.");
    const split = (l: string) => l.split(",").map((c) => c.trim().replace(/^"(.*)"$/, "$1"));
    const head = split(lines[0]);
    const row = split(lines[1]);
    raw = Object.fromEntries(head.map((h, i) => [h, row[i]]));
  }
  // Accept flag spellings (device-id), camelCase (deviceId) and the config's own field names (id).
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const key = k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    out[key === "id" ? "deviceId" : key] = v;
  }
  for (const secret of ["wifiPass", "wifiPassword", "mqttPass", "mqttPassword"])
    if (secret in out)
      throw usage(
        `${path} contains a password (${secret}).`,
        `Keep secrets out of device files: use ${WIFI_PASSWORD_ENV}/${MQTT_PASSWORD_ENV} or --wifi-password-file/--mqtt-password-file.`,
      );
  return out as ProvisionFlags;
}

async function secret(
  label: string,
  env: string,
  file: string | undefined,
  sources: SecretSources,
  required: boolean,
): Promise<string | undefined> {
  if (file) return (await readText(file, `${label} file`)).replace(/\r?\n$/, "");
  const fromEnv = sources.env[env];
  if (fromEnv !== undefined) return fromEnv;
  if (!required) return undefined;
  if (sources.prompt) return sources.prompt(`${label} (not shown)`);
  throw usage(`No ${label} given.`, `Set ${env}, or pass ${label === "Wi-Fi password" ? "--wifi-password-file" : "--mqtt-password-file"} FILE (or run in a terminal to be asked).`);
}

/** Builds and validates the complete config; throws a "usage" EspnodeError naming the first bad value. */
export async function buildConfig(cli: ProvisionFlags, sources: SecretSources): Promise<DeviceConfig> {
  const fromFile = cli.from ? parseFromFile(await readText(cli.from, "--from file"), cli.from) : {};
  // Command-line flags win over the file.
  const f: ProvisionFlags = { ...fromFile, ...Object.fromEntries(Object.entries(cli).filter(([, v]) => v !== undefined)) };
  const sensors = Array.isArray(f.sensors) ? f.sensors : (f.sensors ?? "temp").split(/[,; ]+/).filter(Boolean);
  const sleep = f.sleep === true || f.sleep === "true" || f.sleep === "1";
  const parsed = flagSchema.safeParse({
    id: f.deviceId,
    ssid: f.ssid,
    broker: f.broker,
    mqttUser: f.mqttUser || undefined,
    prefix: f.prefix ?? "espnode",
    interval: f.interval ?? 10,
    qos: f.qos ?? 1, // QoS1 so undelivered records wait in the flash outbox
    sensors,
    sleep,
  });
  if (!parsed.success) throw usage(parsed.error.issues[0].message);
  const v = parsed.data;

  let ca: string | undefined;
  if (f.ca) {
    ca = await readText(f.ca, "CA file");
    try {
      new X509Certificate(ca);
    } catch (e) {
      throw usage(`--ca ${f.ca} is not a PEM certificate (${(e as Error).message}).`, "Pass the broker's CA certificate in PEM form (-----BEGIN CERTIFICATE-----).");
    }
    ca = ca.trim() + "\n";
    if (!parseBrokerUrl(v.broker)!.tls) throw usage("--ca only makes sense with an mqtts:// broker.", "Use mqtts://host:8883 or drop --ca.");
  }

  const wifiPass = (await secret("Wi-Fi password", WIFI_PASSWORD_ENV, f.wifiPasswordFile, sources, true)) ?? "";
  if (wifiPass.length > 0 && (wifiPass.length < 8 || wifiPass.length > 63))
    throw usage("The Wi-Fi password must be 8-63 characters (WPA2), or empty for an open network.", `Check ${WIFI_PASSWORD_ENV} or the password file.`);
  const mqttPass = await secret("MQTT password", MQTT_PASSWORD_ENV, f.mqttPasswordFile, sources, v.mqttUser !== undefined);

  const config: DeviceConfig = {
    v: CONFIG_VERSION,
    id: v.id,
    ssid: v.ssid,
    wifiPass,
    broker: v.broker,
    prefix: v.prefix,
    interval: v.interval,
    qos: v.qos,
    sensors: v.sensors,
  };
  if (v.mqttUser !== undefined) config.mqttUser = v.mqttUser;
  if (mqttPass !== undefined) config.mqttPass = mqttPass;
  if (ca) config.ca = ca;
  if (v.sleep) config.sleep = true;
  const problem = checkConfig(config);
  if (problem) throw usage(`Invalid config: ${problem}.`);
  return config;
}
