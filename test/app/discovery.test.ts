import { describe, expect, it } from "vitest";
import { discoveryFields, discoveryPayload, discoveryTopic } from "../../firmware/app/discovery.ts";
import { SensorSet } from "../../firmware/sensors/sensor-set.ts";
import type { DeviceConfig } from "../../firmware/protocol/config.ts";

const cfg: DeviceConfig = {
  v: 1, id: "garage", ssid: "net", wifiPass: "secretpass", broker: "mqtt://10.0.0.2", prefix: "espnode",
  interval: 30, qos: 1, sensors: ["temp", "bme280", "a36"],
};
const noHw = { getTemperature: () => NaN, analogRead: () => NaN, i2c: () => { throw new Error("no bus"); } };

describe("Home Assistant discovery", () => {
  const fields = discoveryFields(new SensorSet(cfg.sensors, noHw).fields);

  it("announces rssi and every sensor field", () => {
    expect(fields).toEqual(["rssi", "temp", "t", "p", "h", "a36"]);
    expect(discoveryTopic("garage", "t")).toBe("homeassistant/sensor/garage/t/config");
  });

  it("each payload is JSON with the fields HA requires", () => {
    const ids = new Set<string>();
    for (const f of fields) {
      const raw = discoveryPayload(cfg, f);
      expect(/^[\x20-\x7e]*$/.test(raw), "ASCII only, non-ASCII as JSON escapes").toBe(true);
      const m = JSON.parse(raw);
      expect(typeof m.name).toBe("string");
      expect(m.unique_id).toBe("espnode_garage_" + f);
      ids.add(m.unique_id);
      expect(m.state_topic).toBe("espnode/garage/telemetry");
      expect(m.value_template).toContain("value_json." + f);
      expect(typeof m.unit_of_measurement).toBe("string");
      expect(m.availability_topic).toBe("espnode/garage/status");
      expect(m.payload_available).toBe("online");
      expect(m.payload_not_available).toBe("offline");
      expect(m.device).toEqual({
        identifiers: ["espnode_garage"], name: "garage", model: "ESP32 sensor node (Espruino)", manufacturer: "espnode",
      });
      expect(m.expire_after).toBeUndefined();
    }
    expect(ids.size).toBe(fields.length);
  });

  it("uses HA device classes and units", () => {
    const get = (f: string) => JSON.parse(discoveryPayload(cfg, f));
    expect(get("t")).toMatchObject({ device_class: "temperature", unit_of_measurement: "°C" });
    expect(get("p")).toMatchObject({ device_class: "atmospheric_pressure", unit_of_measurement: "hPa" });
    expect(get("h")).toMatchObject({ device_class: "humidity", unit_of_measurement: "%" });
    expect(get("rssi")).toMatchObject({ device_class: "signal_strength", unit_of_measurement: "dBm", entity_category: "diagnostic" });
    expect(get("a36").device_class).toBeUndefined();
    expect(get("a36").value_template).toContain("* 100");
  });

  it("a sleeping node's readings expire instead of going unavailable", () => {
    expect(JSON.parse(discoveryPayload({ ...cfg, sleep: true }, "t")).expire_after).toBe(90);
  });
});
