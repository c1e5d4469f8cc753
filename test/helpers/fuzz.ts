// Bounded fuzzing of the device MQTT core's parser: random and mutated packets in random chunks, shared by the
// fuzz test (a few seconds) and the fuzz benchmark (longer).
import { recordedClient, gen, bin } from "./wire.ts";

const seeds = [
  gen({ cmd: "publish", topic: "a/b", payload: "hello", qos: 0 }),
  gen({ cmd: "publish", topic: "a/b", payload: Buffer.alloc(300, 9), qos: 1, messageId: 5 }),
  gen({ cmd: "publish", topic: "x", payload: "", qos: 2, messageId: 6, retain: true }),
  gen({ cmd: "puback", messageId: 1 }),
  gen({ cmd: "pubrec", messageId: 2 }),
  gen({ cmd: "pubrel", messageId: 3 }),
  gen({ cmd: "pubcomp", messageId: 4 }),
  gen({ cmd: "suback", messageId: 7, granted: [0, 1, 128] }),
  gen({ cmd: "unsuback", messageId: 8 }),
  gen({ cmd: "pingresp" }),
];

/** Feeds the parser for `seconds`; returns what it fed, how often the link closed, and the most it buffered. */
export function fuzz(seconds: number, seed = 12345) {
  let x = seed;
  const rnd = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const int = (n: number) => Math.floor(rnd() * n);
  const maxPacketSize = 512;
  const w = recordedClient({ maxPacketSize, maxInflight: 4 });
  w.connect();
  let fed = 0;
  let closes = 0;
  let maxBuffered = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    let input: Buffer;
    const kind = int(3);
    if (kind === 0) input = Buffer.from(Array.from({ length: 1 + int(64) }, () => int(256)));
    else {
      input = Buffer.from(seeds[int(seeds.length)]);
      const flips = kind === 1 ? 1 + int(3) : 0;
      for (let i = 0; i < flips; i++) input[int(input.length)] = int(256);
      if (kind === 2 && rnd() < 0.3) input = input.subarray(0, int(input.length));
    }
    for (let i = 0; i < input.length; ) {
      const n = 1 + int(16);
      w.client.feed(bin(input.subarray(i, i + n)));
      i += n;
      maxBuffered = Math.max(maxBuffered, w.client.rx.length);
    }
    fed += input.length;
    // Publishing in the middle of garbage must keep working too.
    if (w.client.connected && rnd() < 0.1) w.client.publish("f/z", "p", int(3), false);
    if (!w.client.connected) {
      closes++;
      w.client.tick(w.client.reconnectAt + 1);
      w.client.linkUp(w.socket);
      w.client.feed(bin(gen({ cmd: "connack", returnCode: 0, sessionPresent: rnd() < 0.5 })));
    }
    w.socket.take();
  }
  return { fed, closes, maxBuffered, maxPacketSize, client: w.client };
}

