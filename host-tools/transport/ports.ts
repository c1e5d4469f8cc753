// Finding the board's port: list serial ports (serialport's list, or /sys when that fails, e.g. without udevadm),
// recognise USB adapters used on ESP32 boards, and resolve --port auto|PATH|id:USB_SERIAL.
import { readdir, readFile, realpath } from "node:fs/promises";
import { join } from "node:path";
import { EspnodeError } from "./errors.ts";

export interface PortInfo {
  path: string;
  vendorId?: string; // 4 hex digits, lower case
  productId?: string;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
}

/** USB VID:PID of adapters found on ESP32 boards. */
export const KNOWN_ADAPTERS: Record<string, string> = {
  "10c4:ea60": "Silicon Labs CP210x",
  "1a86:7523": "WCH CH340",
  "1a86:55d4": "WCH CH9102",
  "1a86:55d3": "WCH CH343",
  "0403:6001": "FTDI FT232R",
  "0403:6010": "FTDI FT2232",
  "0403:6014": "FTDI FT232H",
  "0403:6015": "FTDI FT-X",
  "303a:1001": "Espressif USB-JTAG/serial",
  "303a:0002": "Espressif USB CDC (S2)",
};

export function adapterName(p: PortInfo): string | undefined {
  if (!p.vendorId || !p.productId) return undefined;
  return KNOWN_ADAPTERS[`${p.vendorId.toLowerCase()}:${p.productId.toLowerCase()}`];
}

export function isKnownAdapter(p: PortInfo): boolean {
  return adapterName(p) !== undefined;
}

async function readAttr(dir: string, name: string): Promise<string | undefined> {
  try {
    return (await readFile(join(dir, name), "utf8")).trim() || undefined;
  } catch {
    return undefined;
  }
}

/** Reads USB attributes of /sys/class/tty/<name>/device by walking up to the USB device directory. */
async function listFromSys(sysRoot = "/sys/class/tty"): Promise<PortInfo[]> {
  let names: string[];
  try {
    names = await readdir(sysRoot);
  } catch {
    return [];
  }
  const out: PortInfo[] = [];
  for (const name of names) {
    let dev: string;
    try {
      dev = await realpath(join(sysRoot, name, "device"));
    } catch {
      continue; // virtual consoles have no device link
    }
    const info: PortInfo = { path: `/dev/${name}` };
    // The USB interface is the device dir (or its parent for usb-serial drivers); the USB device holds idVendor.
    for (let dir = dev, i = 0; i < 4 && dir !== "/"; i++, dir = join(dir, "..")) {
      const vid = await readAttr(dir, "idVendor");
      if (vid) {
        info.vendorId = vid.toLowerCase();
        info.productId = (await readAttr(dir, "idProduct"))?.toLowerCase();
        info.serialNumber = await readAttr(dir, "serial");
        info.manufacturer = await readAttr(dir, "manufacturer");
        info.product = await readAttr(dir, "product");
        break;
      }
    }
    // Platform UARTs (ttyS*) without a USB parent are listed only when they are USB or ACM/USB named.
    if (info.vendorId || /^tty(USB|ACM)/.test(name)) out.push(info);
  }
  return out.sort((a, b) => a.path.localeCompare(b.path));
}

/** Lists serial ports; never throws (serialport's list needs udevadm, which not every machine has). */
export async function listPorts(): Promise<PortInfo[]> {
  try {
    const { SerialPort } = await import("serialport");
    const ports = await SerialPort.list();
    return ports.map((p) => ({
      path: p.path,
      vendorId: p.vendorId?.toLowerCase(),
      productId: p.productId?.toLowerCase(),
      serialNumber: p.serialNumber,
      manufacturer: p.manufacturer,
    }));
  } catch {
    return listFromSys();
  }
}

export type PortSpec = { kind: "auto" } | { kind: "path"; path: string } | { kind: "serial"; serial: string };

export function parsePortSpec(spec: string | undefined): PortSpec {
  if (!spec || spec === "auto") return { kind: "auto" };
  if (spec.startsWith("id:")) return { kind: "serial", serial: spec.slice(3) };
  return { kind: "path", path: spec };
}

export interface ResolveOptions {
  /** Called when several known adapters are present and the caller can ask the user (a TTY). */
  choose?: (candidates: PortInfo[]) => Promise<PortInfo>;
  /** Injected for tests; defaults to listPorts(). */
  list?: () => Promise<PortInfo[]>;
}

function describe(p: PortInfo): string {
  return `${p.path} (${adapterName(p) ?? "unknown adapter"}${p.serialNumber ? `, serial ${p.serialNumber}` : ""})`;
}

/** Turns --port into a device path, or throws an EspnodeError saying what to pass instead. */
export async function resolvePort(spec: string | undefined, opts: ResolveOptions = {}): Promise<string> {
  const parsed = parsePortSpec(spec);
  if (parsed.kind === "path") return parsed.path; // explicit paths (ptys included) are used as given
  const ports = await (opts.list ?? listPorts)();
  if (parsed.kind === "serial") {
    const hit = ports.find((p) => p.serialNumber === parsed.serial);
    if (!hit)
      throw new EspnodeError(
        "port",
        `No port with USB serial number ${parsed.serial}.`,
        "Run `espnode list` to see the serial numbers of connected adapters.",
      );
    return hit.path;
  }
  const known = ports.filter(isKnownAdapter);
  if (known.length === 1) return known[0].path;
  if (known.length === 0)
    throw new EspnodeError(
      "port",
      "No ESP32 board found: no USB serial adapter of a known type is connected.",
      "Plug the board in (use a data cable, not a charge-only one), or pass --port PATH; `espnode list` shows every port.",
    );
  if (opts.choose) return (await opts.choose(known)).path;
  throw new EspnodeError(
    "usage",
    `Several ESP32 boards found: ${known.map(describe).join(", ")}.`,
    "Pick one with --port PATH or --port id:SERIAL.",
  );
}

/** A one-line human description of a port for `espnode list`. */
export function formatPort(p: PortInfo): string {
  const ids = p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : "----:----";
  const name = adapterName(p) ?? p.manufacturer ?? "";
  const serial = p.serialNumber ? `serial ${p.serialNumber}` : "";
  return [p.path.padEnd(16), ids, name.padEnd(26), serial].join("  ").trimEnd();
}

