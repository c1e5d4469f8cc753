// Keeps the station connected: connect at start, reconnect with exponential backoff after a failure or a
// drop, and tell the app when the link comes and goes (it pauses and resumes MQTT accordingly).
// Talks to Espruino's ESP32 Wifi module (connect(ssid, {password}, cb), events connected/disconnected,
// getStatus()); tests pass a double with the same shape.

export interface WifiApi {
  connect(ssid: string, options: { password: string }, callback: (err: any) => void): void;
  disconnect(callback?: () => void): void;
  on(event: string, listener: (details?: any) => void): void;
  getStatus(): any;
  getDetails?(): any;
}

export interface WifiHandlers {
  up(): void;
  down(): void;
  log(line: string): void;
}

var OFF = 0;
var CONNECTING = 1;
var UP = 2;
var WAIT = 3;

/** A connect attempt that neither succeeds nor fails in this long is abandoned and retried. */
var CONNECT_TIMEOUT = 30000;

export class WifiKeeper {
  wifi: WifiApi;
  ssid: string;
  password: string;
  h: WifiHandlers;
  state: number;
  now: number;
  retryAt: number;
  attemptAt: number;
  failures: number;
  backoffMin: number;
  backoffMax: number;
  /** Times the link came up (the first connect included). */
  connects: number;

  constructor(wifi: WifiApi, ssid: string, password: string, handlers: WifiHandlers) {
    this.wifi = wifi;
    this.ssid = ssid;
    this.password = password;
    this.h = handlers;
    this.state = OFF;
    this.now = 0;
    this.retryAt = 0;
    this.attemptAt = 0;
    this.failures = 0;
    this.backoffMin = 2000;
    this.backoffMax = 60000;
    this.connects = 0;
    var self = this;
    wifi.on("connected", function () {
      self.onUp();
    });
    wifi.on("disconnected", function (details?: any) {
      self.onDown(details && details.reason ? "" + details.reason : "link lost");
    });
  }

  isUp(): boolean {
    return this.state === UP;
  }

  start(now: number): void {
    this.now = now;
    this.attempt();
  }

  attempt(): void {
    var self = this;
    this.state = CONNECTING;
    this.attemptAt = this.now;
    try {
      this.wifi.connect(this.ssid, { password: this.password }, function (err: any) {
        if (err) self.onDown("" + err);
        else self.onUp();
      });
    } catch (e) {
      this.onDown("" + e);
    }
  }

  onUp(): void {
    if (this.state === UP) return;
    this.state = UP;
    this.failures = 0;
    this.connects++;
    this.h.log("wifi: connected to " + this.ssid);
    this.h.up();
  }

  onDown(reason: string): void {
    var wasUp = this.state === UP;
    if (this.state === WAIT) return;
    this.state = WAIT;
    var delay = Math.min(this.backoffMax, this.backoffMin * Math.pow(2, this.failures));
    if (this.failures < 16) this.failures++;
    this.retryAt = this.now + delay;
    this.h.log("wifi: " + (wasUp ? "lost " : "cannot join ") + this.ssid + " (" + reason + "), retry in " + Math.round(delay / 1000) + " s");
    if (wasUp) this.h.down();
  }

  /** Call about once a second. */
  tick(now: number): void {
    this.now = now;
    if (this.state === WAIT && now >= this.retryAt) this.attempt();
    else if (this.state === CONNECTING && now - this.attemptAt > CONNECT_TIMEOUT) this.onDown("timeout");
  }

  /** Signal strength in dBm while connected, else null. */
  rssi(): number | null {
    if (this.state !== UP) return null;
    try {
      // ESP32 Espruino reports rssi in getStatus(); other builds (ESP8266) in getDetails().
      var st = this.wifi.getStatus();
      if (st && typeof st.rssi === "number") return st.rssi;
      st = this.wifi.getDetails ? this.wifi.getDetails() : null;
      return st && typeof st.rssi === "number" ? st.rssi : null;
    } catch (e) {
      return null;
    }
  }
}
