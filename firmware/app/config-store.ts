// Reads the provisioned device config from Storage and says, in one line, why it cannot be used.

import { CONFIG_FILE, CONFIG_STAGING_FILE, checkConfig, DeviceConfig } from "../protocol/config.ts";
import { FlashStorage } from "./outbox.ts";

export interface LoadedConfig {
  config: DeviceConfig | null;
  /** One console line for the user when config is null. */
  problem: string;
}

/** The verified staging copy, when a power cut during provisioning took CONFIG_FILE; null when not usable. */
function stagedConfig(fs: FlashStorage): DeviceConfig | null {
  var text = fs.read(CONFIG_STAGING_FILE);
  if (text === undefined) return null;
  try {
    var cfg = JSON.parse(text);
    return checkConfig(cfg) ? null : cfg;
  } catch (e) {
    return null;
  }
}

/** The TLS files the config names must be in Storage (provision writes them before the config). */
function missingTlsFile(fs: FlashStorage, cfg: DeviceConfig): string | null {
  if (cfg.ca && fs.read(cfg.ca) === undefined) return "Storage file " + cfg.ca + " (ca) is missing";
  if (cfg.cert && fs.read(cfg.cert) === undefined) return "Storage file " + cfg.cert + " (cert) is missing";
  if (cfg.key && fs.read(cfg.key) === undefined) return "Storage file " + cfg.key + " (key) is missing";
  return null;
}

export function loadConfig(fs: FlashStorage): LoadedConfig {
  var text = fs.read(CONFIG_FILE);
  if (text === undefined) {
    var staged = stagedConfig(fs);
    if (staged) return { config: staged, problem: "" };
  }
  if (text === undefined) return { config: null, problem: "espnode: not provisioned (no " + CONFIG_FILE + "): run espnode provision" };
  var cfg: any;
  try {
    cfg = JSON.parse(text);
  } catch (e) {
    return { config: null, problem: "espnode: " + CONFIG_FILE + " is not valid JSON: run espnode provision again" };
  }
  var err = checkConfig(cfg) || missingTlsFile(fs, cfg);
  if (err) return { config: null, problem: "espnode: " + CONFIG_FILE + " is invalid (" + err + "): run espnode provision again" };
  return { config: cfg, problem: "" };
}

/** Stores a changed config (e.g. a new interval); the file is small and rarely written. */
export function saveConfig(fs: FlashStorage, cfg: DeviceConfig): boolean {
  try {
    return fs.write(CONFIG_FILE, JSON.stringify(cfg)) !== false;
  } catch (e) {
    return false;
  }
}
