// The shared config definitions, as both the firmware and `espnode provision` use them.
import { describe, it, expect } from "vitest";
import { parseBrokerUrl, isTopicLevel, isTopicPrefix, isSensorName, checkConfig, redactConfig } from "../../firmware/protocol/config.ts";

describe("parseBrokerUrl", () => {
  it("reads scheme, host and port, with the standard ports by default", () => {
    expect(parseBrokerUrl("mqtt://broker.lan")).toEqual({ tls: false, host: "broker.lan", port: 1883 });
    expect(parseBrokerUrl("mqtts://10.0.0.2")).toEqual({ tls: true, host: "10.0.0.2", port: 8883 });
    expect(parseBrokerUrl("mqtt://127.0.0.1:41111/")).toEqual({ tls: false, host: "127.0.0.1", port: 41111 });
    expect(parseBrokerUrl("mqtts://[fe80::1]:8884")).toEqual({ tls: true, host: "[fe80::1]", port: 8884 });
    expect(parseBrokerUrl("mqtt://under_score-host.example:1")).toBeNull(); // '_' is not a host name character
  });

  it("refuses what is not an mqtt:// or mqtts:// address", () => {
    for (const bad of ["http://h", "mqtt:/h", "mqtt://", "mqtt://h:", "mqtt://h:0", "mqtt://h:65536", "mqtt://h:123456",
      "mqtt://h:1a", "mqtt://h h", "mqtt://h/path", "mqtt://[zz::1]", "mqtt://[::1", "mqtt://user@h", "MQTT://h"])
      expect(parseBrokerUrl(bad), bad).toBeNull();
  });
});

describe("topic levels, prefixes and sensor names", () => {
  it("accepts any characters but / + # and NUL in a level (the digits 0 and letters like u included)", () => {
    for (const ok of ["node-10", "outdoor", "u0", "büro", "a b"]) expect(isTopicLevel(ok), ok).toBe(true);
    for (const bad of ["", "a/b", "a+", "#", "a\u0000b", "x".repeat(65)]) expect(isTopicLevel(bad), JSON.stringify(bad)).toBe(false);
    expect(isTopicPrefix("home/garden")).toBe(true);
    expect(isTopicPrefix("home//garden")).toBe(false);
    expect(isTopicPrefix("home/+")).toBe(false);
  });

  it("knows temp, bme280 and a<pin> with one or two digits", () => {
    for (const ok of ["temp", "bme280", "a0", "a36"]) expect(isSensorName(ok), ok).toBe(true);
    for (const bad of ["", "a", "a123", "ax", "temp2", "BME280", "b36"]) expect(isSensorName(bad), bad).toBe(false);
  });
});

describe("checkConfig and redactConfig", () => {
  const good = { v: 1, id: "node-10", ssid: "lab", wifiPass: "correct horse", broker: "mqtt://10.0.0.2:1883", prefix: "espnode", interval: 10, qos: 1, sensors: ["temp", "a36"], mqttPass: "s3cret" };

  it("accepts a good config and names the first bad field otherwise", () => {
    expect(checkConfig(good)).toBeNull();
    expect(checkConfig({ ...good, sensors: ["a123"] })).toBe("unknown sensor a123");
    expect(checkConfig({ ...good, wifiPass: "short" })).toMatch(/wifiPass/);
    expect(checkConfig({ ...good, broker: "mqtt://h:99999" })).toMatch(/broker/);
  });

  it("leaves secrets out and says only that they are set", () => {
    const r = redactConfig(good);
    expect(JSON.stringify(r)).not.toContain("correct horse");
    expect(JSON.stringify(r)).not.toContain("s3cret");
    expect(r).toMatchObject({ wifiPassSet: true, mqttPassSet: true, id: "node-10" });
  });
});
