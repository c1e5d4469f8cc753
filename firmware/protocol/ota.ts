// App updates over MQTT (`espnode ota`): topics, the signed manifest text and the Storage files the node and the
// .bootcde loader share. Defined once here and imported by both sides, so the host and the node always sign and
// check the same text. Device code: ES5-safe, no regular expressions.

/** <prefix>/<id> + these. The host publishes OTA_BEGIN (JSON manifest) and OTA_DATA (chunks); the node answers on
 *  OTA_STATUS. INFO is the node's retained self-description, published at each connect. */
export var OTA_BEGIN = "/ota";
export var OTA_DATA = "/ota/data";
export var OTA_STATUS = "/ota/status";
export var INFO = "/info";

/** A chunk is OTA_OFFSET_DIGITS hex digits of its offset in the slot, then the raw bytes. */
export var OTA_OFFSET_DIGITS = 8;

/** Trial boot marker written after a verified transfer: {slot, n (boots so far), ms (health timeout), tid, app, crc}.
 *  The loader boots `slot` while it exists, and the previous slot once n reaches OTA_MAX_TRIAL_BOOTS or the app has
 *  not removed it within ms. */
export var TRIAL_FILE = "espnode.trial";
/** Written by the loader when it rolls back: the trial object plus "reason"; the old app reports and erases it. */
export var ROLLBACK_FILE = "espnode.rb";
export var OTA_MAX_TRIAL_BOOTS = 3;
/** Version label of a slot: <slot>.v holding {"crc","app"}; trusted only while crc matches the slot. */
export var LABEL_SUFFIX = ".v";

/** Status codes on OTA_STATUS ("s"). */
export var OTA_ACCEPTED = "accepted";
export var OTA_PROGRESS = "progress";
export var OTA_WRITTEN = "written";
export var OTA_VERIFIED = "verified";
export var OTA_REBOOTING = "rebooting";
export var OTA_RUNNING = "running";
export var OTA_REFUSED = "refused";
export var OTA_ROLLED_BACK = "rolled back";
export var OTA_ERROR = "error";

/** What the host announces; all of it except mac is covered by the MAC. */
export interface OtaManifest {
  /** Transfer id: chosen by the host, repeated in every status of this transfer (also after the reboot). */
  tid: string;
  size: number;
  /** CRC-32 and SHA-256 of the whole app, lower-case hex. */
  crc: string;
  sha: string;
  /** Version label. */
  app: string;
  /** CRC-32 of the app the node must be running: an old signed manifest cannot be replayed on another app. */
  from: string;
  /** Seconds the new app has to report itself healthy. */
  health: number;
  mac?: string;
}

/** The exact text the HMAC covers: the device id binds a MAC to one node. */
export function otaManifestText(id: string, m: OtaManifest): string {
  return "espnode-ota1|" + id + "|" + m.tid + "|" + m.size + "|" + m.crc + "|" + m.sha + "|" + m.from + "|" + m.app + "|" + m.health;
}

/** 8 lower-case hex digits of a CRC-32 (signed or unsigned). */
export function crcHex(c: number): string {
  var h = (c >>> 0).toString(16);
  while (h.length < 8) h = "0" + h;
  return h;
}
