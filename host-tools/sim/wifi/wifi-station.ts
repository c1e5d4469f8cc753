// The ESP32 Wi-Fi station as Espruino's `require("Wifi")` drives it, joined to the simulated access point.
// Follows libs/network/esp32/jswrap_esp32_network.c (ESP-IDF 4 event handler):
// - connect(ssid, {password}, cb): up to 3 attempts (s_retry_num); cb(null) once an IP is assigned, or
//   cb("<REASON>") (e.g. "NO_AP_FOUND") when the last attempt fails; failures in between are silent;
// - events (queued): "associated" {ssid, mac, channel:"6"}, "connected" {ip, netmask, gw},
//   "disconnected" {ssid, mac, reason:"<code>", msg:"<REASON>"};
// - a lost link is retried silently with the attempts left; when none are left "disconnected" is emitted and the
//   radio stops (esp_wifi_stop): nothing reconnects until connect() is called again;
// - getStatus(): {station:"connected", ssid, bssid, channel, rssi, htMode, authMode, mode:"STA", powersave} or
//   {station:"<last REASON>", mode:"NULL", powersave}; getDetails(): {ssid, password, status:"connected", authMode}
//   or {status:"<last REASON>"}; getIP(): {ip, netmask, gw, mac}.
import { AP_NETWORK, type AccessPointState } from "./access-point.ts";

/** ESP-IDF wifi_err_reason_t codes the simulation produces. */
export const WIFI_REASON = {
  ASSOC_LEAVE: 8,
  "4WAY_HANDSHAKE_TIMEOUT": 15,
  BEACON_TIMEOUT: 200,
  NO_AP_FOUND: 201,
} as const;

/** wifiReasonToString(): the name for a reason code ("Unknown reason" before any disconnection). */
export function wifiReasonName(code: number): string {
  for (const [name, value] of Object.entries(WIFI_REASON)) if (value === code) return name;
  return "Unknown reason";
}

/** jswrap_wifi_connect sets s_retry_num = 3: three attempts before a failure is reported. */
export const CONNECT_ATTEMPTS = 3;
export const WIFI_TIMING = { associateMs: 120, dhcpMs: 80, noApMs: 600, handshakeFailMs: 300, scanMs: 250 };
const CHANNEL = 6;
/** Default ESP-IDF 4 power save mode (WIFI_PS_MIN_MODEM). */
const POWERSAVE = "min_modem";

export interface WifiEventSink {
  emit(event: string, details: Record<string, unknown>): void;
  callback(fn: unknown, args: unknown[]): void;
  /** The link went down: sockets must close with an error. */
  linkLost(): void;
}

export class WifiStation {
  /** g_isStaConnected: associated with the AP (stays set during silent reconnect attempts). */
  private associated = false;
  /** An IP address is assigned and packets flow (sockets may open). */
  private linkUp = false;
  private running = false;
  private retriesLeft = 0;
  private lastReason = 0;
  private ssid = "";
  private password = "";
  private hostname = "espruino";
  /** g_jsGotIpCallback: the connect() callback still waiting for an outcome. */
  private gotIpCallback: unknown;
  /** g_jsDisconnectCallback. */
  private disconnectCallback: unknown;
  private timer: NodeJS.Timeout | undefined;
  private rssi = -55;
  readonly mac: string;

  constructor(
    private ap: AccessPointState,
    private readonly sink: () => WifiEventSink,
    macSuffix: number,
  ) {
    this.mac = `24:0a:c4:${[macSuffix >> 16, macSuffix >> 8, macSuffix].map((b) => (b & 0xff).toString(16).padStart(2, "0")).join(":")}`;
  }

  /** Sockets can open (the station has an IP address). */
  get connected(): boolean {
    return this.linkUp;
  }

  connect(ssid: string, password: string, callback: unknown): void {
    this.disconnectCallback = undefined;
    this.ssid = ssid;
    this.password = password;
    this.retriesLeft = CONNECT_ATTEMPTS;
    this.gotIpCallback = callback;
    this.running = true;
    if (this.associated) {
      // already connected: esp_wifi_disconnect(); the ASSOC_LEAVE uses one attempt and the station reconnects
      this.cancelTimer();
      this.dropLink();
      this.disconnected(WIFI_REASON.ASSOC_LEAVE);
    } else {
      this.cancelTimer();
      this.attempt();
    }
  }

  /** .wificfg at boot (jswrap_wifi_restore): one attempt, no callback. */
  restore(ssid: string, password: string): void {
    this.ssid = ssid;
    this.password = password;
    this.retriesLeft = 0;
    this.running = true;
    this.cancelTimer();
    this.attempt();
  }

  disconnect(callback: unknown): void {
    this.disconnectCallback = callback;
    this.retriesLeft = 0;
    // the callback is queued right away, and again with the disconnection event when there is one (as the firmware)
    if (typeof callback === "function") this.sink().callback(callback, []);
    if (this.associated || this.timer) {
      this.cancelTimer();
      this.dropLink();
      this.disconnected(WIFI_REASON.ASSOC_LEAVE);
    }
    this.running = false;
  }

  /** The access point changed (wifiDown/wifiUp from the host). */
  setAccessPoint(ap: AccessPointState): void {
    const wasUp = this.ap.up;
    this.ap = ap;
    if (wasUp && !ap.up && this.linkUp) {
      this.dropLink();
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.disconnected(WIFI_REASON.BEACON_TIMEOUT);
      }, WIFI_TIMING.associateMs);
    }
  }

  /** Board power-off or reboot: the radio stops without events. */
  shutdown(): void {
    this.cancelTimer();
    this.associated = false;
    this.linkUp = false;
    this.running = false;
    this.gotIpCallback = undefined;
    this.disconnectCallback = undefined;
  }

  ip(): Record<string, string> {
    const up = this.linkUp;
    return {
      ip: up ? AP_NETWORK.ip : "0.0.0.0",
      netmask: up ? AP_NETWORK.netmask : "0.0.0.0",
      gw: up ? AP_NETWORK.gw : "0.0.0.0",
      mac: this.mac,
    };
  }

  statusObject(): Record<string, unknown> {
    if (this.associated) {
      this.rssi = -52 - Math.round(Math.random() * 8);
      return {
        station: "connected", ssid: this.ssid, bssid: AP_NETWORK.apMac, channel: CHANNEL, rssi: this.rssi,
        htMode: "HT20", authMode: "wpa2", mode: "STA", powersave: POWERSAVE,
      };
    }
    return { station: wifiReasonName(this.lastReason), mode: "NULL", powersave: POWERSAVE };
  }

  details(): Record<string, unknown> {
    if (this.associated) return { ssid: this.ssid, password: this.password, status: "connected", authMode: "wpa2" };
    return { status: wifiReasonName(this.lastReason) };
  }

  scan(callback: unknown): void {
    setTimeout(() => {
      const found: Record<string, unknown>[] = [
        { rssi: -81, authMode: "wpa2", ssid: "neighbour-2g", mac: "a4:2b:b0:11:22:33", channel: "1" },
      ];
      if (this.ap.up) found.unshift({ rssi: -55, authMode: "wpa2", ssid: this.ap.ssid, mac: AP_NETWORK.apMac, channel: String(CHANNEL) });
      this.sink().callback(callback, [found]);
    }, WIFI_TIMING.scanMs);
  }

  setHostname(name: string): void {
    this.hostname = name;
  }

  getHostname(): string {
    return this.hostname;
  }

  /** What Wifi.save() writes to .wificfg (jswrap_wifi_save): mode 1 = STA, sleepType 1 = min modem. */
  savedConfig(): Record<string, unknown> {
    return {
      ssid: this.ssid, password: this.password, mode: this.running ? 1 : 0, sleepType: 1,
      ssidAP: "", passwordAP: "", authmodeAP: 0, hiddenAP: 0, channelAP: 0, hostname: this.hostname,
    };
  }

  private attempt(): void {
    if (!this.ap.up || this.ap.ssid !== this.ssid) {
      this.timer = setTimeout(() => this.failedAttempt(WIFI_REASON.NO_AP_FOUND), WIFI_TIMING.noApMs);
      return;
    }
    if (this.ap.password !== this.password) {
      this.timer = setTimeout(() => this.failedAttempt(WIFI_REASON["4WAY_HANDSHAKE_TIMEOUT"]), WIFI_TIMING.handshakeFailMs);
      return;
    }
    this.timer = setTimeout(() => {
      if (!this.ap.up) return this.failedAttempt(WIFI_REASON.NO_AP_FOUND);
      this.associated = true;
      this.sink().emit("associated", { ssid: this.ssid, mac: AP_NETWORK.apMac, channel: String(CHANNEL) });
      this.timer = setTimeout(() => {
        this.timer = undefined;
        if (!this.ap.up) return this.disconnected(WIFI_REASON.BEACON_TIMEOUT);
        this.linkUp = true;
        // SYSTEM_EVENT_STA_GOT_IP: the connect callback is queued before the "connected" event
        this.finishConnect(null);
        this.sink().emit("connected", { ip: AP_NETWORK.ip, netmask: AP_NETWORK.netmask, gw: AP_NETWORK.gw });
      }, WIFI_TIMING.dhcpMs);
    }, WIFI_TIMING.associateMs);
  }

  private failedAttempt(reason: number): void {
    this.timer = undefined;
    this.disconnected(reason);
  }

  /** SYSTEM_EVENT_STA_DISCONNECTED: retry while attempts are left, else report it and stop the radio. */
  private disconnected(reason: number): void {
    if (--this.retriesLeft > 0) {
      this.attempt();
      return;
    }
    this.associated = false;
    this.linkUp = false;
    this.lastReason = reason;
    const callback = this.disconnectCallback;
    this.disconnectCallback = undefined;
    if (typeof callback === "function") this.sink().callback(callback, []);
    this.sink().emit("disconnected", { ssid: this.ssid, mac: AP_NETWORK.apMac, reason: String(reason), msg: wifiReasonName(reason) });
    this.finishConnect(wifiReasonName(reason));
    this.running = false;
  }

  private dropLink(): void {
    if (!this.linkUp) return;
    this.linkUp = false;
    this.sink().linkLost();
  }

  private finishConnect(err: string | null): void {
    const callback = this.gotIpCallback;
    this.gotIpCallback = undefined;
    if (callback) this.sink().callback(callback, [err]);
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
