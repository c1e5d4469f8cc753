// Turning provision flags, a --from file, answers to prompts and secret sources into a DeviceConfig, validated
// completely before the board is touched. Secrets come from the environment, a file, standard input or a hidden
// prompt: never from argv. A value asked for at a prompt gets the same check as its flag.
import { readFile } from "node:fs/promises";
import { X509Certificate, createPrivateKey, type KeyObject } from "node:crypto";
import { StringDecoder } from "node:string_decoder";
import { z } from "zod";
import { EspnodeError } from "../transport/errors.ts";
import { CONFIG_VERSION, TLS_FILES, checkConfig, isTopicLevel, isTopicPrefix, parseBrokerUrl, isSensorName, type DeviceConfig } from "../../firmware/protocol/config.ts";

export const WIFI_PASSWORD_ENV = "ESPNODE_WIFI_PASSWORD";
export const MQTT_PASSWORD_ENV = "ESPNODE_MQTT_PASSWORD";
export const OTA_KEY_ENV = "ESPNODE_OTA_KEY";
/** The file name that means "standard input" for --wifi-password-file / --mqtt-password-file. */
export const STDIN_FILE = "-";

/** Flags as the CLI passes them (strings from argv or a --from file). */
export interface ProvisionFlags {
  deviceId?: string;
  ssid?: string;
  broker?: string;
  mqttUser?: string;
  ca?: string; // path of a PEM or DER certificate file
  cert?: string; // client certificate (mutual TLS), PEM or DER
  key?: string; // its private key, PEM or DER, not encrypted
  prefix?: string;
  interval?: string | number;
  qos?: string | number;
  sensors?: string | string[];
  sleep?: boolean | string;
  from?: string;
  wifiPasswordFile?: string;
  mqttPasswordFile?: string;
  otaKeyFile?: string;
}

/** Checks one answer: the reason to show before asking again, or undefined to accept it. */
export type AnswerCheck = (answer: string) => string | undefined;

/** A value no flag, --from file or environment variable gave, to be asked for on a terminal. */
export interface Question {
  /** The flag that would have given it, e.g. "--device-id". */
  flag: string;
  message: string;
  placeholder?: string;
  /** Returned for an empty answer. */
  defaultValue?: string;
  /** The flag's own check. */
  validate: AnswerCheck;
}

export interface InputSources {
  env: NodeJS.ProcessEnv;
  /** Asks for a secret without echo, again while `validate` refuses it; absent when there is no TTY. */
  prompt?: (question: string, validate?: AnswerCheck) => Promise<string>;
  /** Asks for a missing value, again while `question.validate` refuses it; absent when there is no TTY. */
  ask?: (question: Question) => Promise<string>;
  /** Read for `--wifi-password-file -` / `--mqtt-password-file -` (first line only). */
  stdin?: NodeJS.ReadableStream & { isTTY?: boolean };
}

const utf8Bytes = (s: string) => Buffer.byteLength(s, "utf8");

// One schema per value, so a flag, a --from field and a prompt answer are checked by the same rule.
const fieldSchemas = {
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
};
const flagSchema = z.object(fieldSchemas);
type Field = keyof typeof fieldSchemas;
type RawValues = { [K in Field]: unknown };

const REQUIRED = [
  ["id", "--device-id"],
  ["ssid", "--ssid"],
  ["broker", "--broker"],
] as const;

/** The flag's check for one value: the reason it is refused, or undefined. */
export function checkValue(field: Field, value: unknown): string | undefined {
  const r = fieldSchemas[field].safeParse(value);
  return r.success ? undefined : r.error.issues[0].message;
}

/** WPA2 passphrases are 8-63 characters; an empty one means an open network. */
export function checkWifiPassword(p: string): string | undefined {
  return p.length > 0 && (p.length < 8 || p.length > 63) ? "The Wi-Fi password must be 8-63 characters (WPA2), or empty for an open network" : undefined;
}

/** The OTA key signs app updates (HMAC-SHA256); the config accepts 16-128 characters. */
export function checkOtaKey(k: string): string | undefined {
  return k.length < 16 || k.length > 128 ? "The OTA key must be 16-128 characters" : undefined;
}

function checkMqttPassword(p: string): string | undefined {
  return p.length > 128 ? "The MQTT password must be at most 128 characters" : undefined;
}

const splitSensors = (s: string | string[]) => (Array.isArray(s) ? s : s.split(/[,; ]+/).filter(Boolean));

function usage(message: string, hint = "Run `espnode provision --help` for the options."): EspnodeError {
  return new EspnodeError("usage", message, hint);
}

async function readText(path: string, what: string): Promise<string> {
  return (await readBytes(path, what)).toString("utf8");
}

async function readBytes(path: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (e) {
    throw usage(`Cannot read ${what} ${path}: ${(e as Error).message}.`, "Check the path.");
  }
}

const PEM_CERTIFICATE = /-----BEGIN CERTIFICATE-----[^-]*-----END CERTIFICATE-----/g;

/**
 * A certificate file (PEM or DER) as the one DER certificate the board's TLS takes: its mbedTLS parses DER only and
 * reads just the first certificate of what it is given (libs/network/network.c), so a bundle is refused here.
 */
export function certificateDer(data: Buffer, flag: string, path: string): Buffer {
  const text = data.toString("latin1");
  const blocks = text.match(PEM_CERTIFICATE) ?? [];
  const hint = `Pass a single certificate in PEM (-----BEGIN CERTIFICATE-----) or DER form.`;
  let certs: X509Certificate[];
  try {
    certs = blocks.length > 0 ? blocks.map((b) => new X509Certificate(b)) : [new X509Certificate(data)];
  } catch (e) {
    throw usage(`${flag} ${path} is not a certificate (${(e as Error).message}).`, hint);
  }
  if (certs.length > 1)
    throw usage(
      `${flag} ${path} holds ${certs.length} certificates (${certs.map((c) => c.subject.replace(/\n/g, ", ")).join("; ")}), ` +
        `but the board's TLS reads only the first certificate it is given.`,
      flag === "--ca"
        ? "Pass the one CA certificate that signed the broker's certificate (e.g. cut it out of the bundle into its own file)."
        : "Pass the device's own certificate alone.",
    );
  return certs[0].raw;
}

/** A private key file (PEM or DER) as DER the board's mbedtls_pk_parse_key takes: PKCS#1 for RSA. */
function privateKeyDer(data: Buffer, path: string): { der: Buffer; key: KeyObject } {
  let key: KeyObject | undefined;
  const text = data.toString("latin1");
  if (text.includes("-----BEGIN")) {
    if (text.includes("ENCRYPTED")) throw usage(`--key ${path} is encrypted; the board cannot use a passphrase.`, "Decrypt it, e.g. `openssl pkey -in key.pem -out plain.pem`.");
    try {
      key = createPrivateKey(text);
    } catch (e) {
      throw usage(`--key ${path} is not a private key (${(e as Error).message}).`, "Pass the device's private key in PEM or DER form.");
    }
  } else {
    for (const type of ["pkcs8", "pkcs1"] as const) {
      try {
        key = createPrivateKey({ key: data, format: "der", type });
        break;
      } catch {
        // try the next DER form
      }
    }
    if (!key) throw usage(`--key ${path} is not a private key in PEM or DER form.`, "Pass the device's private key (RSA).");
  }
  // Only RSA signing has been shown to work with the board's TLS (its mbedTLS build has no ECDSA).
  if (key.asymmetricKeyType !== "rsa")
    throw usage(`--key ${path} is an ${key.asymmetricKeyType} key; the board's TLS signs with RSA keys only.`, "Create the device certificate with an RSA key (2048 bits).");
  return { der: key.export({ format: "der", type: "pkcs1" }), key };
}

/** The TLS material for mqtts://, as the DER files `espnode provision` writes next to the config. */
async function readTlsFiles(f: ProvisionFlags): Promise<Record<string, Buffer>> {
  const files: Record<string, Buffer> = {};
  if (f.ca) files[TLS_FILES.ca] = certificateDer(await readBytes(f.ca, "CA file"), "--ca", f.ca);
  if ((f.cert === undefined) !== (f.key === undefined))
    throw usage(`${f.cert ? "--cert" : "--key"} needs ${f.cert ? "--key" : "--cert"} too: mutual TLS takes the device's certificate and its private key.`, "Pass both, or neither.");
  if (f.cert && f.key) {
    const certDer = certificateDer(await readBytes(f.cert, "certificate file"), "--cert", f.cert);
    const { der, key } = privateKeyDer(await readBytes(f.key, "key file"), f.key);
    if (!new X509Certificate(certDer).checkPrivateKey(key)) throw usage(`--key ${f.key} is not the private key of --cert ${f.cert}.`, "Pass the key the certificate was made for.");
    files[TLS_FILES.cert] = certDer;
    files[TLS_FILES.key] = der;
  }
  return files;
}

/**
 * Reads up to the first line feed (or the end) of a stream and stops reading it there. Returns the line without
 * its CR/LF, or null when the stream ended before a single byte.
 */
export function readFirstLine(stream: NodeJS.ReadableStream): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const decoder = new StringDecoder("utf8");
    let text = "";
    let bytes = 0;
    const finish = (line: string | null) => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      stream.off("error", onError);
      stream.pause();
      // Nothing else reads standard input; letting go of it lets the process exit while a writer still holds the pipe.
      (stream as { destroy?: () => void }).destroy?.();
      resolve(line === null ? null : line.replace(/\r$/, ""));
    };
    const onData = (chunk: Buffer | string) => {
      const b = typeof chunk === "string" ? Buffer.from(chunk, "utf8") : chunk;
      bytes += b.length;
      text += decoder.write(b);
      const nl = text.indexOf("\n");
      if (nl >= 0) finish(text.slice(0, nl));
    };
    const onEnd = () => finish(bytes === 0 ? null : text + decoder.end());
    const onError = (e: Error) => {
      stream.off("data", onData);
      stream.off("end", onEnd);
      reject(usage(`Cannot read standard input: ${e.message}.`, "Pipe the secret in, or use a file."));
    };
    stream.on("data", onData);
    stream.on("end", onEnd);
    stream.on("error", onError);
    stream.resume();
  });
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
  return flagsFromRecord(raw, path);
}

/** One device's values keyed by flag (device-id), camelCase or config name (id) as ProvisionFlags; refuses passwords. */
export function flagsFromRecord(raw: Record<string, unknown>, path: string): ProvisionFlags {
  // Accept flag spellings (device-id), camelCase (deviceId) and the config's own field names (id).
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const key = k.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    out[key === "id" ? "deviceId" : key] = v;
  }
  for (const secret of ["wifiPass", "wifiPassword", "mqttPass", "mqttPassword", "otaKey"])
    if (secret in out)
      throw usage(
        `${path} contains a password (${secret}).`,
        `Keep secrets out of device files: use ${WIFI_PASSWORD_ENV}/${MQTT_PASSWORD_ENV} or --wifi-password-file/--mqtt-password-file.`,
      );
  return out as ProvisionFlags;
}

interface SecretKind {
  label: string;
  env: string;
  flag: string;
  check: AnswerCheck;
}
const WIFI: SecretKind = { label: "Wi-Fi password", env: WIFI_PASSWORD_ENV, flag: "--wifi-password-file", check: checkWifiPassword };
const MQTT: SecretKind = { label: "MQTT password", env: MQTT_PASSWORD_ENV, flag: "--mqtt-password-file", check: checkMqttPassword };
const OTA: SecretKind = { label: "OTA key", env: OTA_KEY_ENV, flag: "--ota-key-file", check: checkOtaKey };

async function fromStdin(kind: SecretKind, sources: InputSources): Promise<string> {
  const stdin = sources.stdin;
  if (!stdin) throw usage(`${kind.flag} ${STDIN_FILE} reads standard input, which this caller does not provide.`, `Pass a file or set ${kind.env}.`);
  if (stdin.isTTY)
    throw usage(
      `${kind.flag} ${STDIN_FILE} reads the ${kind.label} from standard input, but that is a terminal, which would echo it.`,
      `Pipe it in (e.g. \`pass show wifi | espnode provision ${kind.flag} - …\`), or leave ${kind.flag} out to be asked without echo.`,
    );
  const line = await readFirstLine(stdin);
  if (line === null)
    throw usage(
      `Standard input was empty: ${kind.flag} ${STDIN_FILE} expects the ${kind.label} on its first line.`,
      `Pipe the ${kind.label} in, e.g. \`printf '%s\\n' "$PASSWORD" | espnode provision ${kind.flag} - …\` (an empty line means no password).`,
    );
  return line;
}

async function secret(kind: SecretKind, file: string | undefined, sources: InputSources, required: boolean, question: string): Promise<string | undefined> {
  let value: string | undefined;
  let from: string;
  if (file === STDIN_FILE) {
    value = await fromStdin(kind, sources);
    from = "what was piped in";
  } else if (file) {
    value = (await readText(file, `${kind.label} file`)).replace(/\r?\n$/, "");
    from = file;
  } else if (sources.env[kind.env] !== undefined) {
    value = sources.env[kind.env]!;
    from = kind.env;
  } else {
    if (!required) return undefined;
    if (sources.prompt) return sources.prompt(question, kind.check);
    throw usage(`No ${kind.label} given.`, `Set ${kind.env}, pass ${kind.flag} FILE (or - to pipe it in), or run in a terminal to be asked.`);
  }
  const problem = kind.check(value);
  if (problem) throw usage(`${problem}.`, `Check ${from}.`);
  return value;
}

/** A prompt answer is checked like its flag; an empty answer to a required question gets its own reason. */
function questionFor(field: "id" | "ssid" | "broker", flag: string, caNeedsTls: boolean): Question {
  const required = (name: string, check: AnswerCheck): AnswerCheck => (a) => (a.trim() === "" ? `${name} is required (Ctrl-C to cancel)` : check(a));
  switch (field) {
    case "id":
      return { flag, message: "Device id (one MQTT topic level)", placeholder: "e.g. kitchen-1", validate: required("A device id", (a) => checkValue("id", a.trim())) };
    case "ssid":
      return { flag, message: "Wi-Fi network name (SSID)", validate: required("The network name", (a) => checkValue("ssid", a)) };
    case "broker":
      return {
        flag,
        message: "MQTT broker URL",
        placeholder: caNeedsTls ? "mqtts://192.168.1.10:8883" : "mqtt://192.168.1.10:1883",
        validate: required("A broker URL", (a) => checkValue("broker", a.trim()) ?? (caNeedsTls && !parseBrokerUrl(a.trim())!.tls ? "--ca needs an mqtts:// broker" : undefined)),
      };
  }
}

/** The config and the Storage files it names (TLS material as DER), both to be written by provision(). */
export interface ProvisionInput {
  config: DeviceConfig;
  files: Record<string, Buffer>;
}

/** Builds and validates the complete config; throws a "usage" EspnodeError naming the first bad value. */
export async function buildConfig(cli: ProvisionFlags, sources: InputSources): Promise<DeviceConfig> {
  return (await buildProvisionInput(cli, sources)).config;
}

/** buildConfig, plus the DER files for --ca/--cert/--key. */
export async function buildProvisionInput(cli: ProvisionFlags, sources: InputSources): Promise<ProvisionInput> {
  const fromFile = cli.from ? parseFromFile(await readText(cli.from, "--from file"), cli.from) : {};
  // Command-line flags win over the file.
  const f: ProvisionFlags = { ...fromFile, ...Object.fromEntries(Object.entries(cli).filter(([, v]) => v !== undefined)) };
  if (f.wifiPasswordFile === STDIN_FILE && f.mqttPasswordFile === STDIN_FILE)
    throw usage(
      `--wifi-password-file ${STDIN_FILE} and --mqtt-password-file ${STDIN_FILE} cannot both read standard input.`,
      `Pipe one of them in; give the other as a file or in ${WIFI_PASSWORD_ENV}/${MQTT_PASSWORD_ENV}.`,
    );
  if (f.otaKeyFile === STDIN_FILE && (f.wifiPasswordFile === STDIN_FILE || f.mqttPasswordFile === STDIN_FILE))
    throw usage(`--ota-key-file ${STDIN_FILE} and another secret cannot both read standard input.`, `Give the OTA key as a file or in ${OTA_KEY_ENV}.`);
  const raw: RawValues = {
    id: f.deviceId,
    ssid: f.ssid,
    broker: f.broker,
    mqttUser: f.mqttUser || undefined,
    prefix: f.prefix ?? "espnode",
    interval: f.interval ?? 10,
    qos: f.qos ?? 1, // QoS1 so undelivered records wait in the flash outbox
    sensors: splitSensors(f.sensors ?? "temp"),
    sleep: f.sleep === true || f.sleep === "true" || f.sleep === "1",
  };

  // Every value that was given passes its check before anyone is asked anything.
  for (const field of Object.keys(fieldSchemas) as Field[]) {
    if (raw[field] === undefined) continue;
    const problem = checkValue(field, raw[field]);
    if (problem) throw usage(problem);
  }
  const files = await readTlsFiles(f);
  const ca = Object.keys(files).length > 0 ? (f.ca ? "--ca" : "--cert") : undefined;
  const caMismatch = () => usage(`${ca} only makes sense with an mqtts:// broker.`, `Use mqtts://host:8883 or drop ${ca}.`);
  if (ca && typeof raw.broker === "string" && !parseBrokerUrl(raw.broker)!.tls) throw caMismatch();

  const missing = REQUIRED.filter(([field]) => raw[field] === undefined);
  if (missing.length > 0 && !sources.ask) {
    const [, flag] = missing[0];
    throw usage(`${flag} is required.`, `Pass ${flag}, put it in a --from file, or run in a terminal to be asked.`);
  }
  // On a terminal a person fills the gaps, in the order they would think of them.
  const ask = (field: "id" | "ssid" | "broker", flag: string) => sources.ask!(questionFor(field, flag, ca !== undefined));
  if (raw.id === undefined) raw.id = (await ask("id", "--device-id")).trim();
  if (raw.ssid === undefined) raw.ssid = await ask("ssid", "--ssid");
  const wifiPass = (await secret(WIFI, f.wifiPasswordFile, sources, true, `Wi-Fi password for ${raw.ssid} (not shown; empty for an open network)`)) ?? "";
  if (raw.broker === undefined) raw.broker = (await ask("broker", "--broker")).trim();
  const mqttPass = await secret(MQTT, f.mqttPasswordFile, sources, raw.mqttUser !== undefined, "MQTT password (not shown)");
  // Optional: without a key the node refuses every update over MQTT.
  const otaKey = await secret(OTA, f.otaKeyFile, sources, false, "");
  if (missing.length > 0) {
    // Already asking: offer the everyday choices too, with their defaults one Enter away.
    if (f.sensors === undefined)
      raw.sensors = splitSensors(
        (await sources.ask!({
          flag: "--sensors",
          message: "Sensors (temp, bme280, a<pin>; comma-separated)",
          defaultValue: "temp",
          placeholder: "temp",
          validate: (a) => checkValue("sensors", splitSensors(a.trim() || "temp")),
        })).trim() || "temp",
      );
    if (f.interval === undefined)
      raw.interval = (
        await sources.ask!({
          flag: "--interval",
          message: "Seconds between readings",
          defaultValue: "10",
          placeholder: "10",
          validate: (a) => checkValue("interval", a.trim() || "10"),
        })
      ).trim() || "10";
  }

  const parsed = flagSchema.safeParse(raw);
  if (!parsed.success) throw usage(parsed.error.issues[0].message);
  const v = parsed.data;
  if (ca && !parseBrokerUrl(v.broker)!.tls) throw caMismatch();

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
  if (otaKey !== undefined) config.otaKey = otaKey;
  if (files[TLS_FILES.ca]) config.ca = TLS_FILES.ca;
  if (files[TLS_FILES.key]) {
    config.cert = TLS_FILES.cert;
    config.key = TLS_FILES.key;
  }
  if (v.sleep) config.sleep = true;
  const problem = checkConfig(config);
  if (problem) throw usage(`Invalid config: ${problem}.`);
  return { config, files };
}
