// Espruino 2v25+ packet protocol on the virtual board: EVAL, EVENT, FILE_SEND + DATA, FILE_RECV, NAK and timeout,
// and the 0x03-inside-a-packet quirk (seen as Ctrl-C, transfer intact).
import { crc32 } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBoard, sleep, type TestBoard } from "./support/sim-console.ts";

const DLE = 0x10;
const SOH = 0x01;
const ACK = "\x06";
const NAK = "\x15";

function packet(type: number, data: Buffer | string): Buffer {
  const body = typeof data === "string" ? Buffer.from(data, "latin1") : data;
  const header = type | body.length;
  return Buffer.concat([Buffer.from([DLE, SOH, header >> 8, header & 0xff]), body]);
}

let t: TestBoard;

beforeAll(async () => {
  t = await startBoard();
});

afterAll(async () => {
  await t?.close();
});

describe("packet protocol", () => {
  it("answers EVAL with ACK and a RESPONSE packet holding the JSON result", async () => {
    t.board.port.write(packet(0x2000, "1+2"));
    const out = await t.out.waitFor(/\x10\x01\x00\x01.$/s);
    expect(out).toBe(ACK + "\x10\x01\x00\x013");
    t.board.port.write(packet(0x2000, "({a:[1,'x']})"));
    const obj = await t.out.waitFor(/\x10\x01[\s\S]{2}\{.*\}$/);
    expect(obj.slice(obj.indexOf("{"))).toBe('{"a":[1,"x"]}');
  });

  it("writes a file with FILE_SEND and DATA packets", async () => {
    const content = Buffer.alloc(2500);
    for (let i = 0; i < content.length; i++) content[i] = (i * 7) & 0xff;
    t.board.port.write(packet(0x6000, JSON.stringify({ fn: "upload.bin", s: content.length })));
    expect(await t.out.waitFor(/\x06/)).toBe(ACK);
    for (let at = 0; at < content.length; at += 1024) {
      t.board.port.write(packet(0x8000, content.subarray(at, at + 1024)));
      expect(await t.out.waitFor(/[\x06\x15]/)).toBe(ACK);
    }
    expect(Buffer.from(t.board.storage.read("upload.bin")!, "latin1").equals(content)).toBe(true);
    const check = await t.type(`E.CRC32(require("Storage").read("upload.bin"))`);
    expect(check).toContain(`=${crc32(content) >>> 0}`);
  });

  it("streams a file back with FILE_RECV as DATA packets ending with an empty one", async () => {
    await t.type(`require("Storage").write("back.txt", "line1\\nline2\\r\\n\\x03\\x10\\x01end")`);
    t.board.port.write(packet(0xa000, JSON.stringify({ fn: "back.txt" })));
    const out = await t.out.waitFor(/\x10\x01\x80\x00$/);
    expect(out.startsWith(ACK)).toBe(true);
    const body = out.slice(1);
    const length = ((body.charCodeAt(2) & 0x1f) << 8) | body.charCodeAt(3);
    expect(body.slice(4, 4 + length)).toBe("line1\nline2\r\n\x03\x10\x01end");
  });

  it("NAKs packets it cannot act on", async () => {
    t.board.port.write(packet(0x6000, "not json"));
    expect(await t.out.waitFor(/[\x06\x15]/)).toBe(NAK);
    t.board.port.write(packet(0x8000, "data without FILE_SEND"));
    expect(await t.out.waitFor(/[\x06\x15]/)).toBe(NAK);
    t.board.port.write(packet(0xa000, JSON.stringify({ fn: "no-such-file" })));
    expect(await t.out.waitFor(/[\x06\x15]/)).toBe(NAK);
    t.board.port.write(packet(0x6000, JSON.stringify({ fn: "x.js", s: 3 })));
    expect(await t.out.waitFor(/[\x06\x15]/)).toBe(ACK);
    t.board.port.write(packet(0x8000, "too long for three"));
    expect(await t.out.waitFor(/[\x06\x15]/)).toBe(NAK);
  });

  it("NAKs a packet that is not completed within a second", async () => {
    const whole = packet(0x2000, "1+1");
    t.board.port.write(whole.subarray(0, 5));
    await sleep(400);
    expect(t.out.since()).not.toContain(NAK);
    expect(await t.out.waitFor(/\x15/, 2000)).toContain(NAK);
    expect(await t.type("2+2")).toContain("=4");
  });

  it("delivers EVENT packets to E.on('packet')", async () => {
    await t.type("var gotPacket; E.on('packet', function(d){ gotPacket = d.hello })");
    t.board.port.write(packet(0x4000, JSON.stringify({ hello: "world" })));
    expect(await t.out.waitFor(/[\x06\x15]/)).toBe(ACK);
    await sleep(30);
    expect(await t.type("gotPacket")).toContain('="world"');
  });

  it("sees a 0x03 inside DATA as Ctrl-C: running JS is interrupted, the file arrives intact, intervals keep running", async () => {
    await t.type("var ticks = 0; var tickTimer = setInterval(function(){ ticks++ }, 5)");
    await t.type("var busyDone = false; setTimeout(function(){ var end = Date.now() + 3000; while (Date.now() < end) {} busyDone = true }, 50)");
    await sleep(120); // the timeout is now spinning
    const content = Buffer.alloc(600, 0x03);
    t.board.port.write(Buffer.concat([packet(0x6000, JSON.stringify({ fn: "ctrlc.bin", s: 600 })), packet(0x8000, content)]));
    const out = await t.out.waitFor(/\x06[\s\S]*\x06/, 2000);
    expect(out).toContain("Execution Interrupted");
    expect(await t.type("busyDone")).toContain("=false");
    expect(Buffer.from(t.board.storage.read("ctrlc.bin")!, "latin1").equals(content)).toBe(true);
    const before = Number(/=(\d+)/.exec(await t.type("ticks"))![1]);
    await sleep(100);
    const after = Number(/=(\d+)/.exec(await t.type("ticks"))![1]);
    expect(after).toBeGreaterThan(before);
    await t.type("clearInterval(tickTimer)");
  });

  it("reacts to a header whose length low byte is 3 (Ctrl-C) yet still evaluates the packet", async () => {
    t.board.port.write(packet(0x2000, "4+5"));
    expect(await t.out.waitFor(/\x10\x01\x00\x01.$/s)).toBe(ACK + "\x10\x01\x00\x019");
  });
});
