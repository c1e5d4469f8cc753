// The simulated Wi-Fi access point the virtual board can join. Defaults (documented in `espnode sim --help`):
// ssid "espnode-sim", password "simulated".

export interface AccessPointConfig {
  ssid: string;
  password: string;
}

export interface AccessPointState extends AccessPointConfig {
  up: boolean;
}

export const DEFAULT_AP: AccessPointConfig = { ssid: "espnode-sim", password: "simulated" };
/** Addresses the simulated DHCP server hands out; sockets still reach the host's real network. */
export const AP_NETWORK = { ip: "192.168.4.2", netmask: "255.255.255.0", gw: "192.168.4.1", apMac: "24:0a:c4:00:00:01" };
