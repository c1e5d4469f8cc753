// Runs the real SensorNode (real MQTT core, outbox, commands, discovery) in Node: sockets are real TCP to a real
// broker; the board around it is doubles with Espruino's behaviour (flash Storage, Wi-Fi events, sensors).
// Time is a simulated clock the test advances one second per tick, so minutes of node time pass in moments.
import net from "node:net";
import { SensorNode, type Platform } from "../../firmware/app/sensor-node.ts";
import type { MqttClient } from "../../firmware/mqtt/client.ts";
import type { DeviceConfig } from "../../firmware/protocol/config.ts";
import type { WifiApi } from "../../firmware/app/wifi.ts";
import { FlashStorageDouble } from "./flash-storage-double.ts";
import { Bme280Double } from "./bme280-double.ts";

export class WifiDouble implements WifiApi {
  available = true;
  connected = false;
  connectCalls = 0;
  private listeners: Record<string, ((d?: any) => void)[]> = {};

  connect(_ssid: string, _opts: { password: string }, cb: (err: any) => void): void {
    this.connectCalls++;
    // Espruino answers from the idle loop, never synchronously.
    setImmediate(() => {
      if (!this.available) return cb("no_ap_found");
      this.connected = true;
      cb(null);
    });
  }
  disconnect(): void {
    this.connected = false;
  }
  on(event: string, fn: (d?: any) => void): void {
    (this.listeners[event] ??= []).push(fn);
  }
  getStatus(): any {
    return this.connected ? { station: "connected", rssi: -58 } : { station: "off" };
  }
  /** The access point disappears. */
  drop(): void {
    this.available = false;
    if (!this.connected) return;
    this.connected = false;
    for (const fn of this.listeners.disconnected ?? []) setImmediate(() => fn({ reason: "beacon_timeout" }));
  }
  restore(): void {
    this.available = true;
  }
}

export const CAL = {
  T1: 27504, T2: 26435, T3: -1000, P1: 36477, P2: -10685, P3: 3024, P4: 2855, P5: 140, P6: -7, P7: 15500,
  P8: -14600, P9: 6000, H1: 75, H2: 362, H3: 0, H4: 313, H5: 50, H6: 30,
};

export class NodeHarness {
  clock = 1_000_000;
  lines: string[] = [];
  sockets = new Set<net.Socket>();
  wifi = new WifiDouble();
  bme = new Bme280Double(0x76, CAL);
  blinks = 0;
  reboots = 0;
  sleptFor: number | null = null;
  watchdogKicks = 0;
  node: SensorNode;
  dead = false;

  constructor(readonly cfg: DeviceConfig, readonly storage = new FlashStorageDouble()) {
    this.bme.adcT = 519888;
    this.bme.adcP = 415148;
    this.bme.adcH = 30000;
    const h = this;
    const platform: Platform = {
      now: () => h.clock,
      log: (line) => void h.lines.push(line),
      storage,
      wifi: this.wifi,
      openLink: (client, host, port) => h.open(client, host, port),
      sensors: { getTemperature: () => 113, analogRead: (pin) => (pin === 36 ? 0.4 : NaN), i2c: () => h.bme },
      freeMem: () => 4321,
      blink: (n) => void (h.blinks += n),
      reboot: () => void h.reboots++,
      deepSleep: (us) => void (h.sleptFor = us),
      kickWatchdog: () => void h.watchdogKicks++,
      later: (fn, ms) => void setTimeout(() => !h.dead && fn(), Math.min(ms, 50)),
      copy: (s) => s.slice(),
    };
    this.node = new SensorNode(structuredClone(cfg), platform);
  }

  private open(client: MqttClient, host: string, port: number): void {
    const sock = net.connect({ host, port });
    this.sockets.add(sock);
    const shape = {
      write: (s: string) => {
        if (!sock.destroyed) sock.write(Buffer.from(s, "latin1"), () => sock.writableLength === 0 && client.drained());
      },
      end: () => sock.end(),
    };
    sock.on("connect", () => !this.dead && client.linkUp(shape));
    sock.on("data", (d) => !this.dead && client.feed(d.toString("latin1")));
    sock.on("error", () => {});
    sock.on("close", () => {
      this.sockets.delete(sock);
      if (!this.dead) client.linkDown(shape);
    });
  }

  start(): this {
    this.node.start();
    return this;
  }

  /** One simulated second. */
  async step(): Promise<void> {
    if (this.dead) return;
    this.clock += 1000;
    this.node.tick();
    await new Promise((r) => setTimeout(r, 10));
  }

  /** Ticks until cond() holds; fails after maxSeconds of node time. */
  async until(cond: () => boolean, maxSeconds = 300, what = "condition"): Promise<void> {
    for (let i = 0; i < maxSeconds; i++) {
      if (cond()) return;
      await this.step();
    }
    if (!cond()) throw new Error(`${what} not reached after ${maxSeconds} s of node time; log:\n${this.lines.slice(-15).join("\n")}`);
  }

  /** Waits in real time, without advancing the node's clock, for I/O to catch up (e.g. a PUBACK on its way). */
  async settle(cond: () => boolean, realMs = 5000, what = "condition"): Promise<void> {
    const deadline = Date.now() + realMs;
    while (!cond()) {
      if (Date.now() > deadline) throw new Error(`${what} not reached within ${realMs} ms; log:\n${this.lines.slice(-15).join("\n")}`);
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Power cut: RAM and timers gone, sockets die without DISCONNECT; flash stays as it is. */
  powerCut(): void {
    this.dead = true;
    for (const s of this.sockets) s.destroy();
  }

  telemetryLines(): any[] {
    return this.lines.filter((l) => l.startsWith("@tlm ")).map((l) => JSON.parse(l.slice(5)));
  }
}
