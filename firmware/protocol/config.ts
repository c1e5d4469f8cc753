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

// No regular expressions in this file: Espruino's engine has no `?`, no `{n,m}`, no `|` inside a group and no
// `\u` escapes, so a pattern that is right in Node can silently mean something else on the board.

var DIGITS = "0123456789";
var HOST_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789.-";
var IPV6_CHARS = "0123456789ABCDEFabcdef:.";
/** Characters that may not appear in a topic level: the separator, the wildcards and NUL. */
var NOT_IN_LEVEL = "/+#" + String.fromCharCode(0);

/** True when s is non-empty and every character of it is in `allowed`. */
function only(s: string, allowed: string): boolean {
  if (!s.length) return false;
  for (var i = 0; i < s.length; i++) if (allowed.indexOf(s.charAt(i)) < 0) return false;
  return true;
}

/** Sensor names the firmware knows: "temp" (ESP32 internal), "bme280" (I2C), "a<pin>" (analog, e.g. "a36"). */
export function isSensorName(s: string): boolean {
  if (s === "temp" || s === "bme280") return true;
  return typeof s === "string" && s.charAt(0) === "a" && (s.length === 2 || s.length === 3) && only(s.substr(1), DIGITS);
}

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
  /** Key for HMAC-SHA256 over app update announcements (`espnode ota`); without it every update is refused. */
  otaKey?: string;
  /** mqtts:// only: names of Storage files holding DER bytes (TLS_FILES), because the board's mbedTLS parses
   *  DER only (a PEM text fails with "Invalid format"), and a Storage file reaches tls.connect memory-mapped. */
  ca?: string;
  /** Client certificate and its private key (mutual TLS); always both or neither. */
  cert?: string;
  key?: string;
  /** Topic prefix: one or more topic levels, no wildcards. */
  prefix: string;
  /** Telemetry interval in seconds. */
  interval: number;
  /** QoS for telemetry: 0 or 1. */
  qos: number;
  /** Enabled sensors, see isSensorName. */
  sensors: string[];
  /** Deep-sleep mode: wake, publish, sleep for `interval` seconds. */
  sleep?: boolean;
}

/** Storage files `espnode provision` writes for mqtts:// (DER bytes), named by the config's ca/cert/key. */
export var TLS_FILES = { ca: "espnode.ca", cert: "espnode.crt", key: "espnode.key" };

/** Fields that must never leave the device or appear in output. */
export var SECRET_FIELDS = ["wifiPass", "mqttPass", "otaKey"];

export interface BrokerAddress {
  tls: boolean;
  host: string;
  port: number;
}

/** Parses mqtt://host[:port] or mqtts://host[:port] (host: a name, an IPv4 or a [bracketed IPv6] address);
 *  null when it is not one. */
export function parseBrokerUrl(url: string): BrokerAddress | null {
  var tls = url.indexOf("mqtts://") === 0;
  if (!tls && url.indexOf("mqtt://") !== 0) return null;
  var rest = url.substr(tls ? 8 : 7);
  if (rest.charAt(rest.length - 1) === "/") rest = rest.substr(0, rest.length - 1);
  var host: string;
  var after: string;
  if (rest.charAt(0) === "[") {
    var close = rest.indexOf("]");
    if (close < 2 || !only(rest.substr(1, close - 1), IPV6_CHARS)) return null;
    host = rest.substr(0, close + 1);
    after = rest.substr(close + 1);
  } else {
    var colon = rest.indexOf(":");
    host = colon < 0 ? rest : rest.substr(0, colon);
    after = colon < 0 ? "" : rest.substr(colon);
    if (!only(host, HOST_CHARS)) return null;
  }
  var port = tls ? 8883 : 1883;
  if (after) {
    var digits = after.substr(1);
    if (after.charAt(0) !== ":" || digits.length > 5 || !only(digits, DIGITS)) return null;
    port = parseInt(digits, 10);
  }
  if (port < 1 || port > 65535) return null;
  return { tls: tls, host: host, port: port };
}

/** True when s is a non-empty MQTT topic level: no '/', '+', '#' or NUL, at most 64 bytes. */
export function isTopicLevel(s: string): boolean {
  if (typeof s !== "string" || s.length === 0 || s.length > 64) return false;
  for (var i = 0; i < s.length; i++) if (NOT_IN_LEVEL.indexOf(s.charAt(i)) >= 0) return false;
  return true;
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

/** ca/cert/key name Storage files (1-28 characters); a PEM text in their place (older configs) is refused. */
function checkTlsFiles(c: any, tls: boolean): string | null {
  var names = ["ca", "cert", "key"];
  for (var i = 0; i < names.length; i++) {
    var v = c[names[i]];
    if (v === undefined) continue;
    if (!tls) return names[i] + " needs an mqtts:// broker";
    if (!isText(v, 1, 28) || v.indexOf("-----") >= 0)
      return names[i] + " must name a Storage file holding DER, not hold a PEM (the board's TLS parses DER only)";
  }
  if ((c.cert === undefined) !== (c.key === undefined)) return "cert and key go together";
  return null;
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
  if (c.otaKey !== undefined && !isText(c.otaKey, 16, 128)) return "otaKey must be 16-128 characters";
  var f = checkTlsFiles(c, b.tls);
  if (f) return f;
  if (!isTopicPrefix(c.prefix)) return "prefix must be topic levels without wildcards";
  if (typeof c.interval !== "number" || !(c.interval >= 1 && c.interval <= 86400)) return "interval must be 1-86400 seconds";
  if (c.qos !== 0 && c.qos !== 1) return "qos must be 0 or 1";
  if (!Array.isArray(c.sensors)) return "sensors must be a list";
  for (var i = 0; i < c.sensors.length; i++)
    if (!isSensorName(c.sensors[i])) return "unknown sensor " + c.sensors[i];
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
