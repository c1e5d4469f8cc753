// Drives the device MQTT core without a network: a socket that records what the client writes, and helpers to
// bring it to the connected state with bytes made by an independent codec (mqtt-packet).
import mqttPacket from "mqtt-packet";
import { MqttClient, type MqttHandlers, type MqttOptions } from "../../firmware/mqtt/client.ts";

export class RecordingSocket {
  written = "";
  writes = 0;
  ended = false;
  write(s: string) {
    if (typeof s !== "string") throw new Error("the core must write strings (Espruino stringifies anything else)");
    this.written += s;
    this.writes++;
  }
  end() {
    this.ended = true;
  }
  take(): Buffer {
    const b = Buffer.from(this.written, "latin1");
    this.written = "";
    return b;
  }
}

export function bin(b: Buffer): string {
  return b.toString("latin1");
}

export function gen(packet: object): Buffer {
  return mqttPacket.generate(packet as mqttPacket.Packet);
}

/** Parses bytes with mqtt-packet (MQTT 3.1.1); fails the test on anything it cannot parse. */
export function parseAll(bytes: Buffer): any[] {
  const parser = mqttPacket.parser({ protocolVersion: 4 });
  const out: any[] = [];
  parser.on("packet", (p) => out.push(p));
  parser.on("error", (e) => {
    throw e;
  });
  parser.parse(bytes);
  return out;
}

export interface Recorded {
  client: MqttClient;
  socket: RecordingSocket;
  events: any[];
}

/** A client with every handler recorded; `connect()` takes it through CONNECT/CONNACK. */
export function recordedClient(options: Partial<MqttOptions> = {}, handlers: Partial<MqttHandlers> = {}) {
  const events: any[] = [];
  const socket = new RecordingSocket();
  let opens = 0;
  const client = new MqttClient(
    { clientId: "wire", random: () => 0.5, ...options },
    {
      open: () => opens++,
      connected: (sp) => events.push(["connected", sp]),
      message: (t, p, q, r) => events.push(["message", t, p, q, r]),
      delivered: (id) => events.push(["delivered", id]),
      subscribed: (id, codes) => events.push(["subscribed", id, codes]),
      unsubscribed: (id) => events.push(["unsubscribed", id]),
      closed: (reason, detail) => events.push(["closed", reason, detail]),
      ...handlers,
    },
  );
  return {
    client,
    socket,
    events,
    opens: () => opens,
    connect(sessionPresent = false, now = 1000) {
      client.start(now);
      client.linkUp(socket);
      const connect = socket.take();
      client.feed(bin(gen({ cmd: "connack", sessionPresent, returnCode: 0 })));
      return connect;
    },
  };
}

/** Splits bytes into random chunks (sizes 1..max) with a seeded generator. */
export function chunks(bytes: Buffer, seed: number, max = 7): string[] {
  let x = seed || 1;
  const rnd = () => ((x = (x * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const out: string[] = [];
  for (let i = 0; i < bytes.length; ) {
    const n = 1 + Math.floor(rnd() * max);
    out.push(bin(bytes.subarray(i, i + n)));
    i += n;
  }
  return out;
}
