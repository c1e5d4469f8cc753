// The config's TLS fields name Storage files holding DER; a PEM in their place (older configs) is refused.
import { describe, expect, it } from "vitest";
import { checkConfig, CONFIG_VERSION } from "../../firmware/protocol/config.ts";

const base = { v: CONFIG_VERSION, id: "n1", ssid: "home", wifiPass: "", broker: "mqtts://h:8883", prefix: "espnode", interval: 10, qos: 1, sensors: ["temp"] };

describe("config: ca/cert/key", () => {
  it("accepts Storage file names for mqtts://", () => {
    expect(checkConfig({ ...base, ca: "espnode.ca" })).toBeNull();
    expect(checkConfig({ ...base, ca: "espnode.ca", cert: "espnode.crt", key: "espnode.key" })).toBeNull();
  });
  it("refuses a PEM, a name over 28 characters, a lone cert or key, and any of them with mqtt://", () => {
    const pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
    expect(checkConfig({ ...base, ca: pem })).toBe("ca must name a Storage file holding DER, not hold a PEM (the board's TLS parses DER only)");
    expect(checkConfig({ ...base, key: "x".repeat(29), cert: "c" })).toBe("key must name a Storage file holding DER, not hold a PEM (the board's TLS parses DER only)");
    expect(checkConfig({ ...base, cert: "espnode.crt" })).toBe("cert and key go together");
    expect(checkConfig({ ...base, broker: "mqtt://h:1883", ca: "espnode.ca" })).toBe("ca needs an mqtts:// broker");
  });
});
