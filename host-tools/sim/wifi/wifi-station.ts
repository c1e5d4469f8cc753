// The ESP32 Wi-Fi station as Espruino's `require("Wifi")` drives it, joined to the simulated access point.
// Connecting takes a moment (association, then DHCP); a wrong password ends in "auth_fail", a missing AP in
// "no_ap_found". When the AP disappears the link drops ("beacon_timeout"), sockets close with an error, and the
// station keeps retrying until the AP is back, as the ESP32 port does.
import { AP_NETWORK, type AccessPointState } from "./access-point.ts";

export type StationStatus = "off" | "connecting" | "connected" | "wrong_password" | "no_ap_found" | "connect_failed";

export interface WifiEventSink {
  emit(event: string, details: Record<string, unknown>): void;
  callback(fn: unknown, args: unknown[]): void;
  /** The link went down: sockets must close with an error. */
  linkLost(): void;
}

export const WIFI_TIMING = { associateMs: 120, dhcpMs: 80, noApMs: 900, retryMs: 1500, scanMs: 250 };

export class WifiStation {
  status: StationStatus = "off";
  private ssid = "";
  private password = "";
  private hostname = "espruino";
  private pendingCallback: unknown;
  private timer: NodeJS.Timeout | undefined;
  private autoReconnect = false;
  readonly mac: string;

  constructor(
    private ap: AccessPointState,
    private readonly sink: () => WifiEventSink,
    macSuffix: number,
  ) {
    this.mac = `24:0a:c4:${[macSuffix >> 16, macSuffix >> 8, macSuffix].map((b) => (b & 0xff).toString(16).padStart(2, "0")).join(":")}`;
  }

  get connected(): boolean {
    return this.status === "connected";
  }

  connect(ssid: string, password: string, callback: unknown): void {
    if (this.status === "connected") this.dropLink("assoc_leave", false);
    this.cancelTimer();
    this.ssid = ssid;
    this.password = password;
    this.pendingCallback = callback;
    this.autoReconnect = true;
    this.attempt();
  }

  disconnect(callback: unknown): void {
    this.cancelTimer();
    this.autoReconnect = false;
    const wasConnected = this.status === "connected";
    this.status = "off";
    if (wasConnected) {
      this.sink().linkLost();
      this.sink().emit("disconnected", { ssid: this.ssid, mac: AP_NETWORK.apMac, reason: "assoc_leave" });
    }
    this.finishCallback(null);
    if (callback) this.sink().callback(callback, []);
  }

  /** The access point changed (wifiDown/wifiUp from the host). */
  setAccessPoint(ap: AccessPointState): void {
    const wasUp = this.ap.up;
    this.ap = ap;
    if (wasUp && !ap.up && this.status === "connected") {
      this.dropLink("beacon_timeout", true);
      this.scheduleRetry();
    } else if (!wasUp && ap.up && this.autoReconnect && this.status !== "connected") {
      this.cancelTimer();
      this.attempt();
    }
  }

  /** Board power-off or reboot: the radio stops without events. */
  shutdown(): void {
    this.cancelTimer();
    this.status = "off";
    this.autoReconnect = false;
    this.pendingCallback = undefined;
  }

  ip(): Record<string, string> {
    const up = this.status === "connected";
    return {
      ip: up ? AP_NETWORK.ip : "0.0.0.0",
      netmask: up ? AP_NETWORK.netmask : "0.0.0.0",
      gw: up ? AP_NETWORK.gw : "0.0.0.0",
      mac: this.mac,
    };
  }

  statusObject(): Record<string, string> {
    return { mode: this.status === "off" ? "off" : "sta", station: this.status, ap: "disabled", phy: "11n", powersave: "none", savedMode: "off" };
  }

  details(): Record<string, unknown> {
    const details: Record<string, unknown> = { status: this.status, ssid: this.ssid, authMode: "wpa2", savedSsid: this.ssid };
    if (this.status === "connected") {
      details.rssi = -52 - Math.round(Math.random() * 8);
      details.channel = 6;
    }
    return details;
  }

  scan(callback: unknown): void {
    setTimeout(() => {
      const found: Record<string, unknown>[] = [
        { ssid: "neighbour-2g", mac: "a4:2b:b0:11:22:33", authMode: "wpa2", channel: 1, hidden: false, rssi: -81 },
      ];
      if (this.ap.up) found.unshift({ ssid: this.ap.ssid, mac: AP_NETWORK.apMac, authMode: "wpa2", channel: 6, hidden: false, rssi: -55 });
      this.sink().callback(callback, [found]);
    }, WIFI_TIMING.scanMs);
  }

  setHostname(name: string): void {
    this.hostname = name;
  }

  getHostname(): string {
    return this.hostname;
  }

  savedConfig(): { ssid: string; password: string } {
    return { ssid: this.ssid, password: this.password };
  }

  private attempt(): void {
    this.status = "connecting";
    if (!this.ap.up || this.ap.ssid !== this.ssid) {
      this.timer = setTimeout(() => this.fail("no_ap_found", "no_ap_found"), WIFI_TIMING.noApMs);
      return;
    }
    this.timer = setTimeout(() => {
      if (!this.ap.up) return this.fail("no_ap_found", "no_ap_found");
      if (this.ap.password !== this.password) return this.fail("wrong_password", "auth_fail");
      this.sink().emit("associated", { ssid: this.ssid, mac: AP_NETWORK.apMac, channel: 6 });
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.status = "connected";
        this.sink().emit("connected", { ip: AP_NETWORK.ip, netmask: AP_NETWORK.netmask, gw: AP_NETWORK.gw });
        this.finishCallback(null);
      }, WIFI_TIMING.dhcpMs);
    }, WIFI_TIMING.associateMs);
  }

  private fail(status: StationStatus, reason: string): void {
    this.timer = undefined;
    this.status = status;
    this.sink().emit("disconnected", { ssid: this.ssid, mac: AP_NETWORK.apMac, reason });
    this.finishCallback(reason);
    // a wrong password does not get better by retrying; a missing AP may come back
    if (status === "no_ap_found" && this.autoReconnect) this.scheduleRetry();
    else this.autoReconnect = false;
  }

  private dropLink(reason: string, keepRetrying: boolean): void {
    this.status = keepRetrying ? "connecting" : "off";
    this.sink().linkLost();
    this.sink().emit("disconnected", { ssid: this.ssid, mac: AP_NETWORK.apMac, reason });
  }

  private scheduleRetry(): void {
    this.cancelTimer();
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (this.autoReconnect) this.attempt();
    }, WIFI_TIMING.retryMs);
  }

  private finishCallback(err: string | null): void {
    const callback = this.pendingCallback;
    this.pendingCallback = undefined;
    if (callback) this.sink().callback(callback, [err]);
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
