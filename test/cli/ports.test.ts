import { describe, expect, it } from "vitest";
import { formatPort, formatPortTable, isKnownAdapter, resolvePort, type PortInfo } from "../../host-tools/transport/ports.ts";

const fixture: PortInfo[] = [
  { path: "/dev/ttyUSB0", vendorId: "10c4", productId: "ea60", serialNumber: "0001", manufacturer: "Silicon Labs" },
  { path: "/dev/ttyUSB1", vendorId: "1a86", productId: "7523" },
  { path: "/dev/ttyACM0", vendorId: "2341", productId: "0043", manufacturer: "Arduino" },
  { path: "/dev/ttyS0" },
];

const virtualBoard = (path: string, pid: number): PortInfo => ({
  path,
  virtualBoard: { pid, stateDir: `/tmp/state-${pid}`, started: "2025-01-01T00:00:00.000Z", tcp: { host: "127.0.0.1", port: 4000 + pid } },
});

describe("port listing and resolution", () => {
  it("names known ESP32 adapters and formats one line per port", () => {
    expect(fixture.map(isKnownAdapter)).toEqual([true, true, false, false]);
    // a known adapter shows its name and, next to it, the manufacturer the adapter reports
    expect(formatPort(fixture[0])).toMatch(/^\/dev\/ttyUSB0\s+10c4:ea60\s+Silicon Labs CP210x\s+Silicon Labs\s+serial 0001$/);
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

  it("marks a virtual board and lines the table up under a header", () => {
    expect(formatPort(virtualBoard("/dev/pts/7", 4242))).toMatch(
      /^\/dev\/pts\/7\s+----:----\s+virtual board \(espnode sim, pid 4242\)\s+tcp 127\.0\.0\.1:8242$/,
    );
    const table = formatPortTable([fixture[0], virtualBoard("/dev/pts/7", 4242), fixture[2]]);
    expect(table.header).toMatch(/^PORT\s+VID:PID\s+ADAPTER\s+MANUFACTURER\s+SERIAL \/ TCP$/);
    const manufacturerColumn = table.header.indexOf("MANUFACTURER");
    expect(table.rows[0].indexOf("Silicon Labs CP210x")).toBe(table.header.indexOf("ADAPTER"));
    expect(table.rows[0].lastIndexOf("Silicon Labs")).toBe(manufacturerColumn);
    expect(table.rows[2].indexOf("Arduino")).toBe(manufacturerColumn);
    expect(table.rows[1].indexOf("tcp ")).toBe(table.header.indexOf("SERIAL / TCP"));
  });

  it("auto with several boards and no TTY lists them in the error: a port problem (exit 3)", async () => {
    await expect(resolvePort("auto", { list: async () => fixture })).rejects.toMatchObject({
      kind: "port",
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

  it("auto uses a virtual board only when no known adapter is plugged in", async () => {
    const pts = virtualBoard("/dev/pts/7", 4242);
    expect(await resolvePort("auto", { list: async () => [fixture[2], pts] })).toBe("/dev/pts/7");
    expect(await resolvePort("auto", { list: async () => [fixture[0], pts] })).toBe("/dev/ttyUSB0");
  });

  it("auto with several virtual boards asks, or names them all when it cannot", async () => {
    const boards = [virtualBoard("/dev/pts/7", 4242), virtualBoard("/dev/pts/8", 4343)];
    expect(await resolvePort("auto", { list: async () => boards, choose: async (c) => c[1] })).toBe("/dev/pts/8");
    await expect(resolvePort("auto", { list: async () => boards })).rejects.toMatchObject({
      kind: "port",
      message: expect.stringContaining(
        "/dev/pts/7 (virtual board (espnode sim, pid 4242)), /dev/pts/8 (virtual board (espnode sim, pid 4343))",
      ),
      hint: expect.stringContaining("--port PATH"),
    });
  });

  it("id:SERIAL finds the adapter by USB serial number", async () => {
    expect(await resolvePort("id:0001", { list: async () => fixture })).toBe("/dev/ttyUSB0");
    await expect(resolvePort("id:nope", { list: async () => fixture })).rejects.toMatchObject({ kind: "port" });
  });
});
