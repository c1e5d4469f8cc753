// `espnode/config`: the device config `espnode provision` writes (espnode.cfg), read on the board.
//   var loaded = readConfig();
//   if (!loaded.config) print(loaded.problem); else connect(loaded.config.broker, …, tlsCredentials(loaded.config));
import { loadConfig, type LoadedConfig } from "../app/config-store.ts";
import { storageFlash } from "../board/storage-flash.ts";
import type { DeviceConfig } from "../protocol/config.ts";
import type { TlsCredentials } from "../board/mqtt-connect.ts";

export { CONFIG_FILE, checkConfig, parseBrokerUrl, type DeviceConfig } from "../protocol/config.ts";
export type { LoadedConfig } from "../app/config-store.ts";

declare function require(name: "Storage"): { read(name: string): string | undefined };

/** The provisioned config, or null with a one-line reason to print (not provisioned, invalid, …). */
export function readConfig(): LoadedConfig {
  return loadConfig(storageFlash());
}

/** `<prefix>/<id>/<leaf>`: the topics espnode's own app uses (telemetry, status, cmd, reply). */
export function deviceTopic(config: DeviceConfig, leaf: string): string {
  return config.prefix + "/" + config.id + "/" + leaf;
}

/** The DER files the config names for mqtts://, read memory-mapped from Storage (no RAM copy on an ESP32). */
export function tlsCredentials(config: DeviceConfig): TlsCredentials {
  var storage = require("Storage");
  return {
    ca: config.ca ? storage.read(config.ca) : undefined,
    cert: config.cert ? storage.read(config.cert) : undefined,
    key: config.key ? storage.read(config.key) : undefined,
  };
}
