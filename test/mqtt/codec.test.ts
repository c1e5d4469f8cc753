// The core's bytes checked by an independent codec (mqtt-packet), in both directions, and its parser's
// refusals of malformed input.
import { describe, it, expect } from "vitest";
import { recordedClient, parseAll, gen, bin, chunks } from "../helpers/wire.ts";
import {
  CLOSE_BAD_LENGTH, CLOSE_BAD_FLAGS, CLOSE_BAD_TOPIC, CLOSE_ZERO_PACKET_ID, CLOSE_PROTOCOL, CLOSE_REFUSED,
  CLOSE_CONNACK_TIMEOUT, ERR_BAD_TOPIC, ERR_INFLIGHT_FULL, ERR_BUSY,
} from "../../firmware/mqtt/constants.ts";

describe("what the core writes, as mqtt-packet reads it", () => {
  it("CONNECT with will, credentials, keepalive and a persistent session", () => {
    const w = recordedClient({
      clientId: "node-7", keepalive: 42, clean: false, username: "u", password: "p\u0000w",
      willTopic: "n/7/status", willPayload: "offline", willQos: 1, willRetain: true,
    });
    const [p] = parseAll(w.connect());
    expect(p).toMatchObject({
      cmd: "connect", protocolId: "MQTT", protocolVersion: 4, clientId: "node-7", keepalive: 42, clean: false,
      username: "u", will: { topic: "n/7/status", qos: 1, retain: true },
    });
    expect(p.password.toString("latin1")).toBe("p\u0000w");
    expect(p.will.payload.toString()).toBe("offline");
  });

  it("minimal CONNECT: clean session, no will, no credentials", () => {
    const w = recordedClient({ clientId: "a" });
    const [p] = parseAll(w.connect());
    expect(p).toMatchObject({ cmd: "connect", clientId: "a", clean: true, keepalive: 60 });
    expect(p.will).toBeUndefined();
    expect(p.username).toBeUndefined();
  });

  it("PUBLISH at each QoS, retained, with payloads up to 200 kB and every byte value", () => {
    const w = recordedClient();
    w.connect();
    const big = Buffer.alloc(200_000, 0xa5);
    const all = Buffer.from(Array.from({ length: 256 }, (_, i) => i));
    w.client.sendWindow = 1 << 30;
    expect(w.client.publish("a/b", bin(all), 0, true)).toBe(0);
    const id1 = w.client.publish("a/c", bin(big), 1, false);
    const id2 = w.client.publish("a/d", "", 2, true);
    const ps = parseAll(w.socket.take());
    expect(ps).toHaveLength(3);
    expect(ps[0]).toMatchObject({ cmd: "publish", topic: "a/b", qos: 0, retain: true, dup: false });
    expect(Buffer.compare(ps[0].payload, all)).toBe(0);
    expect(ps[1]).toMatchObject({ cmd: "publish", topic: "a/c", qos: 1, retain: false, messageId: id1 });
    expect(ps[1].payload.length).toBe(200_000);
    expect(ps[2]).toMatchObject({ cmd: "publish", topic: "a/d", qos: 2, retain: true, messageId: id2 });
    expect(ps[2].payload.length).toBe(0);
  });

  it("encodes the remaining length right at every 1-to-4-byte boundary", () => {
    const w = recordedClient();
    w.connect();
    w.client.sendWindow = 1 << 30;
    // Remaining length = 2 + topic (1) + payload: hit 127/128, 16383/16384 and 2097151/2097152.
    for (const remaining of [3, 127, 128, 16383, 16384, 2097151, 2097152]) {
      expect(w.client.publish("t", "p".repeat(remaining - 3), 0, false)).toBe(0);
      const [p] = parseAll(w.socket.take());
      expect(p.length, String(remaining)).toBe(remaining);
      expect(p.payload.length).toBe(remaining - 3);
    }
  });

  it("writes the payload as its own write, never concatenated into a packet", () => {
    const w = recordedClient();
    w.connect();
    const payload = "x".repeat(300);
    const writes: string[] = [];
    w.socket.write = (s: string) => void writes.push(s);
    w.client.publish("t", payload, 1, false);
    expect(writes).toContain(payload);
    expect(writes.every((s) => s === payload || s.length <= 8)).toBe(true);
  });

  it("SUBSCRIBE with several topics, UNSUBSCRIBE, PINGREQ and DISCONNECT", () => {
    const w = recordedClient({ keepalive: 10 });
    w.connect();
    const sid = w.client.subscribe(["a/+", "b/#", "c"], [0, 1, 2]);
    const uid = w.client.unsubscribe(["a/+", "c"]);
    w.client.tick(1000 + 10_000);
    w.client.stop();
    const ps = parseAll(w.socket.take());
    expect(ps.map((p) => p.cmd)).toEqual(["subscribe", "unsubscribe", "pingreq", "disconnect"]);
    expect(ps[0]).toMatchObject({ messageId: sid, subscriptions: [{ topic: "a/+", qos: 0 }, { topic: "b/#", qos: 1 }, { topic: "c", qos: 2 }] });
    expect(ps[1]).toMatchObject({ messageId: uid, unsubscriptions: ["a/+", "c"] });
    expect(w.socket.ended).toBe(true);
  });

  it("acknowledges inbound QoS1 with PUBACK and QoS2 with PUBREC, then PUBCOMP after PUBREL", () => {
    const w = recordedClient();
    w.connect();
    w.client.feed(bin(gen({ cmd: "publish", topic: "x", payload: "1", qos: 1, messageId: 7 })));
    w.client.feed(bin(gen({ cmd: "publish", topic: "y", payload: "2", qos: 2, messageId: 8 })));
    w.client.feed(bin(gen({ cmd: "publish", topic: "y", payload: "2", qos: 2, messageId: 8, dup: true })));
    w.client.feed(bin(gen({ cmd: "pubrel", messageId: 8 })));
    const ps = parseAll(w.socket.take());
    expect(ps.map((p) => [p.cmd, p.messageId])).toEqual([["puback", 7], ["pubrec", 8], ["pubrec", 8], ["pubcomp", 8]]);
    expect(w.events.filter((e) => e[0] === "message")).toEqual([["message", "x", "1", 1, false], ["message", "y", "2", 2, false]]);
  });

  it("keeps remembering the newest inbound QoS2 ids when more arrive than it has slots", () => {
    const w = recordedClient({ maxInflight: 2 });
    w.connect();
    for (const id of [11, 12, 13]) w.client.feed(bin(gen({ cmd: "publish", topic: "q", payload: String(id), qos: 2, messageId: id })));
    // A resend of the newest (its PUBREC lost) is recognised; the oldest id made room.
    w.client.feed(bin(gen({ cmd: "publish", topic: "q", payload: "13", qos: 2, messageId: 13, dup: true })));
    expect(w.events.filter((e) => e[0] === "message").map((e) => e[2])).toEqual(["11", "12", "13"]);
    expect(parseAll(w.socket.take()).map((p) => [p.cmd, p.messageId])).toEqual([["pubrec", 11], ["pubrec", 12], ["pubrec", 13], ["pubrec", 13]]);
    expect(Array.from(w.client.inId).sort()).toEqual([12, 13]);
  });

  it("answers PUBREC with PUBREL and reports delivery on PUBCOMP", () => {
    const w = recordedClient();
    w.connect();
    const id = w.client.publish("q", "2", 2, false);
    w.socket.take();
    w.client.feed(bin(gen({ cmd: "pubrec", messageId: id })));
    expect(parseAll(w.socket.take())).toMatchObject([{ cmd: "pubrel", messageId: id }]);
    expect(w.client.outPayload).not.toContain("2"); // the payload reference is let go once the broker has it
    w.client.feed(bin(gen({ cmd: "pubcomp", messageId: id })));
    expect(w.events).toContainEqual(["delivered", id]);
    expect(w.client.inflight()).toBe(0);
  });

  it("retransmits in-flight messages with DUP (and PUBREL) after reconnecting, ids unchanged", () => {
    const w = recordedClient({ backoffMin: 10 });
    w.connect();
    const a = w.client.publish("r/1", "one", 1, false);
    const b = w.client.publish("r/2", "two", 2, true);
    const c = w.client.publish("r/3", "three", 2, false);
    w.client.feed(bin(gen({ cmd: "pubrec", messageId: c })));
    w.socket.take();
    w.client.linkDown();
    w.client.tick(5000);
    expect(w.opens()).toBe(2);
    w.client.linkUp(w.socket);
    w.socket.take();
    w.client.feed(bin(gen({ cmd: "connack", sessionPresent: true, returnCode: 0 })));
    const ps = parseAll(w.socket.take());
    expect(ps.map((p) => [p.cmd, p.messageId, p.dup ?? false])).toEqual([["publish", a, true], ["publish", b, true], ["pubrel", c, false]]);
    expect(ps[1]).toMatchObject({ topic: "r/2", qos: 2, retain: true });
  });

  it("packet ids run 1..65535, wrap, never 0, and skip ids still in flight", () => {
    const w = recordedClient({ maxInflight: 2 });
    w.connect();
    w.client.nextId = 65534;
    const first = w.client.publish("t", "a", 1, false); // 65535, stays in flight
    const ids: number[] = [];
    for (let i = 0; i < 5; i++) {
      const id = w.client.publish("t", "b", 1, false);
      ids.push(id);
      w.client.feed(bin(gen({ cmd: "puback", messageId: id })));
    }
    expect(first).toBe(65535);
    expect(ids).toEqual([1, 2, 3, 4, 5]);
    w.client.nextId = 65534;
    w.client.publish("t", "c", 1, false); // takes the second slot
    expect(w.client.publish("t", "d", 1, false)).toBe(ERR_INFLIGHT_FULL);
  });

  it("refuses a wildcard topic and holds back when the send window is full until drained", () => {
    const w = recordedClient({ sendWindow: 100 });
    w.connect();
    w.client.drained();
    expect(w.client.publish("a/+", "x", 0, false)).toBe(ERR_BAD_TOPIC);
    expect(w.client.publish("a/#", "x", 0, false)).toBe(ERR_BAD_TOPIC);
    expect(w.client.publish("a", "x".repeat(90), 0, false)).toBe(0);
    expect(w.client.publish("a", "y".repeat(20), 0, false)).toBe(ERR_BUSY);
    w.client.drained();
    expect(w.client.publish("a", "y".repeat(20), 0, false)).toBe(0);
  });
});

describe("what the core reads, made by mqtt-packet and split at every boundary", () => {
  const stream = Buffer.concat([
    gen({ cmd: "suback", messageId: 3, granted: [0, 1, 2, 128] }),
    gen({ cmd: "publish", topic: "s/1", payload: Buffer.alloc(1000, 1), qos: 0, retain: true }),
    gen({ cmd: "publish", topic: "s/2", payload: "hello", qos: 1, messageId: 9 }),
    gen({ cmd: "pingresp" }),
    gen({ cmd: "unsuback", messageId: 4 }),
    gen({ cmd: "publish", topic: "s/3", payload: "", qos: 2, messageId: 10 }),
  ]);
  const expected = [
    ["subscribed", 3, [0, 1, 2, 128]],
    ["message", "s/1", "\u0001".repeat(1000), 0, true],
    ["message", "s/2", "hello", 1, false],
    ["unsubscribed", 4],
    ["message", "s/3", "", 2, false],
  ];

  for (const seed of [1, 2, 3, 42, 99]) {
    it(`random chunking (seed ${seed})`, () => {
      const w = recordedClient();
      w.connect(true);
      for (const c of chunks(stream, seed)) w.client.feed(c);
      expect(w.events.slice(1)).toEqual(expected);
    });
  }

  it("one byte at a time, and all at once", () => {
    for (const split of [1, stream.length]) {
      const w = recordedClient();
      w.connect();
      for (let i = 0; i < stream.length; i += split) w.client.feed(bin(stream.subarray(i, i + split)));
      expect(w.events.slice(1)).toEqual(expected);
    }
  });

  it("hands payloads to payloadView as (bytes, start, end) of what was fed, at any chunking, and its result on", () => {
    for (const seed of [1, 7, 42]) {
      const calls: [number, number][] = [];
      const w = recordedClient({
        payloadView: (bytes, start, end) => {
          calls.push([start, end]);
          return Uint8Array.from(bytes.slice(start, end), (c) => c.charCodeAt(0));
        },
      });
      w.connect(true);
      for (const c of chunks(stream, seed)) w.client.feed(c);
      const toText = (e: any[]) => (e[0] === "message" ? [e[0], e[1], Buffer.from(e[2]).toString("latin1"), e[3], e[4]] : e);
      expect(w.events.slice(1).map(toText)).toEqual(expected);
      expect(w.events.filter((e) => e[0] === "message").every((e) => e[2] instanceof Uint8Array)).toBe(true);
      expect(calls.map(([a, b]) => b - a)).toEqual([1000, 5, 0]);
    }
  });

  it("reports session-present from CONNACK and a refusal code as a close", () => {
    const ok = recordedClient();
    ok.connect(true);
    expect(ok.events[0]).toEqual(["connected", true]);
    const refused = recordedClient();
    refused.client.start(0);
    refused.client.linkUp(refused.socket);
    refused.client.feed(bin(gen({ cmd: "connack", returnCode: 5 })));
    expect(refused.events).toEqual([["closed", CLOSE_REFUSED, 5]]);
    expect(refused.client.connected).toBe(false);
  });

  it("gives up on a broker that never sends CONNACK", () => {
    const w = recordedClient({ connackTimeout: 3000 });
    w.client.start(0);
    w.client.linkUp(w.socket);
    w.client.tick(2000);
    expect(w.events).toEqual([]);
    w.client.tick(3500);
    expect(w.events).toEqual([["closed", CLOSE_CONNACK_TIMEOUT, 0]]);
  });

  it("skips a packet over maxPacketSize while streaming, counts it, and parses what follows", () => {
    const w = recordedClient({ maxPacketSize: 100 });
    w.connect();
    const bytes = Buffer.concat([
      gen({ cmd: "publish", topic: "big", payload: Buffer.alloc(5000, 7), qos: 0 }),
      gen({ cmd: "publish", topic: "small", payload: "ok", qos: 0 }),
    ]);
    for (const c of chunks(bytes, 5, 300)) {
      w.client.feed(c);
      expect(w.client.rx.length).toBeLessThanOrEqual(105);
    }
    expect(w.client.oversize).toBe(1);
    expect(w.events.slice(1)).toEqual([["message", "small", "ok", 0, false]]);
  });
});

describe("malformed input closes the link with a reason and never throws", () => {
  const cases: [string, number[] | Buffer, number][] = [
    ["remaining length longer than 4 bytes", [0x30, 0xff, 0xff, 0xff, 0xff, 0x01], CLOSE_BAD_LENGTH],
    ["reserved flags set on PUBACK", [0x41, 0x02, 0x00, 0x01], CLOSE_BAD_FLAGS],
    ["PUBREL without its fixed flags", [0x60, 0x02, 0x00, 0x01], CLOSE_BAD_FLAGS],
    ["PUBLISH with QoS 3", [0x36, 0x05, 0x00, 0x01, 0x61, 0x00, 0x01], CLOSE_BAD_FLAGS],
    ["PUBLISH to a wildcard topic", gen({ cmd: "publish", topic: "a/+", payload: "x", qos: 0 }), CLOSE_BAD_TOPIC],
    ["PUBLISH QoS1 with packet id 0", [0x32, 0x05, 0x00, 0x01, 0x61, 0x00, 0x00], CLOSE_ZERO_PACKET_ID],
    ["PUBLISH whose topic runs past the packet", [0x30, 0x03, 0x00, 0x09, 0x61], CLOSE_PROTOCOL],
    ["PUBACK with packet id 0", [0x40, 0x02, 0x00, 0x00], CLOSE_ZERO_PACKET_ID],
    ["SUBACK with an invalid return code", [0x90, 0x03, 0x00, 0x01, 0x03], CLOSE_PROTOCOL],
    ["a second CONNACK", gen({ cmd: "connack", returnCode: 0 }), CLOSE_PROTOCOL],
    ["a CONNECT sent by the server", gen({ cmd: "connect", clientId: "x" }), CLOSE_PROTOCOL],
    ["PINGRESP with a body", [0xd0, 0x01, 0x00], CLOSE_PROTOCOL],
  ];
  for (const [name, bytes, reason] of cases) {
    it(name, () => {
      const w = recordedClient();
      w.connect();
      expect(() => w.client.feed(bin(Buffer.from(bytes)))).not.toThrow();
      expect(w.events.at(-1)).toEqual(["closed", reason, expect.any(Number)]);
      expect(w.socket.ended).toBe(true);
      expect(w.client.connected).toBe(false);
    });
  }

  it("a CONNACK that is not a CONNACK is refused before the session starts", () => {
    const w = recordedClient();
    w.client.start(0);
    w.client.linkUp(w.socket);
    w.client.feed(bin(gen({ cmd: "publish", topic: "t", payload: "x", qos: 0 })));
    expect(w.events).toEqual([["closed", CLOSE_PROTOCOL, 3]]);
  });
});
