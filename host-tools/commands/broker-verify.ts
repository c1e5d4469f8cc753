// `provision --verify`: watch the broker until the device announces itself with its retained "online" status.
import { readFile } from "node:fs/promises";
import { EspnodeError } from "../transport/errors.ts";
import { parseBrokerUrl, type DeviceConfig } from "../../firmware/protocol/config.ts";

export function statusTopic(config: Pick<DeviceConfig, "prefix" | "id">): string {
  return `${config.prefix}/${config.id}/status`;
}

/** True for "online", "\"online\"" or a JSON object whose status/state is "online". */
export function isOnlinePayload(payload: string): boolean {
  const p = payload.trim();
  if (/^"?online"?$/i.test(p)) return true;
  try {
    const j = JSON.parse(p);
    return !!j && typeof j === "object" && (j.status === "online" || j.state === "online");
  } catch {
    return false;
  }
}

export interface VerifyOptions {
  timeoutMs?: number;
  /** Overrides the broker URL in the config (e.g. the device sees the broker under another name). */
  brokerUrl?: string;
  /** Host-side MQTT credentials (default: the config's). */
  username?: string;
  password?: string;
  caFile?: string;
  onStatus?: (message: string) => void;
}

export interface VerifyResult {
  topic: string;
  seconds: number;
  payload: string;
}

export interface OnlineWatch {
  /** Resolves once subscribed: restart the board after this, so its fresh "online" is not missed. */
  subscribed: Promise<void>;
  /** Resolves on a live (not retained) "online", so an old retained status cannot pass for the new config. */
  done: Promise<VerifyResult>;
  stop(): void;
}

let watchCount = 0;

export async function watchForOnline(config: DeviceConfig, opts: VerifyOptions = {}): Promise<OnlineWatch> {
  const url = opts.brokerUrl ?? config.broker;
  const addr = parseBrokerUrl(url);
  if (!addr) throw new EspnodeError("usage", `Cannot verify: ${url} is not a broker URL.`, "Pass mqtt://host:port.");
  const mqtt = await import("mqtt");
  const topic = statusTopic(config);
  const timeoutMs = opts.timeoutMs ?? 60_000;
  const ca = opts.caFile ? await readFile(opts.caFile, "utf8") : config.ca;
  const client = mqtt.connect({
    protocol: addr.tls ? "mqtts" : "mqtt",
    host: addr.host.replace(/^\[|\]$/g, ""),
    port: addr.port,
    username: opts.username ?? config.mqttUser,
    password: opts.password ?? config.mqttPass,
    ca: ca ? [ca] : undefined,
    // Unique per watch: `espnode station` watches several devices at once, and a broker drops the older of two
    // sessions with one client id (each then reconnects and takes the other's place, never settling).
    clientId: `espnode-verify-${process.pid}-${Date.now().toString(36)}-${(++watchCount).toString(36)}`,
    reconnectPeriod: 1000,
    connectTimeout: 5000,
  });
  let lastError = "";
  let started = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const stop = () => {
    if (timer) clearTimeout(timer);
    client.end(true);
  };
  const subscribed = new Promise<void>((resolve) => {
    client.on("connect", () => {
      opts.onStatus?.(`connected to ${url}, waiting for ${topic}`);
      client.subscribe(topic, { qos: 1 }, () => resolve());
    });
  });
  const done = new Promise<VerifyResult>((resolve, reject) => {
    timer = setTimeout(() => {
      stop();
      reject(
        new EspnodeError(
          "verify",
          `The device did not report "online" on ${topic} within ${Math.round(timeoutMs / 1000)} s${lastError ? ` (broker: ${lastError})` : ""}.`,
          lastError
            ? "Check that the broker is reachable from this computer and the credentials are right."
            : "Check the Wi-Fi name and password, that the board can reach the broker, and `espnode monitor` for its log.",
        ),
      );
    }, timeoutMs);
    client.on("error", (e) => {
      lastError = e.message;
    });
    client.on("message", (t, payload, packet) => {
      const text = payload.toString("utf8");
      if (t === topic && !packet.retain && isOnlinePayload(text)) {
        stop();
        resolve({ topic, seconds: (performance.now() - started) / 1000, payload: text });
      }
    });
  });
  done.catch(() => {});
  void subscribed.then(() => (started = performance.now()));
  return { subscribed, done, stop };
}
