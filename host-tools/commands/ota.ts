// `espnode ota`: update the app of one or many nodes over MQTT. Per device: announce a signed manifest on
// <prefix>/<id>/ota, stream the app in chunks on <prefix>/<id>/ota/data within a bounded window, follow
// <prefix>/<id>/ota/status until the new app reports itself running (or the node refuses / rolls back).
// The node's side is firmware/app/ota.ts; the shared definitions are firmware/protocol/ota.ts.
import { createHash, createHmac, randomBytes } from "node:crypto";
import type { MqttClient } from "mqtt";
import { crc32 } from "../device/espruino/storage.ts";
import { EspnodeError } from "../transport/errors.ts";
import {
  INFO, OTA_BEGIN, OTA_DATA, OTA_STATUS, OTA_OFFSET_DIGITS, otaManifestText, crcHex, type OtaManifest, OTA_ACCEPTED,
  OTA_PROGRESS, OTA_WRITTEN, OTA_VERIFIED, OTA_REBOOTING, OTA_RUNNING, OTA_REFUSED, OTA_ROLLED_BACK, OTA_ERROR,
} from "../../firmware/protocol/ota.ts";

export interface NodeInfo {
  app: string;
  crc: string;
  slot: string;
  mps: number;
}

export type OtaPhase = "waiting" | "sending" | "verifying" | "rebooting" | "running" | "unchanged" | "refused" | "rolled back" | "error" | "timeout";

export interface OtaDeviceResult {
  id: string;
  ok: boolean;
  state: OtaPhase;
  reason?: string;
  app: string;
  crc: string;
  bytes: number;
  /** From "accepted" to "written": the transfer itself. */
  transferSeconds: number;
  bytesPerSecond: number;
  /** Until "running" (or the failure). */
  seconds: number;
  /** Chunks sent, including resends after a lost acknowledgement or a reconnect. */
  chunksSent: number;
  chunkSize: number;
}

export interface OtaEvent {
  id: string;
  phase: OtaPhase;
  /** Bytes the node has acknowledged. */
  done: number;
  total: number;
  message?: string;
}

export interface OtaOptions {
  client: MqttClient;
  prefix: string;
  /** Device ids, or undefined for every node that has announced itself (retained info) within waitMs. */
  devices?: string[];
  app: Buffer;
  label: string;
  key: string;
  healthSeconds: number;
  timeoutMs: number;
  waitMs: number;
  /** Chunks in flight per device before an acknowledgement (default 1). The node writes one chunk at a time, and
   *  a second chunk in flight meets the broker's Nagle delay (its next write waits for the board's delayed ACK, ~40 ms)
   *  unless the broker sets TCP_NODELAY: see test/bench/ota.bench.ts. */
  window?: number;
  /** Announce again when a node has not answered for this long. */
  retryMs?: number;
  onEvent?: (ev: OtaEvent) => void;
}

/** Bytes of a chunk that fit the node's largest inbound packet: fixed header (≤5), topic length (2) + topic, offset. */
export function chunkSizeFor(maxPacketSize: number, dataTopic: string): number {
  const room = maxPacketSize - 5 - 2 - Buffer.byteLength(dataTopic) - OTA_OFFSET_DIGITS;
  return Math.max(64, Math.floor(room / 64) * 64);
}

export function signManifest(key: string, id: string, m: OtaManifest): string {
  return createHmac("sha256", Buffer.from(key, "latin1")).update(Buffer.from(otaManifestText(id, m), "latin1")).digest("hex");
}

/** Collects the retained info of nodes under prefix: resolves after waitMs, or as soon as every wanted id is seen. */
export async function collectInfo(client: MqttClient, prefix: string, waitMs: number, wanted?: string[]): Promise<Map<string, NodeInfo>> {
  const infos = new Map<string, NodeInfo>();
  const topic = `${prefix}/+${INFO}`;
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      client.off("message", onMessage);
      resolve();
    };
    const onMessage = (t: string, payload: Buffer) => {
      const id = deviceOf(t, prefix, INFO);
      if (!id) return;
      try {
        infos.set(id, JSON.parse(payload.toString("latin1")));
      } catch {
        return;
      }
      if (wanted && wanted.every((w) => infos.has(w))) done();
    };
    const timer = setTimeout(done, waitMs);
    client.on("message", onMessage);
    client.subscribe(topic, { qos: 1 });
  });
  return infos;
}

/** The device id in <prefix>/<id><suffix>, or null. */
export function deviceOf(topic: string, prefix: string, suffix: string): string | null {
  if (!topic.startsWith(prefix + "/") || !topic.endsWith(suffix)) return null;
  const id = topic.slice(prefix.length + 1, topic.length - suffix.length);
  return id && !id.includes("/") ? id : null;
}

class Transfer {
  readonly result: OtaDeviceResult;
  phase: OtaPhase = "waiting";
  acked = 0;
  sent = 0;
  private lastHeard = performance.now();
  private acceptedAt = 0;
  private readonly started = performance.now();
  private readonly dataTopic: string;
  private readonly beginTopic: string;
  private readonly beginPayload: string;
  finished!: Promise<OtaDeviceResult>;
  private finish!: (r: OtaDeviceResult) => void;

  constructor(
    private readonly o: OtaOptions,
    readonly id: string,
    readonly m: OtaManifest,
    readonly chunkSize: number,
  ) {
    const base = `${o.prefix}/${id}`;
    this.dataTopic = base + OTA_DATA;
    this.beginTopic = base + OTA_BEGIN;
    this.beginPayload = JSON.stringify({ ...m, mac: signManifest(o.key, id, m) });
    this.result = {
      id, ok: false, state: "waiting", app: m.app, crc: m.crc, bytes: m.size, transferSeconds: 0, bytesPerSecond: 0, seconds: 0,
      chunksSent: 0, chunkSize,
    };
    this.finished = new Promise((r) => (this.finish = r));
  }

  get active(): boolean {
    return this.phase === "waiting" || this.phase === "sending" || this.phase === "verifying" || this.phase === "rebooting";
  }

  announce(): void {
    this.lastHeard = performance.now();
    this.o.client.publish(this.beginTopic, this.beginPayload, { qos: 1 });
  }

  /** A periodic check: announce again when the node went quiet (a lost acknowledgement or chunk, a reconnect). */
  tick(): void {
    if ((this.phase === "waiting" || this.phase === "sending") && performance.now() - this.lastHeard > (this.o.retryMs ?? 3000)) this.announce();
  }

  end(phase: OtaPhase, reason?: string): void {
    if (!this.active) return;
    this.phase = phase;
    this.result.state = phase;
    this.result.ok = phase === "running";
    if (reason) this.result.reason = reason;
    this.result.seconds = round((performance.now() - this.started) / 1000);
    this.emit(reason);
    this.finish(this.result);
  }

  emit(message?: string): void {
    this.o.onEvent?.({ id: this.id, phase: this.phase, done: this.acked, total: this.m.size, message });
  }

  status(s: any, retained: boolean): void {
    if (!s || s.tid !== this.m.tid || !this.active) return;
    // A retained status is an old one, unless it ends this very transfer (it happened while we were away).
    if (retained && s.s !== OTA_RUNNING && s.s !== OTA_ROLLED_BACK && s.s !== OTA_REFUSED && s.s !== OTA_ERROR) return;
    this.lastHeard = performance.now();
    switch (s.s) {
      case OTA_ACCEPTED:
      case OTA_PROGRESS: {
        if (this.phase !== "waiting" && this.phase !== "sending") return;
        if (this.phase === "waiting") {
          this.phase = "sending";
          if (!this.acceptedAt) this.acceptedAt = performance.now();
        }
        const next = Number(s.next) || 0;
        this.acked = next;
        // "accepted" answers an announcement: the node has exactly `next`, so resend from there.
        if (s.s === OTA_ACCEPTED || this.sent < next) this.sent = next;
        this.pump();
        this.emit();
        return;
      }
      case OTA_WRITTEN:
        this.acked = this.m.size;
        const took = (performance.now() - (this.acceptedAt || this.started)) / 1000;
        this.result.transferSeconds = Math.round(took * 1000) / 1000;
        this.result.bytesPerSecond = Math.round(this.m.size / Math.max(took, 1e-6));
        this.phase = "verifying";
        this.emit();
        return;
      case OTA_VERIFIED:
        this.phase = "verifying";
        this.emit("verified");
        return;
      case OTA_REBOOTING:
        this.phase = "rebooting";
        this.emit();
        return;
      case OTA_RUNNING:
        return this.end(s.crc === this.m.crc ? "running" : "error", s.crc === this.m.crc ? undefined : `running CRC ${s.crc}, expected ${this.m.crc}`);
      case OTA_ROLLED_BACK:
        return this.end("rolled back", String(s.reason ?? "rolled back"));
      case OTA_REFUSED:
        return this.end("refused", String(s.reason ?? "refused"));
      case OTA_ERROR:
        return this.end("error", String(s.reason ?? "error"));
    }
  }

  /** Sends chunks while fewer than `window` are unacknowledged. */
  private pump(): void {
    const win = (this.o.window ?? 1) * this.chunkSize;
    const app = this.o.app;
    while (this.sent < this.m.size && this.sent - this.acked < win) {
      const end = Math.min(this.sent + this.chunkSize, this.m.size);
      const head = Buffer.from(this.sent.toString(16).padStart(OTA_OFFSET_DIGITS, "0"), "latin1");
      this.o.client.publish(this.dataTopic, Buffer.concat([head, app.subarray(this.sent, end)]), { qos: 0 });
      this.result.chunksSent++;
      this.sent = end;
    }
  }
}

function round(s: number): number {
  return Math.round(s * 100) / 100;
}

/** Updates every target; resolves with one result per device (never rejects for a device's failure). */
export async function otaUpdate(o: OtaOptions): Promise<OtaDeviceResult[]> {
  const { client, prefix, app } = o;
  const crc = crcHex(crc32(app));
  const sha = createHash("sha256").update(app).digest("hex");
  const infos = await collectInfo(client, prefix, o.waitMs, o.devices);
  const ids = o.devices ?? [...infos.keys()].sort();
  if (!ids.length)
    throw new EspnodeError("failure", `No node has announced itself under ${prefix}/+/info within ${o.waitMs / 1000} s.`,
      "Check --prefix, that the nodes run an app with updates (espnode deploy) and are connected; or raise --wait.");

  const results: OtaDeviceResult[] = [];
  const transfers: Transfer[] = [];
  for (const id of ids) {
    const info = infos.get(id);
    const base: OtaDeviceResult = { id, ok: false, state: "error", app: o.label, crc, bytes: app.length, transferSeconds: 0, bytesPerSecond: 0, seconds: 0, chunksSent: 0, chunkSize: 0 };
    if (!info || typeof info.crc !== "string") {
      results.push({ ...base, reason: `no ${prefix}/${id}/info seen: the node is unknown, offline since before its first announcement, or runs an app without updates` });
      o.onEvent?.({ id, phase: "error", done: 0, total: app.length, message: results[results.length - 1].reason });
      continue;
    }
    if (info.crc === crc) {
      results.push({ ...base, ok: true, state: "unchanged", reason: `already running this app (CRC ${crc})` });
      o.onEvent?.({ id, phase: "unchanged", done: app.length, total: app.length });
      continue;
    }
    const m: OtaManifest = { tid: randomBytes(6).toString("hex"), size: app.length, crc, sha, app: o.label, from: info.crc, health: o.healthSeconds };
    transfers.push(new Transfer(o, id, m, chunkSizeFor(info.mps || 1024, `${prefix}/${id}${OTA_DATA}`)));
  }
  if (!transfers.length) return results;

  const byId = new Map(transfers.map((t) => [t.id, t]));
  const onMessage = (topic: string, payload: Buffer, packet: { retain?: boolean }) => {
    const id = deviceOf(topic, prefix, OTA_STATUS);
    const t = id ? byId.get(id) : undefined;
    if (!t) return;
    let s: unknown;
    try {
      s = JSON.parse(payload.toString("latin1"));
    } catch {
      return;
    }
    t.status(s, !!packet.retain);
  };
  // After a reconnect (mqtt.js resubscribes by itself) every unfinished transfer asks the node where it is.
  const onReconnect = () => transfers.forEach((t) => (t.phase === "waiting" || t.phase === "sending") && t.announce());
  client.on("message", onMessage);
  client.on("connect", onReconnect);
  const ticker = setInterval(() => transfers.forEach((t) => t.tick()), 250);
  const deadline = setTimeout(() => transfers.forEach((t) => t.end("timeout", `no confirmation within ${o.timeoutMs / 1000} s (last state: ${t.phase})`)), o.timeoutMs);
  try {
    await client.subscribeAsync(transfers.map((t) => `${prefix}/${t.id}${OTA_STATUS}`), { qos: 1 });
    transfers.forEach((t) => t.announce());
    results.push(...(await Promise.all(transfers.map((t) => t.finished))));
  } finally {
    clearInterval(ticker);
    clearTimeout(deadline);
    client.off("message", onMessage);
    client.off("connect", onReconnect);
  }
  return results.sort((a, b) => a.id.localeCompare(b.id));
}
