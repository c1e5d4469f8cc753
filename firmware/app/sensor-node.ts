// The sensor node: keeps Wi-Fi and MQTT up, publishes telemetry through the flash outbox, answers commands and
// announces itself to Home Assistant. Everything board-specific comes in through Platform, so the same code runs
// on Espruino (main.ts wires the real globals) and in Node tests against a real broker.
// Device code: ES5-safe. Per tick it allocates nothing but what the MQTT client and one telemetry round need.

import { MqttClient } from "../mqtt/client.ts";
import { closeReasonName, CLOSE_REFUSED } from "../mqtt/constants.ts";
import { DeviceConfig, parseBrokerUrl, redactConfig } from "../protocol/config.ts";
import { telemetryLine } from "../protocol/telemetry-line.ts";
import { SensorSet, SensorHardware } from "../sensors/sensor-set.ts";
import { Outbox, FlashStorage } from "./outbox.ts";
import { WifiKeeper, WifiApi } from "./wifi.ts";
import { telemetryJson } from "./telemetry.ts";
import { commandReply, CommandTarget } from "./commands.ts";
import { discoveryFields, discoveryTopic, discoveryPayload, HA_STATUS_TOPIC } from "./discovery.ts";
import { saveConfig } from "./config-store.ts";
import { SleepPlan } from "./sleep.ts";
import { OtaReceiver } from "./ota.ts";
import { OTA_BEGIN, OTA_DATA, OTA_STATUS, INFO } from "../protocol/ota.ts";

/** What the node needs from the board. */
export interface Platform {
  /** Milliseconds, never going backwards. */
  now(): number;
  /** One console line. */
  log(line: string): void;
  storage: FlashStorage;
  wifi: WifiApi;
  /** Opens the socket the client asked for and wires it (Espruino: openEspruinoLink); ca/cert/key name the Storage
   *  files holding them (DER). May throw: the reason is logged and the client retries. */
  openLink(client: MqttClient, host: string, port: number, tls: boolean, ca?: string, cert?: string, key?: string): void;
  sensors: SensorHardware;
  /** Free JsVars (Espruino: process.memory().free). */
  freeMem(): number;
  blink(times: number): void;
  reboot(): void;
  deepSleep(microseconds: number): void;
  kickWatchdog(): void;
  /** Runs fn once after ms (setTimeout). */
  later(fn: () => void, ms: number): void;
  /** RAM copy of a string read from flash (Espruino: E.toString). */
  copy?(s: string): string;
  /** For app updates over MQTT (without them the node takes none): E.CRC32, require("crypto").SHA256 as a byte
   *  string, and the Storage slot the loader booted. */
  crc32?(s: string): number;
  sha256?(s: string): string;
  slot?: string;
  /** bytes[start, end) without a copy (Espruino: zeroCopy, a Uint8Array over the received chunk): app chunks arrive so. */
  view?(bytes: string, start: number, end: number): Uint8Array;
}

/** Outbox geometry: 64 slots of 192 bytes (12 KiB, twice that while recycling); at most 48 records wait. */
export var OUTBOX_NAME = "espnode.ob";
export var OUTBOX_SLOTS = 64;
export var OUTBOX_SLOT_SIZE = 192;
export var OUTBOX_CAPACITY = 48;
/** First telemetry this long after boot, so sensors and Wi-Fi settle. */
var FIRST_TELEMETRY_MS = 2000;

export class SensorNode implements CommandTarget {
  cfg: DeviceConfig;
  p: Platform;
  base: string;
  telemetryTopic: string;
  statusTopic: string;
  cmdTopic: string;
  replyTopic: string;
  infoTopic: string;
  otaTopic: string;
  otaDataTopic: string;
  otaStatusTopic: string;
  /** Updates over MQTT; null when the platform cannot take them. */
  ota: OtaReceiver | null;
  /** The retained info still has to be published after (re)connecting. */
  infoPending: boolean;
  client: MqttClient;
  wifi: WifiKeeper;
  outbox: Outbox;
  sensors: SensorSet;
  sleep: SleepPlan | null;
  bootAt: number;
  nextTelemetryAt: number;
  mqttStarted: boolean;
  /** "online" still has to be published after (re)connecting. */
  onlinePending: boolean;
  /** Packet id of the last "online" publish, 0 once delivered. */
  onlinePid: number;
  /** Next discovery field to announce, -1 when done. */
  announceAt: number;
  announceList: string[];
  /** A QoS0 record waiting for the link (sleep mode publishes it after connecting). */
  qos0Record: string;
  lastClose: string;
  /** Counters for tests, benchmarks and the log. */
  telemetryCount: number;
  commandsHandled: number;
  repliesDropped: number;

  constructor(cfg: DeviceConfig, platform: Platform) {
    this.cfg = cfg;
    this.p = platform;
    this.base = cfg.prefix + "/" + cfg.id;
    this.telemetryTopic = this.base + "/telemetry";
    this.statusTopic = this.base + "/status";
    this.cmdTopic = this.base + "/cmd";
    this.replyTopic = this.base + "/reply";
    this.infoTopic = this.base + INFO;
    this.otaTopic = this.base + OTA_BEGIN;
    this.otaDataTopic = this.base + OTA_DATA;
    this.otaStatusTopic = this.base + OTA_STATUS;
    this.infoPending = false;
    this.sensors = new SensorSet(cfg.sensors, platform.sensors);
    this.outbox = new Outbox(platform.storage, {
      name: OUTBOX_NAME, slots: OUTBOX_SLOTS, slotSize: OUTBOX_SLOT_SIZE, capacity: OUTBOX_CAPACITY, copy: platform.copy,
    });
    this.sleep = cfg.sleep ? new SleepPlan(cfg.interval) : null;
    this.bootAt = 0;
    this.nextTelemetryAt = 0;
    this.mqttStarted = false;
    this.onlinePending = false;
    this.onlinePid = 0;
    this.announceAt = -1;
    this.announceList = discoveryFields(this.sensors.fields);
    this.qos0Record = "";
    this.lastClose = "";
    this.telemetryCount = 0;
    this.commandsHandled = 0;
    this.repliesDropped = 0;

    var self = this;
    this.client = new MqttClient(
      {
        clientId: "espnode-" + cfg.id,
        keepalive: 60,
        clean: false,
        username: cfg.mqttUser,
        password: cfg.mqttPass,
        willTopic: this.statusTopic,
        willPayload: "offline",
        willQos: 1,
        willRetain: true,
        // App chunks go straight from the received bytes to flash (a 4 KB chunk held 811 JsVars as strings, the
        // payload and then its bytes after the offset, and holds 5 as views); every other payload is a string.
        payloadView: platform.view
          ? function (bytes: string, start: number, end: number, topic: string) {
              return topic === self.otaDataTopic ? (platform.view as NonNullable<Platform["view"]>)(bytes, start, end) : bytes.substr(start, end - start);
            }
          : undefined,
      },
      {
        open: function () {
          self.openLink();
        },
        connected: function (sessionPresent: boolean) {
          self.onConnected(sessionPresent);
        },
        message: function (topic: string, payload: string | Uint8Array, qos: number, retain: boolean) {
          self.onMessage(topic, payload, retain);
        },
        delivered: function (pid: number) {
          self.onDelivered(pid);
        },
        closed: function (reason: number, detail: number) {
          self.onClosed(reason, detail);
        },
      },
    );
    this.ota = null;
    if (platform.crc32 && platform.sha256) {
      this.ota = new OtaReceiver(
        {
          storage: platform.storage,
          crc32: platform.crc32,
          sha256: platform.sha256,
          publish: function (json: string, qos: number, retain: boolean) {
            return self.client.publish(self.otaStatusTopic, json, qos, retain) >= 0;
          },
          reboot: function () {
            // Let the last status leave the socket first.
            self.p.later(function () {
              self.p.reboot();
            }, 1000);
          },
          log: function (line: string) {
            self.p.log(line);
          },
        },
        cfg.id, cfg.otaKey, platform.slot || "",
      );
      // QoS0: a transfer recovers by itself (the host announces again), and nothing queues while the node is away.
      this.client.subscribe([this.cmdTopic, HA_STATUS_TOPIC, this.otaTopic, this.otaDataTopic], [1, 0, 0, 0]);
    } else this.client.subscribe([this.cmdTopic, HA_STATUS_TOPIC], [1, 0]);
    this.wifi = new WifiKeeper(platform.wifi, cfg.ssid, cfg.wifiPass, {
      up: function () {
        self.onWifiUp();
      },
      down: function () {
        self.client.pause();
      },
      log: function (line: string) {
        self.p.log(line);
      },
    });
  }

  start(): void {
    var now = this.p.now();
    this.bootAt = now;
    this.outbox.open();
    if (this.outbox.error) this.p.log("outbox: " + this.outbox.error);
    this.p.log(
      "espnode: " + this.cfg.id + " starting, " + this.outbox.waiting + " record(s) waiting, next seq " + this.outbox.seq +
        (this.outbox.corrupt ? ", " + this.outbox.corrupt + " unreadable record(s) dropped" : ""),
    );
    if (this.sleep) {
      this.sleep.start(now);
      this.telemetry();
    } else this.nextTelemetryAt = now + FIRST_TELEMETRY_MS;
    this.wifi.start(now);
  }

  /** Call about once a second. */
  tick(): void {
    var now = this.p.now();
    this.p.kickWatchdog();
    this.wifi.tick(now);
    this.client.tick(now);
    if (!this.sleep && now >= this.nextTelemetryAt) {
      this.nextTelemetryAt = Math.max(this.nextTelemetryAt + this.cfg.interval * 1000, now + 500);
      this.telemetry();
    }
    if (this.client.connected) {
      if (this.onlinePending) this.publishOnline();
      if (this.infoPending) this.publishInfo();
      var ota = this.ota;
      if (ota) {
        ota.flush();
        // Healthy: connected, "online" delivered and telemetry sent since this boot.
        if (ota.trial && this.onlinePid === 0 && !this.onlinePending && this.telemetryCount > 0) ota.healthy();
      }
      this.flushQos0();
      this.drain();
      this.announce(this.sleep ? 8 : 1);
    }
    if (this.sleep && this.sleep.due(now, this.settled())) this.goToSleep();
  }

  // ---- Wi-Fi and MQTT ----

  onWifiUp(): void {
    if (!this.mqttStarted) {
      this.mqttStarted = true;
      this.client.start(this.p.now());
    } else this.client.resume();
  }

  openLink(): void {
    var b = parseBrokerUrl(this.cfg.broker);
    if (!b) return; // checkConfig guarantees a valid URL
    try {
      this.p.openLink(this.client, b.host, b.port, b.tls, this.cfg.ca, this.cfg.cert, this.cfg.key);
    } catch (e) {
      // e.g. "InternalError: HTTPS init failed! …": once per change, like onClosed, not once per retry.
      var why = "cannot open " + this.cfg.broker + " (" + e + ")";
      if (why !== this.lastClose) this.p.log("mqtt: " + why);
      this.lastClose = why;
      this.client.linkDown();
    }
  }

  onConnected(sessionPresent: boolean): void {
    this.lastClose = "";
    this.p.log("mqtt: connected to " + this.cfg.broker + (sessionPresent ? " (session resumed)" : ""));
    this.onlinePending = true;
    this.publishOnline();
    this.infoPending = !!this.ota;
    this.publishInfo();
    this.announceAt = 0;
    this.flushQos0();
    this.drain();
  }

  onClosed(reason: number, detail: number): void {
    var why = closeReasonName(reason, detail);
    // One line per change, not one per retry of the same failure.
    var hint = reason === CLOSE_REFUSED && (detail === 4 || detail === 5) ? ": check mqttUser/mqttPass and the broker's ACL, then run espnode provision" : "";
    if (why !== this.lastClose) this.p.log("mqtt: disconnected (" + why + ")" + hint);
    this.lastClose = why;
  }

  publishOnline(): void {
    var pid = this.client.publish(this.statusTopic, "online", 1, true);
    if (pid > 0) {
      this.onlinePending = false;
      this.onlinePid = pid;
    }
  }

  /** <base>/info, retained: what runs here (app label, CRC-32 and slot) and the largest packet the node takes. */
  publishInfo(): void {
    if (this.infoPending && this.client.publish(this.infoTopic, (this.ota as OtaReceiver).info(this.client.maxPacketSize), 1, true) > 0)
      this.infoPending = false;
  }

  onDelivered(pid: number): void {
    if (pid === this.onlinePid) this.onlinePid = 0;
    else this.outbox.delivered(pid);
    this.drain();
  }

  /** Hands waiting outbox records to the client while it has room; they leave the outbox when PUBACKed. */
  drain(): void {
    while (this.client.connected) {
      var i = this.outbox.nextUnsent();
      if (i < 0) return;
      var pid = this.client.publish(this.telemetryTopic, this.outbox.record(i), 1, false);
      if (pid <= 0) return; // in-flight table or send window full: the next ack or tick continues
      this.outbox.sent(i, pid);
    }
  }

  flushQos0(): void {
    if (this.qos0Record && this.client.publish(this.telemetryTopic, this.qos0Record, 0, false) === 0) this.qos0Record = "";
  }

  /** Publishes up to `count` discovery messages, as the send window allows. */
  announce(count: number): void {
    while (count-- > 0 && this.announceAt >= 0) {
      var field = this.announceList[this.announceAt];
      if (this.client.publish(discoveryTopic(this.cfg.id, field), discoveryPayload(this.cfg, field), 0, true) !== 0) return;
      this.announceAt++;
      if (this.announceAt >= this.announceList.length) this.announceAt = -1;
    }
  }

  /** payload: a string, or for app chunks a view when the platform has one (see payloadView above). */
  onMessage(topic: string, payload: string | Uint8Array, retain: boolean): void {
    if (typeof payload !== "string") {
      if (this.ota && !retain && topic === this.otaDataTopic) this.ota.chunk(payload);
      return;
    }
    if (topic === HA_STATUS_TOPIC) {
      if (payload === "online") this.announceAt = 0;
      return;
    }
    var ota = this.ota;
    if (ota && !retain) {
      if (topic === this.otaDataTopic) return ota.chunk(payload);
      if (topic === this.otaTopic) return ota.begin(payload);
    }
    // An empty payload is someone clearing a retained message, not a command.
    if (topic !== this.cmdTopic || !payload.length) return;
    // A retained command would run again at every connect (a retained reboot would loop forever).
    var reply = retain
      ? '{"ok":false,"error":"retained commands are ignored: publish commands without the retain flag"}'
      : commandReply(payload, this);
    this.commandsHandled++;
    if (this.client.publish(this.replyTopic, reply, 0, false) < 0) this.repliesDropped++;
  }

  // ---- telemetry ----

  telemetry(): void {
    var s = this.sensors;
    s.sample();
    var wait = this.cfg.qos === 1;
    var ob = this.outbox;
    var seq = ob.prepare(wait);
    var up = Math.floor((this.p.now() - this.bootAt) / 1000);
    var json = telemetryJson(seq, up, this.wifi.rssi(), this.p.freeMem(), ob.lost, ob.waiting, s.fields, s.values);
    var slot = ob.append(json, wait);
    this.telemetryCount++;
    this.p.log(telemetryLine(json));
    if (wait && slot >= 0) this.drain();
    else if (wait) {
      // Not storable (flash full or record too long): best effort, counted as lost when it cannot go out.
      if (this.client.publish(this.telemetryTopic, json, 1, false) <= 0) ob.lost++;
      if (ob.error) this.p.log("outbox: " + ob.error);
    } else {
      this.qos0Record = json;
      this.flushQos0();
    }
  }

  // ---- deep sleep ----

  /** Sleep mode: everything of this wake has been handed over and acknowledged. */
  settled(): boolean {
    return (
      this.client.connected && !this.onlinePending && this.onlinePid === 0 && this.outbox.waiting === 0 &&
      !this.qos0Record && this.announceAt < 0
    );
  }

  goToSleep(): void {
    var plan = this.sleep as SleepPlan;
    var self = this;
    plan.sleeping = true;
    this.p.log("sleep: " + (this.settled() ? "done" : "deadline reached, " + this.outbox.waiting + " record(s) kept") + ", sleeping " + plan.interval + " s");
    this.client.stop();
    // Let DISCONNECT leave the socket before the radio goes off.
    this.p.later(function () {
      self.p.deepSleep(plan.interval * 1e6);
    }, 300);
  }

  // ---- CommandTarget ----

  setInterval(seconds: number): string {
    this.cfg.interval = seconds;
    if (this.sleep) this.sleep.interval = seconds;
    this.nextTelemetryAt = this.p.now() + seconds * 1000;
    return saveConfig(this.p.storage, this.cfg) ? "" : "interval changed until reboot, but could not be stored in flash";
  }

  readSensor(name: string): any {
    var values = this.sensors.read(name);
    if (values) {
      var err = this.sensors.lastError(name);
      if (err) values.error = err;
    }
    return values;
  }

  sensorNames(): string[] {
    return this.sensors.names;
  }

  identify(): void {
    this.p.blink(5);
  }

  reboot(): void {
    var self = this;
    this.p.log("espnode: reboot requested over MQTT");
    this.p.later(function () {
      self.p.reboot();
    }, 1000);
  }

  config(): any {
    return redactConfig(this.cfg);
  }
}
