// Finding the board's port: list serial ports (serialport's list, or /sys when that fails, e.g. without udevadm)
// plus the ptys of running virtual boards, recognise USB adapters used on ESP32 boards, and resolve
// --port auto|PATH|id:USB_SERIAL.
import { readdir, readFile, realpath } from "node:fs/promises";
import { join } from "node:path";
import { EspnodeError } from "./errors.ts";
import { listVirtualBoards, type VirtualBoardEntry } from "./virtual-board-registry.ts";

export interface PortInfo {
  path: string;
  vendorId?: string; // 4 hex digits, lower case
  productId?: string;
  serialNumber?: string;
  manufacturer?: string;
  product?: string;
  /** Set when the port is the pty of a running `espnode sim`. */
  virtualBoard?: Omit<VirtualBoardEntry, "port">;
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

export function isVirtualBoard(p: PortInfo): boolean {
  return p.virtualBoard !== undefined;
}

/** What is on the port, as far as we know: the adapter's name or "virtual board (espnode sim, pid N)". */
export function portLabel(p: PortInfo): string | undefined {
  if (p.virtualBoard) return `virtual board (espnode sim, pid ${p.virtualBoard.pid})`;
  return adapterName(p);
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

/** Lists serial ports and running virtual boards; never throws. */
export async function listPorts(): Promise<PortInfo[]> {
  const [usb, virtual] = await Promise.all([listSerialPorts(), listVirtualBoards()]);
  const boards = virtual
    .filter((v) => !usb.some((p) => p.path === v.port))
    .map(({ port, ...virtualBoard }): PortInfo => ({ path: port, virtualBoard }));
  return [...usb, ...boards];
}

/** serialport's list needs udevadm, which not every machine has: /sys is the fallback. */
async function listSerialPorts(): Promise<PortInfo[]> {
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
  /** Told which port auto-detection (or the user's choice) settled on, and how to name it, so the user can see it. */
  chosen?: (port: PortInfo, description: string) => void;
}

/** "PATH (adapter, serial N)": how a port is named in messages. */
export function describePort(p: PortInfo): string {
  return `${p.path} (${portLabel(p) ?? "unknown adapter"}${p.serialNumber ? `, serial ${p.serialNumber}` : ""})`;
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
    opts.chosen?.(hit, describePort(hit));
    return hit.path;
  }
  // A real board wins: a virtual board is picked only when no known adapter is plugged in.
  const known = ports.filter(isKnownAdapter);
  const candidates = known.length > 0 ? known : ports.filter(isVirtualBoard);
  if (candidates.length === 1) {
    opts.chosen?.(candidates[0], describePort(candidates[0]));
    return candidates[0].path;
  }
  if (candidates.length === 0)
    throw new EspnodeError(
      "port",
      "No ESP32 board found: no USB serial adapter of a known type is connected and no `espnode sim` is running.",
      "Plug the board in (use a data cable, not a charge-only one), or pass --port PATH; `espnode list` shows every port.",
    );
  if (opts.choose) {
    const picked = await opts.choose(candidates);
    opts.chosen?.(picked, describePort(picked));
    return picked.path;
  }
  // Nothing about the command line was wrong: the user has to say which port, so this is a port problem (exit 3).
  throw new EspnodeError(
    "port",
    `Several ESP32 boards found: ${candidates.map(describePort).join(", ")}.`,
    known.length > 0 ? "Pick one with --port PATH or --port id:SERIAL." : "Pick one with --port PATH.",
  );
}

const COLUMNS = ["PORT", "VID:PID", "ADAPTER", "MANUFACTURER", "SERIAL / TCP"];

function portCells(p: PortInfo): string[] {
  const ids = p.vendorId && p.productId ? `${p.vendorId}:${p.productId}` : "----:----";
  const tcp = p.virtualBoard?.tcp;
  const extra = p.serialNumber ? `serial ${p.serialNumber}` : tcp ? `tcp ${tcp.host}:${tcp.port}` : "";
  return [p.path, ids, portLabel(p) ?? "", p.manufacturer ?? "", extra];
}

function joinCells(cells: string[], widths: number[]): string {
  return cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]) : c)).join("  ").trimEnd();
}

/** `espnode list`'s table: a header line and one aligned line per port (same order as given). */
export function formatPortTable(ports: PortInfo[]): { header: string; rows: string[] } {
  const cells = ports.map(portCells);
  const widths = COLUMNS.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  return { header: joinCells(COLUMNS, widths), rows: cells.map((c) => joinCells(c, widths)) };
}

/** A one-line human description of a port. */
export function formatPort(p: PortInfo): string {
  return joinCells(portCells(p), [16, 9, 26, 20]);
}
