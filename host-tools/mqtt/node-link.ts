// Node glue for the device MQTT core: the same job firmware/board/mqtt-link.ts does on Espruino, with Node's
// net/tls. Turns Buffers into binary strings and back, and emulates Espruino's `drain` (send buffer empty).
import net from "node:net";
import tls from "node:tls";
import { MqttClient, type MqttHandlers, type MqttOptions, type MqttSocket } from "../../firmware/mqtt/client.ts";

export interface NodeLinkAddress {
  host: string;
  port: number;
  tls?: boolean;
  /** PEM CA certificate(s) for TLS. */
  ca?: string | Buffer;
  /** TLS server name; defaults to host. */
  servername?: string;
  /** OpenSSL cipher list, e.g. to use only what an Espruino board can speak. */
  ciphers?: string;
  maxVersion?: tls.SecureVersion;
}

export type NodeHandlers = Omit<MqttHandlers, "open">;

/** One MQTT session over Node sockets: the pure client plus a socket factory and a clock. */
export class NodeMqttLink {
  readonly client: MqttClient;
  /** The last socket error, for telling a user why a link failed. */
  lastError: Error | null = null;
  private socket: net.Socket | null = null;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly address: NodeLinkAddress,
    options: MqttOptions,
    handlers: NodeHandlers,
    private readonly tickMs = 250,
  ) {
    this.client = new MqttClient(options, { ...handlers, open: () => this.open() });
  }

  start(): this {
    if (!this.timer) this.timer = setInterval(() => this.client.tick(Date.now()), this.tickMs);
    this.client.start(Date.now());
    return this;
  }

  /** Clean close: DISCONNECT, no reconnect. */
  stop(): void {
    this.client.stop();
    this.halt();
  }

  /** Drop the TCP connection without DISCONNECT, as a lost link or power cut would (the broker sends the will). */
  kill(): void {
    this.socket?.destroy();
    this.client.pause();
    this.halt();
  }

  private halt(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  private open(): void {
    const a = this.address;
    const sock = a.tls
      ? tls.connect({ host: a.host, port: a.port, ca: a.ca, servername: a.servername ?? a.host, ciphers: a.ciphers, maxVersion: a.maxVersion })
      : net.connect({ host: a.host, port: a.port });
    this.socket = sock;
    sock.setNoDelay(true);
    // The core writes a packet in pieces; gather a turn of the event loop's pieces into one Buffer and one write.
    const pending: string[] = [];
    const flush = () => {
      if (!pending.length) return;
      const data = pending.length === 1 ? pending[0] : pending.join("");
      pending.length = 0;
      if (sock.destroyed) return;
      sock.write(Buffer.from(data, "latin1"), () => {
        if (sock === this.socket && sock.writableLength === 0 && pending.length === 0) this.client.drained();
      });
    };
    const shape: MqttSocket = {
      write: (s) => {
        if (pending.push(s) === 1) process.nextTick(flush);
      },
      end: () => {
        if (pending.length) flush(); // DISCONNECT must go out before the FIN
        sock.end();
        // A peer that never answers our FIN must not keep the socket alive.
        setTimeout(() => sock.destroy(), 1000).unref();
      },
    };
    sock.once(a.tls ? "secureConnect" : "connect", () => {
      if (sock === this.socket) this.client.linkUp(shape);
    });
    sock.on("data", (d: Buffer) => {
      if (sock === this.socket) this.client.feed(d.toString("latin1"));
    });
    sock.on("error", (e) => {
      this.lastError = e;
    });
    sock.on("close", () => {
      if (sock !== this.socket) return;
      this.socket = null;
      this.client.linkDown(shape);
    });
  }
}
