// `espnode fleet` (and the dashboard): every node that has announced itself under a prefix, from what the broker
// carries: the retained status (online/offline, the will), the retained info (app label, CRC, slot) and the latest
// telemetry (uptime, RSSI, free memory, records lost, outbox backlog).
import type { MqttClient } from "mqtt";
import { INFO } from "../../firmware/protocol/ota.ts";
import { deviceOf } from "./ota.ts";

export interface FleetNode {
  id: string;
  /** From the retained status topic; null when the node never published one. */
  online: boolean | null;
  /** Host time (ms since epoch) of the last live message from the node; null when only retained ones were seen. */
  lastSeen: number | null;
  /** Seconds since boot, from the last telemetry. */
  uptime: number | null;
  rssi: number | null;
  /** Free JsVars. */
  mem: number | null;
  lost: number | null;
  /** Records waiting in the outbox. */
  ob: number | null;
  app: string | null;
  crc: string | null;
  slot: string | null;
  /** The last telemetry record as published. */
  telemetry: Record<string, unknown> | null;
}

export const FLEET_SUFFIXES = ["/status", INFO, "/telemetry"];

export function fleetTopics(prefix: string): string[] {
  return FLEET_SUFFIXES.map((s) => `${prefix}/+${s}`);
}

const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);

/** Folds broker messages into the fleet's state. */
export class FleetTracker {
  readonly nodes = new Map<string, FleetNode>();
  constructor(
    readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {}

  private node(id: string): FleetNode {
    let n = this.nodes.get(id);
    if (!n) {
      n = { id, online: null, lastSeen: null, uptime: null, rssi: null, mem: null, lost: null, ob: null, app: null, crc: null, slot: null, telemetry: null };
      this.nodes.set(id, n);
    }
    return n;
  }

  /** Returns the id of the node the message changed, or null when it was not a fleet message. */
  message(topic: string, payload: Buffer | string, retained: boolean): string | null {
    const text = typeof payload === "string" ? payload : payload.toString("utf8");
    for (const suffix of FLEET_SUFFIXES) {
      const id = deviceOf(topic, this.prefix, suffix);
      if (!id) continue;
      // An empty retained payload clears the topic (e.g. a node removed from the fleet).
      if (!text.length) return null;
      const n = this.node(id);
      const online = text.trim() === "online";
      // A live "offline" is the broker speaking for the node (its will): the node itself was not seen.
      if (!retained && (suffix !== "/status" || online)) n.lastSeen = this.now();
      if (suffix === "/status") n.online = online;
      else {
        let j: any;
        try {
          j = JSON.parse(text);
        } catch {
          return id;
        }
        if (!j || typeof j !== "object") return id;
        if (suffix === INFO) {
          n.app = typeof j.app === "string" ? j.app : null;
          n.crc = typeof j.crc === "string" ? j.crc : null;
          n.slot = typeof j.slot === "string" ? j.slot : null;
        } else {
          n.telemetry = j;
          n.uptime = num(j.up);
          n.rssi = num(j.rssi);
          n.mem = num(j.mem);
          n.lost = num(j.lost);
          n.ob = num(j.ob);
        }
      }
      return id;
    }
    return null;
  }

  list(): FleetNode[] {
    return [...this.nodes.values()].sort((a, b) => a.id.localeCompare(b.id));
  }
}

/** Subscribes and feeds every fleet message into the tracker; returns a function that stops it. */
export async function trackFleet(client: MqttClient, tracker: FleetTracker, onChange?: (id: string) => void): Promise<() => void> {
  const onMessage = (topic: string, payload: Buffer, packet: { retain?: boolean }) => {
    const id = tracker.message(topic, payload, !!packet.retain);
    if (id) onChange?.(id);
  };
  client.on("message", onMessage);
  await client.subscribeAsync(fleetTopics(tracker.prefix), { qos: 0 });
  return () => client.off("message", onMessage);
}

function ago(ms: number | null, now: number): string {
  if (ms === null) return "-";
  const s = Math.max(0, Math.round((now - ms) / 1000));
  return s < 60 ? `${s}s ago` : s < 3600 ? `${Math.floor(s / 60)}m ago` : `${Math.floor(s / 3600)}h ago`;
}

function uptime(s: number | null): string {
  if (s === null) return "-";
  return s < 3600 ? `${Math.floor(s / 60)}m${String(s % 60).padStart(2, "0")}s` : `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, "0")}m`;
}

/** The fleet as a plain-text table. */
export function fleetTable(nodes: FleetNode[], now = Date.now()): string {
  const head = ["ID", "STATE", "LAST SEEN", "UPTIME", "RSSI", "FREE", "APP", "CRC", "LOST", "OUTBOX"];
  const rows = nodes.map((n) => [
    n.id, n.online === null ? "?" : n.online ? "online" : "offline", ago(n.lastSeen, now), uptime(n.uptime),
    n.rssi === null ? "-" : `${n.rssi} dBm`, n.mem === null ? "-" : String(n.mem), n.app || "-", n.crc ?? "-",
    n.lost === null ? "-" : String(n.lost), n.ob === null ? "-" : String(n.ob),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [head, ...rows].map((r) => r.map((c, i) => c.padEnd(widths[i])).join("  ").trimEnd()).join("\n") + "\n";
}
