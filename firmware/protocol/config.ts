// The device configuration: one Storage file written by `espnode provision` and read by the firmware at boot.
// Defined once here and imported by both sides, so the two can never disagree about a field.
// Device code: ES5-safe, no allocation beyond what validation needs.

/** Storage file name (Storage names are at most 28 characters). */
export var CONFIG_FILE = "espnode.cfg";
/** `espnode provision` uploads and verifies the config here first, then copies it over CONFIG_FILE on the board.
 *  A power cut during that copy can leave only this file, so the firmware falls back to it when it is valid. */
export var CONFIG_STAGING_FILE = CONFIG_FILE + ".new";
/** Bumped when a field changes meaning; the firmware refuses a config of another version. */
export var CONFIG_VERSION = 1;

/** Sensor names the firmware knows: "temp" (ESP32 internal), "bme280" (I2C), "a<pin>" (analog, e.g. "a36"). */
export var SENSOR_PATTERN = /^(temp|bme280|a[0-9]{1,2})$/;

export interface DeviceConfig {
  v: number;
  /** Device id: one MQTT topic level. */
  id: string;
  ssid: string;
  wifiPass: string;
  /** mqtt://host:port or mqtts://host:port */
  broker: string;
  mqttUser?: string;
  mqttPass?: string;
  /** PEM CA certificate for mqtts:// */
  ca?: string;
  /** Topic prefix: one or more topic levels, no wildcards. */
  prefix: string;
  /** Telemetry interval in seconds. */
  interval: number;
  /** QoS for telemetry: 0 or 1. */
  qos: number;
  /** Enabled sensors, see SENSOR_PATTERN. */
  sensors: string[];
  /** Deep-sleep mode: wake, publish, sleep for `interval` seconds. */
  sleep?: boolean;
}

/** Fields that must never leave the device or appear in output. */
export var SECRET_FIELDS = ["wifiPass", "mqttPass"];

export interface BrokerAddress {
  tls: boolean;
  host: string;
  port: number;
}

/** Parses mqtt://host[:port] or mqtts://host[:port]; null when it is not one. */
export function parseBrokerUrl(url: string): BrokerAddress | null {
  var m = /^(mqtts?):\/\/([A-Za-z0-9.\-]+|\[[0-9A-Fa-f:.]+\])(:([0-9]{1,5}))?\/?$/.exec(url);
  if (!m) return null;
  var tls = m[1] === "mqtts";
  var port = m[4] ? parseInt(m[4], 10) : tls ? 8883 : 1883;
  if (port < 1 || port > 65535) return null;
  return { tls: tls, host: m[2], port: port };
}

/** True when s is a non-empty MQTT topic level: no '/', '+', '#' or NUL, at most 64 bytes. */
export function isTopicLevel(s: string): boolean {
  return typeof s === "string" && s.length > 0 && s.length <= 64 && !/[\/+#\u0000]/.test(s);
}

/** True when s is one or more topic levels joined by '/', without wildcards or empty levels. */
export function isTopicPrefix(s: string): boolean {
  if (typeof s !== "string" || s.length === 0 || s.length > 128) return false;
  var parts = s.split("/");
  for (var i = 0; i < parts.length; i++) if (!isTopicLevel(parts[i])) return false;
  return true;
}

function isText(v: unknown, min: number, max: number): boolean {
  return typeof v === "string" && v.length >= min && v.length <= max;
}

/**
 * Checks a parsed config; returns null when valid, else a one-line reason naming the field.
 * Limits follow the standards: SSID 1-32 bytes, WPA2 passphrase 8-63 characters (or empty for an open network).
 */
export function checkConfig(c: any): string | null {
  if (!c || typeof c !== "object") return "config is not an object";
  if (c.v !== CONFIG_VERSION) return "config version " + c.v + " is not " + CONFIG_VERSION;
  if (!isTopicLevel(c.id)) return "id must be one MQTT topic level (no / + #)";
  if (!isText(c.ssid, 1, 32)) return "ssid must be 1-32 bytes";
  if (typeof c.wifiPass !== "string" || (c.wifiPass.length > 0 && (c.wifiPass.length < 8 || c.wifiPass.length > 63)))
    return "wifiPass must be 8-63 characters (or empty for an open network)";
  var b = typeof c.broker === "string" ? parseBrokerUrl(c.broker) : null;
  if (!b) return "broker must be mqtt://host:port or mqtts://host:port";
  if (c.mqttUser !== undefined && !isText(c.mqttUser, 0, 128)) return "mqttUser must be text";
  if (c.mqttPass !== undefined && !isText(c.mqttPass, 0, 128)) return "mqttPass must be text";
  if (c.ca !== undefined && (typeof c.ca !== "string" || c.ca.indexOf("-----BEGIN CERTIFICATE-----") < 0))
    return "ca must be a PEM certificate";
  if (!isTopicPrefix(c.prefix)) return "prefix must be topic levels without wildcards";
  if (typeof c.interval !== "number" || !(c.interval >= 1 && c.interval <= 86400)) return "interval must be 1-86400 seconds";
  if (c.qos !== 0 && c.qos !== 1) return "qos must be 0 or 1";
  if (!Array.isArray(c.sensors)) return "sensors must be a list";
  for (var i = 0; i < c.sensors.length; i++)
    if (typeof c.sensors[i] !== "string" || !SENSOR_PATTERN.test(c.sensors[i])) return "unknown sensor " + c.sensors[i];
  if (c.sleep !== undefined && typeof c.sleep !== "boolean") return "sleep must be true or false";
  return null;
}

/** A copy without secrets, for `espnode provision` read-back and the device's `config` command. */
export function redactConfig(c: any): any {
  var out: any = {};
  for (var k in c) if (SECRET_FIELDS.indexOf(k) < 0) out[k] = c[k];
  for (var i = 0; i < SECRET_FIELDS.length; i++) if (c[SECRET_FIELDS[i]]) out[SECRET_FIELDS[i] + "Set"] = true;
  return out;
}
