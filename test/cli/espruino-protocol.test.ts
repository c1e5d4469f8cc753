// Protocol layers against a small scripted peer (fast, exact byte checks); end-to-end runs use the simulator.
import { describe, expect, it } from "vitest";
import { crc32 as zlibCrc32 } from "node:zlib";
import { ScriptedEspruino } from "./support/scripted-espruino.ts";
import { InProcessTransport } from "../../host-tools/transport/in-process-transport.ts";
import { EspruinoConsole } from "../../host-tools/device/espruino/console.ts";
import { EspruinoRepl, parseVersion, hasPacketProtocol } from "../../host-tools/device/espruino/repl.ts";
import { BoardStorage, crc32 } from "../../host-tools/device/espruino/storage.ts";
import { packetHeader, safeChunkSizes, PacketType } from "../../host-tools/device/espruino/packet.ts";

function connect(version = "2v29") {
  const peer = new ScriptedEspruino(version);
  const sent: Buffer[] = [];
  const transport = new InProcessTransport(peer.port);
  const origWrite = transport.write.bind(transport);
  transport.write = async (d) => {
    sent.push(Buffer.isBuffer(d) ? d : Buffer.from(d, "latin1"));
    return origWrite(d);
  };
  const repl = new EspruinoRepl(new EspruinoConsole(transport));
  return { peer, repl, storage: new BoardStorage(repl), sent: () => Buffer.concat(sent) };
}

describe("Espruino device protocol", () => {
  it("never sends a packet header whose length has a low byte of 3", () => {
    for (const total of [3, 259, 515, 1027, 1024 * 3 + 3, 5000, 32768, 70_003]) {
      const sizes = safeChunkSizes(total);
      expect(sizes.reduce((a, b) => a + b, 0)).toBe(total);
      for (const n of sizes) {
        expect(n & 0xff).not.toBe(3);
        expect(packetHeader(PacketType.DATA, n)[3]).not.toBe(3);
      }
    }
  });

  it("matches zlib's CRC-32 (which E.CRC32 equals)", () => {
    expect(crc32(Buffer.from("123456789"))).toBe(0xcbf43926);
  });

  it("evaluates expressions on echo-off lines and reads values, errors and undefined", async () => {
    const { repl, peer, sent } = connect();
    await repl.sync();
    expect(await repl.eval("1+2")).toBe(3);
    expect(await repl.eval('{a:[1,"x\\ny"]}')).toEqual({ a: [1, "x\ny"] });
    expect(await repl.eval("undefined")).toBeUndefined();
    await expect(repl.eval("nosuchvar.x")).rejects.toMatchObject({ kind: "device" });
    // Every line went out with DLE first, so the board echoed none of it.
    const lines = sent().toString("latin1").split("\n").filter((l) => l.replace(/\x03/g, "") !== "");
    for (const l of lines) expect(l.replace(/^\x03/, "")[0]).toBe("\x10");
    expect(peer.printed).not.toContain("JSON.stringify");
    expect(parseVersion((await repl.version()).version)).toMatchObject({ major: 2, minor: 29 });
  });

  it("tells packet-protocol firmware (2v25+) from older ones", () => {
    expect(hasPacketProtocol(parseVersion("2v25"))).toBe(true);
    expect(hasPacketProtocol(parseVersion("2v24.12"))).toBe(false);
    expect(hasPacketProtocol(parseVersion("3v00"))).toBe(true);
  });

  for (const method of ["packet", "lines"] as const) {
    it(`uploads binary data (0x03, 0x10, 0xff included) intact with ${method} and verifies the CRC`, async () => {
      const { storage, repl, peer } = connect(method === "packet" ? "2v29" : "2v20");
      await repl.sync();
      const data = Buffer.alloc(5000);
      for (let i = 0; i < data.length; i++) data[i] = (i * 7) & 0xff;
      const progress: number[] = [];
      const crc = await storage.uploadVerified("bin.test", data, { method, onProgress: (d) => progress.push(d) });
      expect(crc).toBe(zlibCrc32(data));
      expect(peer.files.get("bin.test")).toEqual(data);
      expect(progress[progress.length - 1]).toBe(5000);
      expect(await storage.crc("missing.file")).toBeNull();
    });
  }
});
