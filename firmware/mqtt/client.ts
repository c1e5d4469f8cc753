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
  /**
   * Hands inbound payloads to message() as payloadView(bytes, start, end, topic) instead of a copied string. On
   * Espruino, `zeroCopy` (firmware/board/mqtt-link.ts, `mqtt.zeroCopy` in the module) makes a Uint8Array over the
   * received bytes: a 300-byte payload costs 2 JsVars instead of 31. Such a view holds the whole received chunk for
   * as long as it is kept, so copy what you keep (`E.toString(payload)`). The topic lets it choose per topic
   * (`bytes.substr(start, end - start)` is the string the client would have made).
   */
  payloadView?: (bytes: string, start: number, end: number, topic: string) => string | Uint8Array;
}

export interface MqttHandlers {
  /** The client wants a link: open a socket and call linkUp(socket), or linkDown() when that fails. */
  open(): void;
  connected?(sessionPresent: boolean): void;
  /** payload: a byte string, or what options.payloadView made of the bytes. */
  message?(topic: string, payload: string | Uint8Array, qos: number, retain: boolean): void;
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

// Outbound in-flight slot states (the low two bits of outFlags; bit 2 is the retain flag).
var FREE = 0;
var AWAIT_PUBACK = 1;
var AWAIT_PUBREC = 2;
var AWAIT_PUBCOMP = 3;
var RETAIN_BIT = 4;

/** PINGREQ and DISCONNECT: a type and a zero remaining length. */
var PINGREQ_PACKET = "\xc0\x00";
var DISCONNECT_PACKET = "\xe0\x00";

// On Espruino every function is a JsVar structure of its own (≈6 JsVars plus one per parameter, kept in RAM while
// the module is loaded) and every call allocates a scope (one JsVar per parameter and local), so this file has
// only three internal helpers (send, header, fail): code used in two places is written out twice, which costs
// flash, not RAM. The hot paths (QoS0 publish, inbound PUBLISH) call no helpers. Fields left at their prototype
// default (the assignments after the class) cost nothing per instance until first written; internal fields that
// are always written before they are read have no default at all.

export class MqttClient {
  opt: MqttOptions;
  h: MqttHandlers;
  maxPacketSize: number;
  sendWindow: number;

  declare state: number;
  declare link: MqttSocket | null;
  declare connected: boolean;
  declare sessionPresent: boolean;
  declare now: number;
  declare openedAt: number;
  declare upSince: number;
  declare reconnectAt: number;
  declare attempt: number;
  declare lastTx: number;
  declare lastRx: number;
  declare pingAt: number;
  declare unsent: number;
  declare nextId: number;
  declare opened: boolean;

  // Parser state: pending bytes of an incomplete packet, and bytes still to skip of an oversize one.
  declare rx: string;
  declare skip: number;

  // Outbound QoS1/2 in flight: packet id (0 = free), state and retain flag; topic and payload by reference, in
  // sparse arrays that hold an entry only while a message is in flight.
  outId: Uint16Array;
  outFlags: Uint8Array;
  outTopic: string[];
  outPayload: string[];
  // Inbound QoS2 ids received and not yet released.
  inId: Uint16Array;
  declare inNext: number;
  // Subscriptions to restore (sparse): topic, QoS, packet id of the SUBSCRIBE that carried it (0 = not yet sent).
  subTopic: string[];
  subQos: Uint8Array;
  subPid: Uint16Array;

  declare txPackets: number;
  declare rxPackets: number;
  declare reconnects: number;
  /** Inbound messages whose handler threw: acknowledged (the broker will not resend) but not handled. */
  declare dropped: number;
  /** Inbound packets larger than maxPacketSize, skipped. */
  declare oversize: number;
  declare lastReason: number;
  declare lastDetail: number;

  constructor(options: MqttOptions, handlers: MqttHandlers) {
    this.opt = options;
    this.h = handlers;
    this.maxPacketSize = options.maxPacketSize || 4096;
    this.sendWindow = options.sendWindow || 2048;
    var n = options.maxInflight || 8;
    var s = options.maxSubscriptions || 8;
    // One buffer per element size, cut into views: each table costs one JsVar, not a buffer of its own.
    var ids = new Uint16Array(n + n + s);
    this.outId = ids.subarray(0, n);
    this.inId = ids.subarray(n, n + n);
    this.subPid = ids.subarray(n + n);
    var bytes = new Uint8Array(n + s);
    this.outFlags = bytes.subarray(0, n);
    this.subQos = bytes.subarray(n);
    this.outTopic = [];
    this.outPayload = [];
    this.subTopic = [];
  }

  // ---- lifecycle, driven by the board glue ----

  /** Start connecting now and keep reconnecting with backoff until stop(). */
  start(now: number): void {
    this.now = now;
    this.state = WAITING;
    this.resume();
  }

  /** Send DISCONNECT and close; no reconnect (the broker discards the will). */
  stop(): void {
    if (this.state === UP) this.send(DISCONNECT_PACKET, 2);
    this.state = IDLE;
    this.fail(CLOSE_NORMAL, 0);
  }

  /** The network is gone (e.g. Wi-Fi down): close without reconnecting until resume(). */
  pause(): void {
    if (!this.state || this.state === PAUSED) return; // IDLE
    this.state = PAUSED;
    this.fail(CLOSE_PAUSED, 0);
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
      var ka = (this.opt.keepalive === undefined ? 60 : this.opt.keepalive) * 1000;
      if (now - this.upSince >= (this.opt.stableAfter || 30000)) this.attempt = 0;
      if (ka > 0) {
        if (this.pingAt) {
          // Half a keepalive with no PINGRESP after a keepalive of silence: ≈1.5 × keepalive in all.
          if (now - this.pingAt > ka / 2) this.fail(CLOSE_PING_TIMEOUT, 0);
        } else if (now - this.lastTx >= ka || now - this.lastRx >= ka) {
          this.pingAt = now;
          this.send(PINGREQ_PACKET, 2);
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
    var ka = o.keepalive === undefined ? 60 : o.keepalive;
    this.send(this.header(CONNECT << 4, len, 4) + "MQTT\x04" + String.fromCharCode(flags, ka >> 8, ka & 255));
    this.send(o.clientId, 1);
    if (o.willTopic) {
      this.send(o.willTopic, 1);
      this.send(o.willPayload || "", 1);
    }
    if (o.username !== undefined) this.send(o.username, 1);
    if (o.password !== undefined) this.send(o.password, 1);
    this.txPackets++;
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

  /**
   * Bytes received from the socket, in chunks of any size. Each complete packet is handled here, without a call per
   * packet: an inbound PUBLISH reaches the message handler one call deep.
   */
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
    while (this.link && buf.length - pos >= 2) {
      var len = 0;
      var mul = 1;
      var at = pos + 1;
      var b = 128;
      while (b & 128) {
        if (at >= buf.length) break;
        if (at - pos > 4) return this.fail(CLOSE_BAD_LENGTH, 0);
        b = buf.charCodeAt(at++);
        len += (b & 127) * mul;
        mul *= 128;
      }
      if (b & 128) break; // remaining length still incomplete
      if (len > this.maxPacketSize) {
        this.oversize++;
        if (buf.length - at >= len) {
          pos = at + len;
          continue;
        }
        this.skip = len - (buf.length - at);
        return;
      }
      if (buf.length - at < len) break;
      this.rxPackets++;
      pos = at + len;
      // buf[at, pos) is the packet's variable header and payload; b becomes its type, mul its flags.
      b = buf.charCodeAt(at - 1 - (mul === 128 ? 1 : mul === 16384 ? 2 : mul === 2097152 ? 3 : 4));
      mul = b & 15;
      b = b >> 4;
      if (this.state === AWAIT_CONNACK) {
        if (b !== CONNACK || mul || len !== 2 || buf.charCodeAt(at) > 1) return this.fail(CLOSE_PROTOCOL, b);
        if (buf.charCodeAt(at + 1)) return this.fail(CLOSE_REFUSED, buf.charCodeAt(at + 1));
        // Accepted. Only variables already in this call's scope are reused below (Espruino creates a var when its
        // statement runs, so a new one would cost a JsVar on every call that reaches it): mul becomes
        // sessionPresent (0/1), len the SUBSCRIBE's length, at a table index, b an in-flight slot's flags.
        mul = buf.charCodeAt(at);
        this.state = UP;
        this.connected = true;
        this.sessionPresent = mul === 1;
        this.upSince = this.now;
        this.pingAt = 0;
        if (!mul) this.inId.fill(0);
        // Restore subscriptions the broker does not have (all of them without a session) in one SUBSCRIBE...
        len = 2;
        for (at = 0; at < this.subPid.length; at++)
          if (this.subTopic[at] && (!mul || !this.subPid[at])) len += 3 + this.subTopic[at].length;
        if (len > 2) {
          do this.nextId = this.nextId < 65535 ? this.nextId + 1 : 1;
          while (this.outId.indexOf(this.nextId) >= 0);
          this.send(this.header((SUBSCRIBE << 4) | 2, len, this.nextId));
          for (at = 0; at < this.subPid.length; at++)
            if (this.subTopic[at] && (!mul || !this.subPid[at])) {
              this.subPid[at] = this.nextId;
              this.send(this.subTopic[at], 1);
              this.send(String.fromCharCode(this.subQos[at]));
            }
          this.txPackets++;
        }
        // ...then resend what is still in flight, in order: PUBREL, or the PUBLISH with DUP set.
        for (at = 0; at < this.outId.length; at++) {
          b = this.outFlags[at];
          if ((b & 3) === AWAIT_PUBCOMP)
            this.send(String.fromCharCode(0x62, 2, this.outId[at] >> 8, this.outId[at] & 255), 2); // PUBREL
          else if (b & 3) {
            this.send(this.header((PUBLISH << 4) | 8 | ((b & 3) === AWAIT_PUBACK ? 2 : 4) | (b & RETAIN_BIT ? 1 : 0),
              4 + this.outTopic[at].length + this.outPayload[at].length, this.outTopic[at].length) + this.outTopic[at]);
            this.send(String.fromCharCode(this.outId[at] >> 8, this.outId[at] & 255));
            if (this.outPayload[at].length) this.send(this.outPayload[at]);
            this.txPackets++;
          }
        }
        if (this.h.connected) this.h.connected(mul === 1);
      } else if (b === PUBLISH) {
        // len becomes the QoS, start the packet id
        len = (mul >> 1) & 3;
        if (len === 3) return this.fail(CLOSE_BAD_FLAGS, PUBLISH);
        start = pos - at >= 2 ? (buf.charCodeAt(at) << 8) | buf.charCodeAt(at + 1) : -1; // topic length
        if (start < 1 || at + 2 + start + (len ? 2 : 0) > pos) return this.fail(CLOSE_PROTOCOL, PUBLISH);
        var topic = buf.substr(at + 2, start);
        if (topic.indexOf("+") >= 0 || topic.indexOf("#") >= 0) return this.fail(CLOSE_BAD_TOPIC, PUBLISH);
        at += 2 + start;
        start = 0;
        if (len) {
          start = (buf.charCodeAt(at) << 8) | buf.charCodeAt(at + 1);
          at += 2;
          if (!start) return this.fail(CLOSE_ZERO_PACKET_ID, PUBLISH);
          if (len === 2) {
            if (this.inId.indexOf(start) >= 0) {
              this.send(String.fromCharCode(PUBREC << 4, 2, start >> 8, start & 255), 2); // a duplicate: delivered already
              continue;
            }
            // The id only guards against the broker resending this PUBLISH before it saw our PUBREC; when the
            // table is full the oldest entry (whose PUBREC went out first) is the safest to forget.
            var slot = this.inId.indexOf(0);
            if (slot < 0) {
              slot = this.inNext || 0;
              this.inNext = (slot + 1) % this.inId.length;
            }
            this.inId[slot] = start;
          }
        }
        if (this.h.message) {
          try {
            this.h.message(topic, this.opt.payloadView ? this.opt.payloadView(buf, at, pos, topic) : buf.substr(at, pos - at), len,
              (mul & 1) === 1);
          } catch (e) {
            this.dropped++;
          }
        }
        if (this.link && len) this.send(String.fromCharCode((len === 1 ? PUBACK : PUBREC) << 4, 2, start >> 8, start & 255), 2);
      } else {
        // Any other packet: b is its type, mul its flags, buf[at, at+len) its variable header; start becomes the
        // packet id, at (once read) a table index.
        if (b === PUBREL ? mul !== 2 : mul) return this.fail(CLOSE_BAD_FLAGS, b);
        start = len >= 2 ? (buf.charCodeAt(at) << 8) | buf.charCodeAt(at + 1) : 0;
        if (b === PUBACK || b === PUBREC || b === PUBCOMP || b === PUBREL || b === UNSUBACK) {
          if (len !== 2) return this.fail(CLOSE_PROTOCOL, b);
          if (!start) return this.fail(CLOSE_ZERO_PACKET_ID, b);
        }
        if (b === PUBACK || b === PUBCOMP) {
          at = this.outId.indexOf(start);
          if (at >= 0 && (this.outFlags[at] & 3) === (b === PUBACK ? AWAIT_PUBACK : AWAIT_PUBCOMP)) {
            this.outId[at] = 0;
            this.outFlags[at] = FREE;
            delete this.outTopic[at];
            delete this.outPayload[at];
            if (this.h.delivered) this.h.delivered(start);
          }
        } else if (b === PUBREC) {
          at = this.outId.indexOf(start);
          if (at >= 0 && (this.outFlags[at] & 3) !== AWAIT_PUBACK) {
            // The broker has it: drop the payload reference now, only the id is still needed.
            this.outFlags[at] = AWAIT_PUBCOMP;
            delete this.outTopic[at];
            delete this.outPayload[at];
          }
          this.send(String.fromCharCode(0x62, 2, start >> 8, start & 255), 2); // PUBREL
        } else if (b === PUBREL) {
          at = this.inId.indexOf(start);
          if (at >= 0) this.inId[at] = 0;
          this.send(String.fromCharCode(PUBCOMP << 4, 2, start >> 8, start & 255), 2);
        } else if (b === SUBACK) {
          if (len < 3 || !start) return this.fail(CLOSE_PROTOCOL, b);
          var codes: number[] = [];
          for (at += 2; at < pos; at++) {
            mul = buf.charCodeAt(at);
            if (mul > 2 && mul !== 0x80) return this.fail(CLOSE_PROTOCOL, SUBACK);
            codes.push(mul);
          }
          // Codes come in the order the topics went out; a refused topic is forgotten, not retried forever.
          mul = 0;
          for (at = 0; at < this.subPid.length; at++)
            if (this.subTopic[at] && this.subPid[at] === start && codes[mul++] === 0x80) delete this.subTopic[at];
          if (this.h.subscribed) this.h.subscribed(start, codes);
        } else if (b === UNSUBACK) {
          if (this.h.unsubscribed) this.h.unsubscribed(start);
        } else if (b === PINGRESP) {
          if (len) return this.fail(CLOSE_PROTOCOL, b);
          this.pingAt = 0;
        } else {
          return this.fail(CLOSE_PROTOCOL, b);
        }
      }
    }
    if (this.link && pos < buf.length) this.rx = pos ? buf.substr(pos) : buf;
  }

  // ---- what the application calls ----

  /** Publish; returns the packet id (QoS>0), 0 (QoS0 sent) or an ERR_* code (<0: nothing sent, keep the message). */
  publish(topic: string, payload: string, qos: number, retain: boolean): number {
    // No locals and no helper calls on the QoS0 path: on Espruino each costs JsVars on every publish.
    if (this.state !== UP) return ERR_NOT_CONNECTED;
    if (typeof topic !== "string" || !topic || topic.length > 65535 || topic.indexOf("+") >= 0 || topic.indexOf("#") >= 0)
      return ERR_BAD_TOPIC;
    if (qos !== 0 && qos !== 1 && qos !== 2) return ERR_BAD_QOS;
    if (this.unsent > 0 && this.unsent + 2 + (qos ? 2 : 0) + topic.length + payload.length > this.sendWindow) return ERR_BUSY;
    if (qos) {
      var slot = this.outId.indexOf(0);
      if (slot < 0) return ERR_INFLIGHT_FULL;
      // Next packet id in 1..65535, skipping ids still in flight.
      do this.nextId = this.nextId < 65535 ? this.nextId + 1 : 1;
      while (this.outId.indexOf(this.nextId) >= 0);
      this.outId[slot] = this.nextId;
      this.outFlags[slot] = (qos === 1 ? AWAIT_PUBACK : AWAIT_PUBREC) | (retain ? RETAIN_BIT : 0);
      this.outTopic[slot] = topic;
      this.outPayload[slot] = payload;
      this.send(this.header((PUBLISH << 4) | (qos === 1 ? 2 : 4) | (retain ? 1 : 0), 4 + topic.length + payload.length,
        topic.length) + topic);
      this.send(String.fromCharCode(this.nextId >> 8, this.nextId & 255));
      if (payload.length) this.send(payload);
      this.txPackets++;
      return this.nextId;
    }
    // QoS0: remaining length 2 + topic + payload in one or two bytes (16 KB and more go the general way), written
    // straight to the link
    this.unsent += 4 + topic.length + payload.length;
    this.lastTx = this.now;
    if (2 + topic.length + payload.length > 16383) {
      this.unsent += 2;
      (this.link as MqttSocket).write(this.header(PUBLISH << 4 | (retain ? 1 : 0), 2 + topic.length + payload.length, topic.length));
    } else if (2 + topic.length + payload.length > 127) {
      this.unsent++;
      (this.link as MqttSocket).write(String.fromCharCode(PUBLISH << 4 | (retain ? 1 : 0), ((2 + topic.length + payload.length) & 127) | 128,
        (2 + topic.length + payload.length) >> 7, topic.length >> 8, topic.length & 255));
    } else {
      (this.link as MqttSocket).write(String.fromCharCode(PUBLISH << 4 | (retain ? 1 : 0), 2 + topic.length + payload.length, topic.length >> 8, topic.length & 255));
    }
    (this.link as MqttSocket).write(topic);
    if (payload.length) (this.link as MqttSocket).write(payload);
    this.txPackets++;
    return 0;
  }

  /** Subscribe to one topic or several in one packet; remembered and restored if the broker loses the session.
   *  Returns the packet id, 0 when queued until connected, or ERR_TABLE_FULL. */
  subscribe(topic: string | string[], qos: number | number[]): number {
    var topics = typeof topic === "string" ? [topic] : topic;
    for (var i = 0; i < topics.length; i++) {
      var slot = this.subTopic.indexOf(topics[i]);
      if (slot < 0) for (slot = 0; this.subTopic[slot]; slot++); // the first free entry
      if (slot >= this.subPid.length) return ERR_TABLE_FULL;
      this.subTopic[slot] = topics[i];
      this.subQos[slot] = typeof qos === "number" ? qos : qos[i];
      this.subPid[slot] = 0;
    }
    if (this.state !== UP) return 0;
    // One SUBSCRIBE with the topics not yet sent.
    var len = 2;
    for (i = 0; i < this.subPid.length; i++) if (this.subTopic[i] && !this.subPid[i]) len += 3 + this.subTopic[i].length;
    if (len === 2) return 0;
    do this.nextId = this.nextId < 65535 ? this.nextId + 1 : 1;
    while (this.outId.indexOf(this.nextId) >= 0);
    this.send(this.header((SUBSCRIBE << 4) | 2, len, this.nextId));
    for (i = 0; i < this.subPid.length; i++)
      if (this.subTopic[i] && !this.subPid[i]) {
        this.subPid[i] = this.nextId;
        this.send(this.subTopic[i], 1);
        this.send(String.fromCharCode(this.subQos[i]));
      }
    this.txPackets++;
    return this.nextId;
  }

  /** Unsubscribe; returns the packet id, or 0 when not connected (the topics are forgotten either way). */
  unsubscribe(topic: string | string[]): number {
    var topics = typeof topic === "string" ? [topic] : topic;
    var len = 0;
    for (var i = 0; i < topics.length; i++) {
      var slot = this.subTopic.indexOf(topics[i]);
      if (slot >= 0) delete this.subTopic[slot];
      len += 2 + topics[i].length;
    }
    if (this.state !== UP) return 0;
    do this.nextId = this.nextId < 65535 ? this.nextId + 1 : 1;
    while (this.outId.indexOf(this.nextId) >= 0);
    this.send(this.header((UNSUBSCRIBE << 4) | 2, len + 2, this.nextId));
    for (i = 0; i < topics.length; i++) this.send(topics[i], 1);
    this.txPackets++;
    return this.nextId;
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
    return !qos || this.outId.indexOf(0) >= 0;
  }

  // ---- internals ----

  /** Writes one piece of a packet; mode 1 puts its 16-bit length first, mode 2 counts a whole packet written. */
  send(s: string, mode?: number): void {
    if ((mode as number) & 1) s = String.fromCharCode(s.length >> 8, s.length & 255) + s;
    if ((mode as number) & 2) this.txPackets++;
    this.unsent += s.length;
    this.lastTx = this.now;
    (this.link as MqttSocket).write(s);
  }

  /**
   * Fixed header (packet type and flags, remaining length in 1-4 bytes) followed by the packet's first 16-bit field
   * (topic length or packet id), as one string.
   */
  header(first: number, len: number, field: number): string {
    var f = String.fromCharCode;
    if (len < 128) return f(first, len, field >> 8, field & 255);
    if (len < 16384) return f(first, (len & 127) | 128, len >> 7, field >> 8, field & 255);
    if (len < 2097152) return f(first, (len & 127) | 128, ((len >> 7) & 127) | 128, len >> 14, field >> 8, field & 255);
    return f(first, (len & 127) | 128, ((len >> 7) & 127) | 128, ((len >> 14) & 127) | 128, len >> 21, field >> 8, field & 255);
  }

  /** Close the link for a reason; schedule a reconnect unless stopped or paused. */
  fail(reason: number, detail: number): void {
    var link = this.link;
    if (this.state && this.state !== PAUSED) {
      // Not IDLE (0 or never started) nor paused: full jitter, a random delay up to an exponentially growing cap.
      this.state = WAITING;
      var cap = Math.min(this.opt.backoffMax || 60000, (this.opt.backoffMin || 1000) * Math.pow(2, this.attempt));
      if (this.attempt < 16) this.attempt++;
      this.reconnectAt = this.now + Math.floor((this.opt.random || Math.random)() * cap);
    }
    this.link = null;
    this.connected = false;
    this.pingAt = 0;
    this.rx = "";
    this.skip = 0;
    this.lastReason = reason;
    this.lastDetail = detail;
    if (link) link.end();
    if (this.h.closed) this.h.closed(reason, detail);
  }
}

// Defaults on the prototype: an instance holds a field only once it differs from these. Only the fields callers
// read have one; every internal field is written before it is read (state and nextId treat undefined as 0).
var P = MqttClient.prototype;
P.connected = false;
P.sessionPresent = false;
P.txPackets = 0;
P.rxPackets = 0;
P.reconnects = 0;
P.dropped = 0;
P.oversize = 0;
P.lastReason = CLOSE_NORMAL;
P.lastDetail = 0;

/** Members no caller needs by name: the device build shortens them (terser property mangling). */
export var MQTT_CLIENT_INTERNALS = [
  "opt", "h", "state", "link", "openedAt", "upSince", "reconnectAt", "attempt", "lastTx",
  "lastRx", "pingAt", "unsent", "nextId", "opened", "rx", "skip", "outId", "outFlags", "outTopic", "outPayload",
  "inId", "inNext", "subTopic", "subQos", "subPid", "send", "header", "fail",
];
