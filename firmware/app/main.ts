// Firmware entry (built to dist/firmware/app.js, stored on the board as .bootcde): wires Espruino's globals into
// the sensor node and starts it once the board is provisioned. Never crash-loops: without a usable config it
// says so on the console and polls for espnode.cfg.

import { SensorNode, Platform } from "./sensor-node.ts";
import { loadConfig } from "./config-store.ts";
import { FlashStorage } from "./outbox.ts";
import { openEspruinoLink, zeroCopy } from "../board/mqtt-link.ts";
import { storageFlash } from "../board/storage-flash.ts";
import type { MqttClient } from "../mqtt/client.ts";

// Module-local: the global ones are typed by @types/node for host code.
declare var globalThis: any;
declare function require(name: "Storage"): EspruinoStorage;
declare function require(name: "Wifi"): EspruinoWifi;
declare function require(name: "crypto"): { SHA256(s: string): ArrayBuffer };
declare var process: { memory(gc?: boolean): EspruinoMemory };

/** Seconds without a tick before the hardware watchdog reboots the board (TLS handshakes block for a few). */
var WATCHDOG_SECONDS = 30;
var PROVISION_POLL_MS = 5000;
/** ESP32 default I2C pins. */
var I2C_SCL = D22;
var I2C_SDA = D21;

var storage = require("Storage");

var flash: FlashStorage = storageFlash();

var led = typeof LED1 !== "undefined" ? LED1 : D2;

function blink(times: number): void {
  var left = times * 2;
  var on = false;
  var timer = setInterval(function () {
    on = !on;
    digitalWrite(led, on);
    if (--left <= 0) {
      clearInterval(timer);
      digitalWrite(led, 0);
    }
  }, 200);
}

var i2cReady = false;

var platform: Platform = {
  now: function () {
    return Date.now();
  },
  log: function (line: string) {
    console.log(line);
  },
  storage: flash,
  wifi: require("Wifi"),
  openLink: function (client: MqttClient, host: string, port: number, tls: boolean, ca?: string, cert?: string, key?: string) {
    // Storage.read gives a memory-mapped string on an ESP32: the DER goes from flash to mbedTLS without a RAM copy.
    openEspruinoLink(client, host, port, tls, ca && storage.read(ca), cert && storage.read(cert), key && storage.read(key));
  },
  sensors: {
    getTemperature: function () {
      return E.getTemperature();
    },
    analogRead: function (pin: number) {
      return analogRead(pin);
    },
    i2c: function () {
      if (!i2cReady) I2C1.setup({ scl: I2C_SCL, sda: I2C_SDA });
      i2cReady = true;
      return I2C1;
    },
  },
  freeMem: function () {
    return process.memory().free;
  },
  blink: blink,
  reboot: function () {
    ESP32.reboot();
  },
  deepSleep: function (us: number) {
    ESP32.deepSleep(us);
  },
  kickWatchdog: function () {
    E.kickWatchdog();
  },
  later: function (fn: () => void, ms: number) {
    setTimeout(fn, ms);
  },
  crc32: function (s: string) {
    return E.CRC32(s);
  },
  sha256: function (s: string) {
    // The firmware returns an ArrayBuffer; the HMAC code works on byte strings.
    var u = new Uint8Array(require("crypto").SHA256(s));
    var r = "";
    for (var i = 0; i < u.length; i++) r += String.fromCharCode(u[i]);
    return r;
  },
  view: zeroCopy,
  // Set by the .bootcde loader (espnode deploy): the Storage file this app was evaluated from.
  slot: typeof globalThis.__espnodeApp === "string" ? globalThis.__espnodeApp : "",
  copy: function (s: string) {
    // E.toString needs one contiguous block; when memory is too fragmented for that it returns undefined.
    var c = E.toString(s);
    return c === undefined ? s : c;
  },
};

var lastProblem = "";
var provisionTimer: any = null;

function startWhenProvisioned(): boolean {
  var loaded = loadConfig(flash);
  if (!loaded.config) {
    if (loaded.problem !== lastProblem) console.log(loaded.problem);
    lastProblem = loaded.problem;
    return false;
  }
  if (provisionTimer) clearInterval(provisionTimer);
  provisionTimer = null;
  var node = new SensorNode(loaded.config, platform);
  // Reachable from the REPL for diagnosis (espnode.outbox.waiting, E.getSizeOf(espnode)).
  globalThis.espnode = node;
  E.enableWatchdog(WATCHDOG_SECONDS, false);
  node.start();
  setInterval(function () {
    node.tick();
  }, 1000);
  return true;
}

if (!startWhenProvisioned()) provisionTimer = setInterval(startWhenProvisioned, PROVISION_POLL_MS);
