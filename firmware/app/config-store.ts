// Reads the provisioned device config from Storage and says, in one line, why it cannot be used.

import { CONFIG_FILE, checkConfig, DeviceConfig } from "../protocol/config.ts";
import { FlashStorage } from "./outbox.ts";

export interface LoadedConfig {
  config: DeviceConfig | null;
  /** One console line for the user when config is null. */
  problem: string;
}

export function loadConfig(fs: FlashStorage): LoadedConfig {
  var text = fs.read(CONFIG_FILE);
  if (text === undefined) return { config: null, problem: "espnode: not provisioned (no " + CONFIG_FILE + "): run espnode provision" };
  var cfg: any;
  try {
    cfg = JSON.parse(text);
  } catch (e) {
    return { config: null, problem: "espnode: " + CONFIG_FILE + " is not valid JSON: run espnode provision again" };
  }
  var err = checkConfig(cfg);
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
