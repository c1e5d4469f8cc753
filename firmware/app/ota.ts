// The node's side of `espnode ota`: checks the signed announcement, writes the app chunk by chunk into the slot
// that is not running, verifies it (CRC-32 and SHA-256 of the whole slot), marks it for a trial boot and restarts.
// After the restart it confirms the trial once the new app is healthy, or reports the rollback the loader made.
// Device code: ES5-safe; per chunk it allocates only the chunk itself.

import type { FlashStorage } from "./outbox.ts";
import { hmacSha256Hex, sameText, toHex } from "../protocol/hmac.ts";
import {
  OtaManifest, otaManifestText, crcHex, OTA_OFFSET_DIGITS, TRIAL_FILE, ROLLBACK_FILE, LABEL_SUFFIX, OTA_ACCEPTED,
  OTA_PROGRESS, OTA_WRITTEN, OTA_VERIFIED, OTA_REBOOTING, OTA_RUNNING, OTA_REFUSED, OTA_ROLLED_BACK, OTA_ERROR,
} from "../protocol/ota.ts";

export interface OtaDeps {
  storage: FlashStorage;
  /** E.CRC32 of a string (the board passes a memory-mapped Storage read: no RAM copy). */
  crc32(s: string): number;
  /** require("crypto").SHA256 as a 32-byte string. */
  sha256(s: string): string;
  /** Publishes one status JSON on <base>/ota/status; returns false when the client could not take it. */
  publish(json: string, qos: number, retain: boolean): boolean;
  reboot(): void;
  log(line: string): void;
}

var SLOT_A = "espnode.app.a";
var SLOT_B = "espnode.app.b";
var BOOT_POINTER = "espnode.boot";
/** Larger than any app a slot should hold on an ESP32's 1 MB Storage (two slots plus the outbox). */
var MAX_APP_BYTES = 393216;

function quote(s: string): string {
  return JSON.stringify(s);
}

function readJson(st: FlashStorage, name: string): any {
  var s = st.read(name);
  if (s === undefined) return null;
  try {
    return JSON.parse(s);
  } catch (e) {
    return null;
  }
}

export class OtaReceiver {
  d: OtaDeps;
  /** OTA key from the config ("" = none: every update is refused). */
  key: string;
  id: string;
  /** The slot running now ("" when not started by the loader) and its CRC-32 / label. */
  slot: string;
  crc: string;
  app: string;
  /** The transfer under way: its manifest and target slot, and how many bytes are written; null when none. */
  m: OtaManifest | null;
  target: string;
  next: number;
  /** The trial this app is running as, until it is confirmed healthy. */
  trial: any;
  /** A status that must not be lost (QoS1, retained), waiting for the client to take it. */
  pending: string;

  constructor(deps: OtaDeps, id: string, key: string | undefined, slot: string) {
    this.d = deps;
    this.id = id;
    this.key = key || "";
    this.slot = slot;
    var code = slot ? deps.storage.read(slot) : undefined;
    this.crc = code === undefined ? "" : crcHex(deps.crc32(code));
    var label = slot ? readJson(deps.storage, slot + LABEL_SUFFIX) : null;
    this.app = label && label.crc === this.crc ? String(label.app) : "";
    this.m = null;
    this.target = "";
    this.next = 0;
    var t = readJson(deps.storage, TRIAL_FILE);
    this.trial = t && t.slot === slot ? t : null;
    this.pending = "";
    var rb = readJson(deps.storage, ROLLBACK_FILE);
    if (rb) {
      this.report('{"s":"' + OTA_ROLLED_BACK + '","tid":' + quote(String(rb.tid)) + ',"app":' + quote(String(rb.app)) + ',"crc":' +
        quote(String(rb.crc)) + ',"running":' + quote(this.crc) + ',"reason":' + quote(String(rb.reason)) + "}");
      deps.storage.erase(ROLLBACK_FILE);
      deps.log("ota: rolled back from " + rb.app + " (" + rb.reason + ")");
    }
  }

  /** The retained <base>/info payload. */
  info(mps: number): string {
    return '{"app":' + quote(this.app) + ',"crc":' + quote(this.crc) + ',"slot":' + quote(this.slot) + ',"mps":' + mps + "}";
  }

  /** Publishes a must-deliver status now or, if the client is busy, at a later tick. */
  report(json: string): void {
    this.pending = json;
    this.flush();
  }

  flush(): void {
    if (this.pending && this.d.publish(this.pending, 1, true)) this.pending = "";
  }

  fail(code: string, why: string): void {
    var tid = this.m ? this.m.tid : "";
    this.d.log("ota: " + code + ": " + why);
    this.report('{"s":"' + code + '","tid":' + quote(tid) + ',"reason":' + quote(why) + "}");
  }

  /** The new app is connected and has sent telemetry: make its slot the one that boots, end the trial. */
  healthy(): void {
    var t = this.trial;
    if (!t) return;
    this.trial = null;
    this.d.storage.write(BOOT_POINTER, this.slot);
    this.d.storage.erase(TRIAL_FILE);
    this.d.log("ota: " + this.app + " confirmed healthy, " + this.slot + " boots from now on");
    this.report('{"s":"' + OTA_RUNNING + '","tid":' + quote(String(t.tid)) + ',"app":' + quote(this.app) + ',"crc":' + quote(this.crc) + "}");
  }

  /** <base>/ota: a JSON manifest with its MAC. Nothing is written unless the MAC is right. */
  begin(payload: string): void {
    var m: any;
    try {
      m = JSON.parse(payload);
    } catch (e) {
      m = null;
    }
    if (!m || typeof m !== "object" || typeof m.tid !== "string" || typeof m.size !== "number" || typeof m.crc !== "string" ||
        typeof m.sha !== "string" || typeof m.app !== "string" || typeof m.from !== "string" || typeof m.health !== "number" ||
        typeof m.mac !== "string") {
      this.m = null;
      return this.fail(OTA_REFUSED, "malformed announcement");
    }
    // The same transfer announced again (the host reconnected): carry on from what is written.
    if (this.m && this.m.tid === m.tid && this.m.mac === m.mac) return this.progress(OTA_ACCEPTED);
    this.m = null;
    if (!this.key) return this.fail(OTA_REFUSED, "no OTA key provisioned (espnode provision --ota-key-file)");
    if (!sameText(hmacSha256Hex(this.d.sha256, this.key, otaManifestText(this.id, m)), m.mac)) {
      this.m = m; // for the tid in the report only
      this.fail(OTA_REFUSED, "bad MAC: not signed with this device's OTA key");
      this.m = null;
      return;
    }
    this.m = m;
    if (this.trial) return this.refuse("the running app is still on trial");
    if (m.from !== this.crc) return this.refuse("announced for app " + m.from + ", running " + (this.crc || "none"));
    if (!(m.size > 0 && m.size <= MAX_APP_BYTES)) return this.refuse("size " + m.size + " out of range");
    this.target = this.slot === SLOT_A ? SLOT_B : SLOT_A;
    this.next = 0;
    this.d.storage.erase(this.target + LABEL_SUFFIX);
    this.d.log("ota: receiving " + m.app + " (" + m.size + " bytes) into " + this.target);
    this.progress(OTA_ACCEPTED);
  }

  refuse(why: string): void {
    this.fail(OTA_REFUSED, why);
    this.m = null;
  }

  progress(code: string): void {
    // QoS0: a lost acknowledgement only makes the host announce again, which answers with the same offset.
    this.d.publish('{"s":"' + code + '","tid":' + quote((this.m as OtaManifest).tid) + ',"next":' + this.next + "}", 0, false);
  }

  /**
   * <base>/ota/data: offset (hex), then bytes, as a string or a view over the received bytes (no copy: Storage.write
   * takes either). Writes only at the next offset; earlier chunks are compared.
   */
  chunk(payload: string | Uint8Array): void {
    var m = this.m;
    if (!m || this.next >= m.size) return;
    var text = typeof payload === "string";
    // the offset's hex digits, read in place
    var at = payload.length > OTA_OFFSET_DIGITS ? 0 : -1;
    for (var i = 0; i < OTA_OFFSET_DIGITS && at >= 0; i++) {
      var c = (text ? (payload as string).charCodeAt(i) : (payload as Uint8Array)[i]) | 32;
      at = c >= 48 && c <= 57 ? at * 16 + c - 48 : c >= 97 && c <= 102 ? at * 16 + c - 87 : -1;
    }
    var data = text ? (payload as string).substr(OTA_OFFSET_DIGITS) : (payload as Uint8Array).subarray(OTA_OFFSET_DIGITS);
    if (!(at >= 0) || !data.length || at + data.length > m.size) return this.fail(OTA_ERROR, "chunk at " + at + " outside the app");
    if (at < this.next) {
      // Sent again after a lost acknowledgement. Flash takes no second write, even of equal bytes: compare instead.
      if (at + data.length > this.next || !sameBytes(this.d.storage.read(this.target, at, data.length), data)) {
        this.m = null;
        return this.fail(OTA_ERROR, "chunk at " + at + " differs from what is written");
      }
      return this.progress(OTA_PROGRESS);
    }
    if (at > this.next) return this.progress(OTA_PROGRESS); // a gap: the host resends from next
    var ok: any;
    try {
      // Offset 0 creates the file at its full size; later writes fill the erased bytes in place.
      ok = at === 0 ? this.d.storage.write(this.target, data, 0, m.size) : this.d.storage.write(this.target, data, at);
    } catch (e) {
      ok = "" + e;
    }
    if (ok !== true) {
      this.m = null;
      return this.fail(OTA_ERROR, "writing " + this.target + " at " + at + " failed" + (ok ? ": " + ok : ""));
    }
    this.next = at + data.length;
    if (this.next < m.size) return this.progress(OTA_PROGRESS);
    this.progress(OTA_WRITTEN);
    this.finish(m);
  }

  /** All bytes are in: verify the whole slot, then arm the trial boot and restart. */
  finish(m: OtaManifest): void {
    var st = this.d.storage;
    var code = st.read(this.target);
    var crc = code === undefined ? "" : crcHex(this.d.crc32(code));
    var sha = code === undefined ? "" : toHex(this.d.sha256(code));
    code = undefined;
    if (crc !== m.crc || sha !== m.sha) {
      st.erase(this.target);
      this.m = null;
      return this.fail(OTA_ERROR, "verification failed: CRC " + crc + ", expected " + m.crc + (sha !== m.sha ? "; SHA-256 differs" : ""));
    }
    this.report('{"s":"' + OTA_VERIFIED + '","tid":' + quote(m.tid) + ',"crc":' + quote(crc) + "}");
    st.write(this.target + LABEL_SUFFIX, JSON.stringify({ crc: crc, app: m.app }));
    st.write(TRIAL_FILE, JSON.stringify({ slot: this.target, n: 0, ms: Math.round(m.health * 1000), tid: m.tid, app: m.app, crc: crc }));
    this.m = null;
    this.d.log("ota: " + m.app + " verified in " + this.target + ", restarting into it");
    this.report('{"s":"' + OTA_REBOOTING + '","tid":' + quote(m.tid) + ',"slot":' + quote(this.target) + "}");
    this.d.reboot();
  }
}

/** Flash bytes (a string read from Storage) equal to a chunk, whichever form it came in. */
function sameBytes(stored: string | undefined, data: string | Uint8Array): boolean {
  if (typeof data === "string") return stored === data;
  if (stored === undefined || stored.length !== data.length) return false;
  for (var i = 0; i < data.length; i++) if (stored.charCodeAt(i) !== data[i]) return false;
  return true;
}
