// A minimal-allocation MQTT 3.1.1 client that runs unmodified on Espruino and on Node.
// Pure: it owns no socket and no clock. The board glue calls open()/linkUp()/feed()/drained()/linkDown() for I/O
// and tick(now) for time; the client writes to the socket it was given and calls its handlers directly.
// All bytes are "binary strings" (one char per byte), which is what Espruino sockets deliver and accept.
// Everything the session needs is allocated in the constructor; a publish writes header, topic and payload as
// separate socket writes so nothing proportional to the payload is built.

import {
  CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE, SUBACK, UNSUBSCRIBE, UNSUBACK,
  PINGRESP,
  ERR_NOT_CONNECTED, ERR_INFLIGHT_FULL, ERR_BUSY, ERR_BAD_TOPIC, ERR_TABLE_FULL, ERR_BAD_QOS,
  CLOSE_NORMAL, CLOSE_LINK_LOST, CLOSE_REFUSED, CLOSE_CONNACK_TIMEOUT, CLOSE_PING_TIMEOUT, CLOSE_PAUSED,
  CLOSE_PROTOCOL, CLOSE_BAD_LENGTH, CLOSE_BAD_FLAGS, CLOSE_BAD_TOPIC, CLOSE_ZERO_PACKET_ID, CLOSE_CONNECT_TIMEOUT,
} from "./constants.ts";

/** The socket shape the client writes to: Espruino's net/tls socket, or the Node glue's adapter. */
export interface MqttSocket {
  write(data: string): void;
  end(): void;
}

export interface MqttOptions {
  clientId: string;
  /** Seconds; 0 turns keepalive off. */
  keepalive?: number;
  /** Clean session; false keeps a persistent session on the broker. */
  clean?: boolean;
  username?: string;
  password?: string;
  willTopic?: string;
  willPayload?: string;
  willQos?: number;
  willRetain?: boolean;
  /** Outbound QoS1/2 messages awaiting acknowledgement (and inbound QoS2 ids awaiting PUBREL). */
  maxInflight?: number;
  /** Inbound packets larger than this are skipped while streaming, never buffered. */
  maxPacketSize?: number;
  /** Bytes that may be written but not yet drained before publish() answers ERR_BUSY. */
  sendWindow?: number;
  /** Subscriptions remembered for restoring a lost session. */
  maxSubscriptions?: number;
  /** ms from open() to CONNACK. */
  connackTimeout?: number;
  backoffMin?: number;
  backoffMax?: number;
  /** ms a connection must stay up before the backoff starts again from backoffMin. */
  stableAfter?: number;
  random?: () => number;
}

export interface MqttHandlers {
  /** The client wants a link: open a socket and call linkUp(socket), or linkDown() when that fails. */
  open(): void;
  connected?(sessionPresent: boolean): void;
  message?(topic: string, payload: string, qos: number, retain: boolean): void;
  /** A QoS1 PUBACK or QoS2 PUBCOMP arrived: the broker has the message. */
  delivered?(packetId: number): void;
  subscribed?(packetId: number, codes: number[]): void;
  unsubscribed?(packetId: number): void;
  closed?(reason: number, detail: number): void;
}

// Connection states.
var IDLE = 0;
var WAITING = 1;
var OPENING = 2;
var AWAIT_CONNACK = 3;
var UP = 4;
var PAUSED = 5;

// Outbound in-flight slot states.
var FREE = 0;
var AWAIT_PUBACK = 1;
var AWAIT_PUBREC = 2;
var AWAIT_PUBCOMP = 3;

function u16(n: number): string {
  return String.fromCharCode((n >> 8) & 255, n & 255);
}

/**
 * Fixed header (packet type and flags, remaining length in 1-4 bytes) followed by the packet's first 16-bit field
 * (topic length or packet id), built as one string: the publish path makes no intermediate strings.
 */
function header16(first: number, len: number, field: number): string {
  var f = String.fromCharCode;
  var hi = (field >> 8) & 255;
  var lo = field & 255;
  if (len < 128) return f(first, len, hi, lo);
  if (len < 16384) return f(first, (len & 127) | 128, len >> 7, hi, lo);
  if (len < 2097152) return f(first, (len & 127) | 128, ((len >> 7) & 127) | 128, len >> 14, hi, lo);
  return f(first, (len & 127) | 128, ((len >> 7) & 127) | 128, ((len >> 14) & 127) | 128, len >> 21, hi, lo);
}

/** PINGREQ and DISCONNECT: a type and a zero remaining length. */
var PINGREQ_PACKET = "\xc0\x00";
var DISCONNECT_PACKET = "\xe0\x00";

function lstr(s: string): string {
  return u16(s.length) + s;
}

function isPublishTopic(t: string): boolean {
  return typeof t === "string" && t.length > 0 && t.length <= 65535 && t.indexOf("+") < 0 && t.indexOf("#") < 0;
}

export class MqttClient {
  opt: MqttOptions;
  h: MqttHandlers;
  keepaliveMs: number;
  maxPacketSize: number;
  sendWindow: number;

  state = IDLE;
  link: MqttSocket | null = null;
  connected = false;
  sessionPresent = false;
  now = 0;
  openedAt = 0;
  upSince = 0;
  reconnectAt = 0;
  attempt = 0;
  lastTx = 0;
  lastRx = 0;
  pingAt = 0;
  unsent = 0;
  nextId = 0;
  opened = false;

  // Parser state: pending bytes of an incomplete packet, and bytes still to skip of an oversize one.
  rx = "";
  skip = 0;

  // Outbound QoS1/2 in flight: packet id (0 = free), state, retain flag, topic and payload by reference.
  outId: Uint16Array;
  outState: Uint8Array;
  outRetain: Uint8Array;
  outTopic: string[];
  outPayload: string[];
  // Inbound QoS2 ids received and not yet released.
  inId: Uint16Array;
  inNext = 0;
  // Subscriptions to restore: topic, QoS, packet id of the SUBSCRIBE that carried it (0 = not yet sent).
  subTopic: string[];
  subQos: Uint8Array;
  subPid: Uint16Array;

  txPackets = 0;
  rxPackets = 0;
  reconnects = 0;
  /** Inbound messages whose handler threw: acknowledged (the broker will not resend) but not handled. */
  dropped = 0;
  /** Inbound packets larger than maxPacketSize, skipped. */
  oversize = 0;
  lastReason = CLOSE_NORMAL;
  lastDetail = 0;

  constructor(options: MqttOptions, handlers: MqttHandlers) {
    this.opt = options;
    this.h = handlers;
    this.keepaliveMs = (options.keepalive === undefined ? 60 : options.keepalive) * 1000;
    this.maxPacketSize = options.maxPacketSize || 4096;
    this.sendWindow = options.sendWindow || 2048;
    var n = options.maxInflight || 8;
    this.outId = new Uint16Array(n);
    this.outState = new Uint8Array(n);
    this.outRetain = new Uint8Array(n);
    this.outTopic = [];
    this.outPayload = [];
    for (var i = 0; i < n; i++) {
      this.outTopic.push("");
      this.outPayload.push("");
    }
    this.inId = new Uint16Array(n);
    var s = options.maxSubscriptions || 8;
    this.subTopic = [];
    for (i = 0; i < s; i++) this.subTopic.push("");
    this.subQos = new Uint8Array(s);
    this.subPid = new Uint16Array(s);
  }

  // ---- lifecycle, driven by the board glue ----

  /** Start connecting now and keep reconnecting with backoff until stop(). */
  start(now: number): void {
    this.now = now;
    this.attempt = 0;
    this.state = WAITING;
    this.reconnectAt = now;
    this.tick(now);
  }

  /** Send DISCONNECT and close; no reconnect (the broker discards the will). */
  stop(): void {
    if (this.state === UP) {
      this.send(DISCONNECT_PACKET);
      this.txPackets++;
    }
    this.state = IDLE;
    this.drop(CLOSE_NORMAL, 0);
  }

  /** The network is gone (e.g. Wi-Fi down): close without reconnecting until resume(). */
  pause(): void {
    if (this.state === IDLE || this.state === PAUSED) return;
    this.state = PAUSED;
    this.drop(CLOSE_PAUSED, 0);
  }

  /** The network is back: connect now. */
  resume(): void {
    if (this.state !== PAUSED && this.state !== WAITING) return;
    this.attempt = 0;
    this.state = WAITING;
    this.reconnectAt = this.now;
    this.tick(this.now);
  }

  /** Advance time (ms, monotonic); call about once a second. Opens links, sends PINGREQ, detects dead links. */
  tick(now: number): void {
    this.now = now;
    var st = this.state;
    if (st === WAITING) {
      if (now >= this.reconnectAt) {
        this.state = OPENING;
        this.openedAt = now;
        if (this.opened) this.reconnects++;
        this.opened = true;
        this.h.open();
      }
    } else if (st === OPENING || st === AWAIT_CONNACK) {
      if (now - this.openedAt > (this.opt.connackTimeout || 10000))
        this.fail(st === OPENING ? CLOSE_CONNECT_TIMEOUT : CLOSE_CONNACK_TIMEOUT, 0);
    } else if (st === UP) {
      var ka = this.keepaliveMs;
      if (now - this.upSince >= (this.opt.stableAfter || 30000)) this.attempt = 0;
      if (ka > 0) {
        if (this.pingAt) {
          // Half a keepalive with no PINGRESP after a keepalive of silence: ≈1.5 × keepalive in all.
          if (now - this.pingAt > ka / 2) this.fail(CLOSE_PING_TIMEOUT, 0);
        } else if (now - this.lastTx >= ka || now - this.lastRx >= ka) {
          this.pingAt = now;
          this.send(PINGREQ_PACKET);
          this.txPackets++;
        }
      }
    }
  }

  /** The socket asked for by open() is connected: send CONNECT. */
  linkUp(socket: MqttSocket): void {
    if (this.state !== OPENING) {
      socket.end();
      return;
    }
    this.link = socket;
    this.state = AWAIT_CONNACK;
    this.rx = "";
    this.skip = 0;
    this.unsent = 0;
    this.lastRx = this.now;
    this.sendConnect();
  }

  /** The socket closed or could not connect. A stale socket (not the current link) is ignored. */
  linkDown(socket?: MqttSocket): void {
    if (socket && this.link && socket !== this.link) return;
    if (this.link || this.state === OPENING) this.fail(CLOSE_LINK_LOST, 0);
  }

  /** Everything written so far has left (Espruino's `drain` event). */
  drained(): void {
    this.unsent = 0;
  }

  /** Bytes received from the socket, in chunks of any size. */
  feed(data: string): void {
    if (!this.link) return;
    var start = 0;
    if (this.skip > 0) {
      start = Math.min(this.skip, data.length);
      this.skip -= start;
      if (start === data.length) return;
    }
    var buf = this.rx.length ? this.rx + (start ? data.substr(start) : data) : start ? data.substr(start) : data;
    this.rx = "";
    this.lastRx = this.now;
    var pos = 0;
    var end = buf.length;
    while (this.link && end - pos >= 2) {
      var len = 0;
      var mul = 1;
      var i = pos + 1;
      var b = 128;
      while (b & 128) {
        if (i >= end) break;
        if (i - pos > 4) return this.fail(CLOSE_BAD_LENGTH, 0);
        b = buf.charCodeAt(i++);
        len += (b & 127) * mul;
        mul *= 128;
      }
      if (b & 128) break; // remaining length still incomplete
      if (len > this.maxPacketSize) {
        this.oversize++;
        var have = end - i;
        if (have >= len) {
          pos = i + len;
          continue;
        }
        this.skip = len - have;
        return;
      }
      if (end - i < len) break;
      this.rxPackets++;
      this.packet(buf, buf.charCodeAt(pos), i, len);
      pos = i + len;
    }
    if (this.link && pos < end) this.rx = pos ? buf.substr(pos) : buf;
  }

  // ---- what the application calls ----

  /** Publish; returns the packet id (QoS>0), 0 (QoS0 sent) or an ERR_* code (<0: nothing sent, keep the message). */
  publish(topic: string, payload: string, qos: number, retain: boolean): number {
    if (this.state !== UP) return ERR_NOT_CONNECTED;
    if (!isPublishTopic(topic)) return ERR_BAD_TOPIC;
    if (qos !== 0 && qos !== 1 && qos !== 2) return ERR_BAD_QOS;
    var len = 2 + topic.length + (qos ? 2 : 0) + payload.length;
    if (this.unsent > 0 && this.unsent + len > this.sendWindow) return ERR_BUSY;
    var slot = -1;
    var id = 0;
    if (qos) {
      slot = this.freeSlot();
      if (slot < 0) return ERR_INFLIGHT_FULL;
      id = this.newPacketId();
      this.outId[slot] = id;
      this.outState[slot] = qos === 1 ? AWAIT_PUBACK : AWAIT_PUBREC;
      this.outRetain[slot] = retain ? 1 : 0;
      this.outTopic[slot] = topic;
      this.outPayload[slot] = payload;
    }
    this.writePublish(topic, payload, qos, retain, id, false);
    return id;
  }

  /** Subscribe to one topic or several in one packet; remembered and restored if the broker loses the session.
   *  Returns the packet id, 0 when queued until connected, or ERR_TABLE_FULL. */
  subscribe(topic: string | string[], qos: number | number[]): number {
    var topics = typeof topic === "string" ? [topic] : topic;
    var i;
    for (i = 0; i < topics.length; i++) {
      var q = typeof qos === "number" ? qos : qos[i];
      var slot = this.subTopic.indexOf(topics[i]);
      if (slot < 0) slot = this.subTopic.indexOf("");
      if (slot < 0) return ERR_TABLE_FULL;
      this.subTopic[slot] = topics[i];
      this.subQos[slot] = q;
      this.subPid[slot] = 0;
    }
    return this.state === UP ? this.sendSubscribe(false) : 0;
  }

  /** Unsubscribe; returns the packet id, or 0 when not connected (the topics are forgotten either way). */
  unsubscribe(topic: string | string[]): number {
    var topics = typeof topic === "string" ? [topic] : topic;
    var len = 0;
    for (var i = 0; i < topics.length; i++) {
      var slot = this.subTopic.indexOf(topics[i]);
      if (slot >= 0) this.subTopic[slot] = "";
      len += 2 + topics[i].length;
    }
    if (this.state !== UP) return 0;
    var id = this.newPacketId();
    this.send(header16((UNSUBSCRIBE << 4) | 2, len + 2, id));
    for (i = 0; i < topics.length; i++) this.send(lstr(topics[i]));
    this.txPackets++;
    return id;
  }

  /** Outbound QoS1/2 messages not yet acknowledged. */
  inflight(): number {
    var n = 0;
    for (var i = 0; i < this.outId.length; i++) if (this.outId[i]) n++;
    return n;
  }

  /** True when a publish of this many payload bytes at this QoS would be accepted now. */
  canPublish(qos: number, bytes: number): boolean {
    if (this.state !== UP) return false;
    if (this.unsent > 0 && this.unsent + bytes > this.sendWindow) return false;
    return !qos || this.freeSlot() >= 0;
  }

  // ---- internals ----

  send(s: string): void {
    this.unsent += s.length;
    this.lastTx = this.now;
    (this.link as MqttSocket).write(s);
  }

  sendConnect(): void {
    var o = this.opt;
    var flags = o.clean === false ? 0 : 2;
    var len = 10 + 2 + o.clientId.length;
    if (o.willTopic) {
      flags |= 4 | ((o.willQos || 0) << 3) | (o.willRetain ? 32 : 0);
      len += 4 + o.willTopic.length + (o.willPayload || "").length;
    }
    if (o.username !== undefined) {
      flags |= 128;
      len += 2 + o.username.length;
    }
    if (o.password !== undefined) {
      flags |= 64;
      len += 2 + o.password.length;
    }
    this.send(header16(CONNECT << 4, len, 4) + "MQTT\x04" + String.fromCharCode(flags) + u16(this.keepaliveMs / 1000));
    this.send(lstr(o.clientId));
    if (o.willTopic) {
      this.send(lstr(o.willTopic));
      this.send(lstr(o.willPayload || ""));
    }
    if (o.username !== undefined) this.send(lstr(o.username));
    if (o.password !== undefined) this.send(lstr(o.password));
    this.txPackets++;
  }

  writePublish(topic: string, payload: string, qos: number, retain: boolean, id: number, dup: boolean): void {
    var len = 2 + topic.length + (qos ? 2 : 0) + payload.length;
    this.send(header16((PUBLISH << 4) | (dup ? 8 : 0) | (qos << 1) | (retain ? 1 : 0), len, topic.length));
    this.send(topic);
    if (qos) this.send(u16(id));
    if (payload.length) this.send(payload);
    this.txPackets++;
  }

  /** One SUBSCRIBE with every remembered topic (all = restoring a session) or only those not yet sent. */
  sendSubscribe(all: boolean): number {
    var len = 2;
    var count = 0;
    var i;
    for (i = 0; i < this.subTopic.length; i++)
      if (this.subTopic[i] && (all || !this.subPid[i])) {
        len += 3 + this.subTopic[i].length;
        count++;
      }
    if (!count) return 0;
    var id = this.newPacketId();
    this.send(header16((SUBSCRIBE << 4) | 2, len, id));
    for (i = 0; i < this.subTopic.length; i++)
      if (this.subTopic[i] && (all || !this.subPid[i])) {
        this.subPid[i] = id;
        this.send(lstr(this.subTopic[i]) + String.fromCharCode(this.subQos[i]));
      }
    this.txPackets++;
    return id;
  }

  ack(type: number, id: number): void {
    this.send(String.fromCharCode(type === PUBREL ? 0x62 : type << 4, 2, (id >> 8) & 255, id & 255));
    this.txPackets++;
  }

  freeSlot(): number {
    for (var i = 0; i < this.outId.length; i++) if (!this.outId[i]) return i;
    return -1;
  }

  /** Next packet id in 1..65535, skipping ids still in flight. */
  newPacketId(): number {
    for (;;) {
      this.nextId = this.nextId >= 65535 ? 1 : this.nextId + 1;
      if (this.outId.indexOf(this.nextId) < 0) return this.nextId;
    }
  }

  /** Close the link for a reason and schedule a reconnect unless stopped or paused. */
  fail(reason: number, detail: number): void {
    if (this.state !== IDLE && this.state !== PAUSED) this.state = WAITING;
    this.drop(reason, detail);
  }

  drop(reason: number, detail: number): void {
    var link = this.link;
    this.link = null;
    this.connected = false;
    this.pingAt = 0;
    this.rx = "";
    this.skip = 0;
    this.lastReason = reason;
    this.lastDetail = detail;
    if (this.state === WAITING) {
      // Full jitter: a random delay up to an exponentially growing cap.
      var cap = Math.min(this.opt.backoffMax || 60000, (this.opt.backoffMin || 1000) * Math.pow(2, this.attempt));
      if (this.attempt < 16) this.attempt++;
      this.reconnectAt = this.now + Math.floor((this.opt.random || Math.random)() * cap);
    }
    if (link) link.end();
    if (this.h.closed) this.h.closed(reason, detail);
  }

  /** One complete inbound packet: buf[at, at+len) is its variable header and payload. */
  packet(buf: string, first: number, at: number, len: number): void {
    var type = first >> 4;
    var flags = first & 15;
    if (this.state === AWAIT_CONNACK) {
      if (type !== CONNACK || flags || len !== 2 || buf.charCodeAt(at) > 1) return this.fail(CLOSE_PROTOCOL, type);
      var code = buf.charCodeAt(at + 1);
      if (code) return this.fail(CLOSE_REFUSED, code);
      this.onConnack(buf.charCodeAt(at) === 1);
      return;
    }
    if (type === PUBLISH) return this.onPublish(buf, flags, at, len);
    if (type === PUBREL ? flags !== 2 : flags) return this.fail(CLOSE_BAD_FLAGS, type);
    var id = len >= 2 ? (buf.charCodeAt(at) << 8) | buf.charCodeAt(at + 1) : 0;
    var i;
    if (type === PUBACK || type === PUBREC || type === PUBCOMP || type === PUBREL || type === UNSUBACK) {
      if (len !== 2) return this.fail(CLOSE_PROTOCOL, type);
      if (!id) return this.fail(CLOSE_ZERO_PACKET_ID, type);
    }
    if (type === PUBACK || type === PUBCOMP) {
      i = this.outId.indexOf(id);
      if (i >= 0 && this.outState[i] === (type === PUBACK ? AWAIT_PUBACK : AWAIT_PUBCOMP)) {
        this.release(i);
        if (this.h.delivered) this.h.delivered(id);
      }
    } else if (type === PUBREC) {
      i = this.outId.indexOf(id);
      if (i >= 0 && this.outState[i] !== AWAIT_PUBACK) {
        // The broker has it: drop the payload reference now, only the id is still needed.
        this.outState[i] = AWAIT_PUBCOMP;
        this.outTopic[i] = "";
        this.outPayload[i] = "";
      }
      this.ack(PUBREL, id);
    } else if (type === PUBREL) {
      i = this.inId.indexOf(id);
      if (i >= 0) this.inId[i] = 0;
      this.ack(PUBCOMP, id);
    } else if (type === SUBACK) {
      if (len < 3 || !id) return this.fail(CLOSE_PROTOCOL, type);
      var codes: number[] = [];
      for (i = 2; i < len; i++) {
        var c = buf.charCodeAt(at + i);
        if (c > 2 && c !== 0x80) return this.fail(CLOSE_PROTOCOL, type);
        codes.push(c);
      }
      // Codes come in the order the topics went out; a refused topic is forgotten, not retried forever.
      var k = 0;
      for (i = 0; i < this.subPid.length; i++)
        if (this.subTopic[i] && this.subPid[i] === id && codes[k++] === 0x80) this.subTopic[i] = "";
      if (this.h.subscribed) this.h.subscribed(id, codes);
    } else if (type === UNSUBACK) {
      if (this.h.unsubscribed) this.h.unsubscribed(id);
    } else if (type === PINGRESP) {
      if (len) return this.fail(CLOSE_PROTOCOL, type);
      this.pingAt = 0;
    } else {
      this.fail(CLOSE_PROTOCOL, type);
    }
  }

  release(slot: number): void {
    this.outId[slot] = 0;
    this.outState[slot] = FREE;
    this.outTopic[slot] = "";
    this.outPayload[slot] = "";
  }

  onConnack(sessionPresent: boolean): void {
    this.state = UP;
    this.connected = true;
    this.sessionPresent = sessionPresent;
    this.upSince = this.now;
    this.pingAt = 0;
    if (!sessionPresent) this.inId.fill(0);
    // Restore subscriptions the broker does not have, then resend what is still in flight, in order.
    this.sendSubscribe(!sessionPresent);
    for (var i = 0; i < this.outId.length; i++) {
      var st = this.outState[i];
      if (st === AWAIT_PUBCOMP) this.ack(PUBREL, this.outId[i]);
      else if (st) this.writePublish(this.outTopic[i], this.outPayload[i], st === AWAIT_PUBACK ? 1 : 2, this.outRetain[i] === 1, this.outId[i], true);
    }
    if (this.h.connected) this.h.connected(sessionPresent);
  }

  onPublish(buf: string, flags: number, at: number, len: number): void {
    var qos = (flags >> 1) & 3;
    if (qos === 3) return this.fail(CLOSE_BAD_FLAGS, PUBLISH);
    var tlen = len >= 2 ? (buf.charCodeAt(at) << 8) | buf.charCodeAt(at + 1) : -1;
    var head = 2 + tlen + (qos ? 2 : 0);
    if (tlen < 1 || head > len) return this.fail(CLOSE_PROTOCOL, PUBLISH);
    var topic = buf.substr(at + 2, tlen);
    if (!isPublishTopic(topic)) return this.fail(CLOSE_BAD_TOPIC, PUBLISH);
    var id = 0;
    if (qos) {
      id = (buf.charCodeAt(at + head - 2) << 8) | buf.charCodeAt(at + head - 1);
      if (!id) return this.fail(CLOSE_ZERO_PACKET_ID, PUBLISH);
    }
    if (qos === 2) {
      if (this.inId.indexOf(id) >= 0) return this.ack(PUBREC, id); // a duplicate: delivered already
      // The id only guards against the broker resending this PUBLISH before it saw our PUBREC; when the table is
      // full the oldest entry (whose PUBREC went out first) is the safest to forget.
      var slot = this.inId.indexOf(0);
      if (slot < 0) {
        slot = this.inNext;
        this.inNext = (slot + 1) % this.inId.length;
      }
      this.inId[slot] = id;
    }
    if (this.h.message) {
      try {
        this.h.message(topic, buf.substr(at + head, len - head), qos, (flags & 1) === 1);
      } catch (e) {
        this.dropped++;
      }
    }
    if (this.link && qos) this.ack(qos === 1 ? PUBACK : PUBREC, id);
  }
}

/** Members no caller needs by name: the device build shortens them (terser property mangling). */
export var MQTT_CLIENT_INTERNALS = [
  "opt", "h", "keepaliveMs", "state", "link", "openedAt", "upSince", "reconnectAt", "attempt", "lastTx", "lastRx",
  "pingAt", "unsent", "nextId", "opened", "rx", "skip", "outId", "outState", "outRetain", "outTopic", "outPayload",
  "inId", "inNext", "subTopic", "subQos", "subPid", "send", "sendConnect", "writePublish", "sendSubscribe", "ack",
  "freeSlot", "newPacketId", "fail", "drop", "packet", "release", "onConnack", "onPublish",
];
