// A host-side MQTT connection for the fleet commands (ota, fleet, dashboard): the broker URL as provision takes it
// (mqtt:// or mqtts://, credentials, a CA and a client certificate), reconnecting by itself.
import { readFile } from "node:fs/promises";
import { randomBytes } from "node:crypto";
import type { MqttClient } from "mqtt";
import { EspnodeError } from "../transport/errors.ts";
import { parseBrokerUrl } from "../../firmware/protocol/config.ts";

export interface BrokerOptions {
  url: string;
  username?: string;
  password?: string;
  /** PEM or DER files. */
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  /** Client id prefix. */
  name: string;
}

async function readOptional(file: string | undefined, what: string): Promise<Buffer | undefined> {
  if (!file) return undefined;
  try {
    return await readFile(file);
  } catch (e) {
    throw new EspnodeError("usage", `Cannot read the ${what} ${file}: ${(e as Error).message}.`, "Check the path.");
  }
}

/** Connects and resolves once the broker accepted us; fails after timeoutMs with the broker's last error. */
export async function connectBroker(opts: BrokerOptions, timeoutMs = 10_000): Promise<MqttClient> {
  const addr = parseBrokerUrl(opts.url);
  if (!addr) throw new EspnodeError("usage", `${opts.url} is not a broker URL.`, "Pass mqtt://host:port or mqtts://host:port.");
  const [ca, cert, key] = await Promise.all([
    readOptional(opts.caFile, "CA file"), readOptional(opts.certFile, "certificate file"), readOptional(opts.keyFile, "key file"),
  ]);
  const mqtt = await import("mqtt");
  const client = mqtt.connect({
    protocol: addr.tls ? "mqtts" : "mqtt",
    host: addr.host.replace(/^\[|\]$/g, ""),
    port: addr.port,
    username: opts.username,
    password: opts.password,
    ca: ca ? [ca] : undefined,
    cert,
    key,
    // Unique even for two connections in the same millisecond: a broker drops the older of two equal ids.
    clientId: `espnode-${opts.name}-${process.pid}-${Date.now().toString(36)}-${randomBytes(3).toString("hex")}`,
    reconnectPeriod: 500,
    connectTimeout: 5000,
    // Stale QoS0 packets (chunks) must not go out after a reconnect: the protocol resynchronises by itself.
    queueQoSZero: false,
  });
  let lastError = "";
  client.on("error", (e) => (lastError = e.message));
  // Chunks and acknowledgements are request/response traffic: Nagle's algorithm would hold a write back until the
  // peer's delayed ACK (tens of ms) whenever one is still unacknowledged.
  client.on("connect", () => (client.stream as { setNoDelay?: (on: boolean) => void }).setNoDelay?.(true));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      client.end(true);
      reject(new EspnodeError("failure", `Cannot connect to ${opts.url} within ${timeoutMs / 1000} s${lastError ? ` (${lastError})` : ""}.`,
        "Check the URL, that the broker runs, and the credentials (--mqtt-user, $ESPNODE_MQTT_PASSWORD)."));
    }, timeoutMs);
    client.once("connect", () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return client;
}
