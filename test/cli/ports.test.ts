import { describe, expect, it } from "vitest";
import { formatPort, isKnownAdapter, resolvePort, type PortInfo } from "../../host-tools/transport/ports.ts";

const fixture: PortInfo[] = [
  { path: "/dev/ttyUSB0", vendorId: "10c4", productId: "ea60", serialNumber: "0001", manufacturer: "Silicon Labs" },
  { path: "/dev/ttyUSB1", vendorId: "1a86", productId: "7523" },
  { path: "/dev/ttyACM0", vendorId: "2341", productId: "0043", manufacturer: "Arduino" },
  { path: "/dev/ttyS0" },
];

describe("port listing and resolution", () => {
  it("names known ESP32 adapters and formats one line per port", () => {
    expect(fixture.map(isKnownAdapter)).toEqual([true, true, false, false]);
    expect(formatPort(fixture[0])).toMatch(/^\/dev\/ttyUSB0\s+10c4:ea60\s+Silicon Labs CP210x\s+serial 0001$/);
    expect(formatPort(fixture[1])).toMatch(/1a86:7523\s+WCH CH340/);
    expect(formatPort(fixture[2])).toMatch(/2341:0043\s+Arduino/);
    expect(formatPort(fixture[3])).toMatch(/^\/dev\/ttyS0\s+----:----/);
  });

  it("uses an explicit path as given, even one no listing knows (a pty)", async () => {
    expect(await resolvePort("/dev/pts/42", { list: async () => [] })).toBe("/dev/pts/42");
  });

  it("auto picks the single known adapter", async () => {
    expect(await resolvePort("auto", { list: async () => [fixture[0], fixture[2]] })).toBe("/dev/ttyUSB0");
  });

  it("auto with several boards and no TTY lists them in the error", async () => {
    await expect(resolvePort("auto", { list: async () => fixture })).rejects.toMatchObject({
      kind: "usage",
      message: expect.stringContaining("/dev/ttyUSB0 (Silicon Labs CP210x, serial 0001), /dev/ttyUSB1"),
    });
  });

  it("auto with several boards asks when it can", async () => {
    const path = await resolvePort(undefined, { list: async () => fixture, choose: async (c) => c[1] });
    expect(path).toBe("/dev/ttyUSB1");
  });

  it("auto with no known adapter says what to do", async () => {
    await expect(resolvePort("auto", { list: async () => [fixture[2]] })).rejects.toMatchObject({
      kind: "port",
      hint: expect.stringContaining("--port"),
    });
  });

  it("id:SERIAL finds the adapter by USB serial number", async () => {
    expect(await resolvePort("id:0001", { list: async () => fixture })).toBe("/dev/ttyUSB0");
    await expect(resolvePort("id:nope", { list: async () => fixture })).rejects.toMatchObject({ kind: "port" });
  });
});
