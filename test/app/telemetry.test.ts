import { describe, expect, it } from "vitest";
import { telemetryJson } from "../../firmware/app/telemetry.ts";
import { loadConfig, saveConfig } from "../../firmware/app/config-store.ts";
import { SensorSet } from "../../firmware/sensors/sensor-set.ts";
import { chipTemperatureC, analogFraction } from "../../firmware/sensors/internal.ts";
import { parseTelemetryLine, telemetryLine } from "../../firmware/protocol/telemetry-line.ts";
import { Bme280Double } from "./bme280-double.ts";
import { FlashStorageDouble } from "./flash-storage-double.ts";
import { stagingName } from "../../host-tools/commands/atomic-file.ts";
import { CONFIG_FILE, CONFIG_STAGING_FILE } from "../../firmware/protocol/config.ts";

describe("telemetry record", () => {
  it("is JSON starting with seq, with null for unavailable readings, and parses as a console line", () => {
    const json = telemetryJson(7, 120, -61, 9000, 2, 5, ["temp", "t", "a36"], [41.5, NaN, 0.25]);
    expect(json.startsWith('{"seq":7,')).toBe(true);
    expect(JSON.parse(json)).toEqual({ seq: 7, up: 120, rssi: -61, mem: 9000, lost: 2, ob: 5, temp: 41.5, t: null, a36: 0.25 });
    expect(parseTelemetryLine(telemetryLine(json))).toEqual(JSON.parse(json));
    expect(JSON.parse(telemetryJson(1, 0, null, 1, 0, 0, [], [])).rssi).toBeNull();
  });
});

describe("internal sensors", () => {
  it("converts the raw chip reading (≈°F) to °C and the ADC fraction to 3 decimals", () => {
    expect(chipTemperatureC(122)).toBe(50);
    expect(chipTemperatureC(NaN)).toBeNaN();
    expect(analogFraction(0.123456)).toBe(0.123);
    expect(analogFraction(NaN)).toBeNaN();
    expect(analogFraction(1.5)).toBeNaN();
  });

  it("a sensor set samples every configured sensor into flat fields", () => {
    const bus = new Bme280Double(0x76, {
      T1: 27504, T2: 26435, T3: -1000, P1: 36477, P2: -10685, P3: 3024, P4: 2855, P5: 140, P6: -7, P7: 15500,
      P8: -14600, P9: 6000, H1: 75, H2: 362, H3: 0, H4: 313, H5: 50, H6: 30,
    });
    bus.adcT = 519888;
    bus.adcP = 415148;
    bus.adcH = 30000;
    let i2cSetups = 0;
    const set = new SensorSet(["temp", "bme280", "a36", "temp"], {
      getTemperature: () => 104,
      analogRead: (pin) => (pin === 36 ? 0.5 : NaN),
      i2c: () => (i2cSetups++, bus),
    });
    expect(set.fields).toEqual(["temp", "t", "p", "h", "a36"]);
    set.sample();
    set.sample();
    expect(set.values.slice(0, 3)).toEqual([40, 25.08, 1006.53]);
    expect(set.values[4]).toBe(0.5);
    expect(i2cSetups).toBe(1);
    expect(set.read("a36")).toEqual({ a36: 0.5 });
    expect(set.read("a39")).toBeNull();
  });
});

describe("config store", () => {
  it("explains a missing, broken or invalid config in one line naming the fix", () => {
    const fs = new FlashStorageDouble();
    expect(loadConfig(fs).problem).toBe("espnode: not provisioned (no espnode.cfg): run espnode provision");
    fs.write("espnode.cfg", "{oops");
    expect(loadConfig(fs).problem).toMatch(/not valid JSON: run espnode provision again/);
    fs.write("espnode.cfg", JSON.stringify({ v: 1, id: "a/b" }));
    expect(loadConfig(fs).problem).toMatch(/invalid \(id must be one MQTT topic level.*\): run espnode provision again/);
  });

  it("falls back to the verified staging copy when a power cut took espnode.cfg, never to a broken one", () => {
    const fs = new FlashStorageDouble();
    const cfg = { v: 1, id: "n1", ssid: "s", wifiPass: "", broker: "mqtt://h:1883", prefix: "p", interval: 5, qos: 1, sensors: [] };
    fs.write("espnode.cfg.new", JSON.stringify(cfg).slice(0, 20));
    expect(loadConfig(fs).config).toBeNull();
    fs.write("espnode.cfg.new", JSON.stringify(cfg));
    expect(loadConfig(fs)).toEqual({ config: cfg, problem: "" });
    fs.write("espnode.cfg", JSON.stringify({ ...cfg, id: "n2" }));
    expect(loadConfig(fs).config?.id).toBe("n2");
    // The name the firmware falls back to is the one `espnode provision` stages to.
    expect(stagingName(CONFIG_FILE)).toBe(CONFIG_STAGING_FILE);
  });

  it("round-trips a valid config", () => {
    const fs = new FlashStorageDouble();
    const cfg = { v: 1, id: "n1", ssid: "s", wifiPass: "", broker: "mqtt://h:1883", prefix: "p", interval: 5, qos: 1, sensors: [] };
    expect(saveConfig(fs, cfg)).toBe(true);
    expect(loadConfig(fs)).toEqual({ config: cfg, problem: "" });
  });
});
