// Home Assistant MQTT discovery: one retained config message per telemetry field, on
// homeassistant/sensor/<id>/<field>/config, so HA creates the entities by itself. Availability follows the
// node's status topic (will = offline). Messages are built one at a time when sent, never as a batch.

import { DeviceConfig } from "../protocol/config.ts";

export var DISCOVERY_PREFIX = "homeassistant";
/** HA publishes "online" here when it (re)starts: the node then announces itself again. */
export var HA_STATUS_TOPIC = "homeassistant/status";

/** What HA needs to know about one telemetry field. */
interface FieldInfo {
  name: string;
  unit: string;
  deviceClass: string;
  template: string;
  diagnostic: boolean;
}

function info(field: string): FieldInfo {
  var tpl = "{{ value_json." + field + " }}";
  if (field === "temp") return { name: "Chip temperature", unit: "\u00b0C", deviceClass: "temperature", template: tpl, diagnostic: true };
  if (field === "t") return { name: "Temperature", unit: "\u00b0C", deviceClass: "temperature", template: tpl, diagnostic: false };
  if (field === "p") return { name: "Pressure", unit: "hPa", deviceClass: "atmospheric_pressure", template: tpl, diagnostic: false };
  if (field === "h") return { name: "Humidity", unit: "%", deviceClass: "humidity", template: tpl, diagnostic: false };
  if (field === "rssi") return { name: "Wi-Fi signal", unit: "dBm", deviceClass: "signal_strength", template: tpl, diagnostic: true };
  // Analog inputs report 0..1 of the ADC range; HA shows percent.
  return {
    name: "Analog " + field.substr(1),
    unit: "%",
    deviceClass: "",
    template: "{{ (value_json." + field + " * 100) | round(1) if value_json." + field + " is number else none }}",
    diagnostic: false,
  };
}

/** Fields announced for a config: rssi plus every sensor field. */
export function discoveryFields(sensorFields: string[]): string[] {
  return ["rssi"].concat(sensorFields);
}

export function discoveryTopic(id: string, field: string): string {
  return DISCOVERY_PREFIX + "/sensor/" + id + "/" + field + "/config";
}

/** The retained config payload for one field. */
export function discoveryPayload(cfg: DeviceConfig, field: string): string {
  var f = info(field);
  var base = cfg.prefix + "/" + cfg.id;
  var msg: any = {
    name: f.name,
    unique_id: "espnode_" + cfg.id + "_" + field,
    state_topic: base + "/telemetry",
    value_template: f.template,
    unit_of_measurement: f.unit,
    state_class: "measurement",
    availability_topic: base + "/status",
    payload_available: "online",
    payload_not_available: "offline",
    device: {
      identifiers: ["espnode_" + cfg.id],
      name: cfg.id,
      model: "ESP32 sensor node (Espruino)",
      manufacturer: "espnode",
    },
  };
  if (f.deviceClass) msg.device_class = f.deviceClass;
  if (f.diagnostic) msg.entity_category = "diagnostic";
  // A sleeping node is silent between wakes: readings expire instead of the node going "offline".
  if (cfg.sleep) msg.expire_after = cfg.interval * 3;
  // MQTT payloads are bytes: send the degree sign as a JSON escape, not as a raw (non-UTF-8) char.
  return JSON.stringify(msg).split("\u00b0").join("\\u00b0");
}
