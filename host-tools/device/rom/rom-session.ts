// An ESP32 serial-loader session driven by esptool-js, either through esptool's flasher stub (default for
// `espnode flash`, as esptool does: 16 KiB blocks, erase while receiving, chip erase and MD5 in the stub) or
// ROM-only (--no-stub: 1 KiB blocks as esptool's ESP32ROM, erase-on-begin). esptool-js handles SLIP, sync,
// chip detection, the stub upload and compressed block writes; this file adds what its ROM mode lacks: the
// 8-byte SPI_ATTACH and SPI_SET_PARAMS the ESP32 ROM needs, MD5 read as the ROM's 32 hex characters
// (esptool-js 0.7 hex-encodes them a second time), erase without the stub, a real DTR/RTS reset pulse, and
// falling back to the ROM when the stub does not start.
import { createHash } from "node:crypto";
import { ESPLoader, Transport, type IEspLoaderTerminal } from "esptool-js";
import type { SerialLink } from "./serial-link.ts";
import { WebSerialShim } from "./web-serial-shim.ts";

export const ROM_BAUD = 115200;
const SPI_ATTACH = 0x0d;
const SPI_SET_PARAMS = 0x0b;
const SPI_FLASH_MD5 = 0x13;
const MD5_TIMEOUT_MS_PER_MB = 8000;
const ERASE_TIMEOUT_MS_PER_MB = 30000;
const CHIP_MAGIC_ADDR = 0x40001000;
/** Block sizes esptool uses for the ESP32: the ROM loader takes 1 KiB blocks, the stub 16 KiB (MAX_WRITE_BLOCK). */
export const ROM_FLASH_WRITE_SIZE = 0x400;
export const STUB_FLASH_WRITE_SIZE = 0x4000;

export type BeforeMode = "default-reset" | "no-reset";

export interface ChipInfo {
  chip: string; // "ESP32"
  description: string; // e.g. "ESP32-D0WD-V3 (revision 3)"
  features: string[];
  crystalMHz: number;
  mac: string;
  flashId: number;
  /** Bytes, from the JEDEC capacity byte; undefined if the ID was not recognised. */
  flashSize?: number;
}

export interface RomSessionOptions {
  link: SerialLink;
  /** Baud rate for the transfer after connecting at 115200 (CHANGE_BAUDRATE); default stays at 115200. */
  baud?: number;
  before?: BeforeMode;
  /** Connection attempts (each: reset if allowed, then 5 syncs). Default 7, as esptool. */
  attempts?: number;
  /** Upload and run esptool's flasher stub (esptool-js's bundled ESP32 stub). Default false: ROM only. */
  stub?: boolean;
  /**
   * Puts the board back into download mode when the stub did not start and the ROM no longer answers, for
   * boards without DTR/RTS lines that have another way (the virtual board's control socket). Without it, the
   * DTR/RTS reset is used when allowed (before: "default-reset").
   */
  reenterDownloadMode?: () => Promise<void>;
  onLog?: (line: string) => void;
  onDebug?: (line: string) => void;
}

export interface FlashImage {
  address: number;
  data: Uint8Array;
  name: string;
}

export class RomConnectError extends Error {
  constructor(
    message: string,
    /** What the port showed while we tried: a boot log, application output, or nothing. */
    readonly seen: "app-boot-log" | "download-boot-log" | "other-output" | "silence",
    readonly lineSignals: boolean,
  ) {
    super(message);
    this.name = "RomConnectError";
  }
}

class QuietTransport extends Transport {
  onTrace: (line: string) => void = () => {};
  override trace(message: string): void {
    this.onTrace(message); // esptool-js logs some traces with console.log unconditionally
  }
}

/**
 * esptool-js rejects a SLIP read that starts with anything but 0xC0 ("Invalid head of packet") and retries at
 * once, so a boot log still arriving on a paced line (a real UART at 115200, `espnode sim`) can use up every
 * sync attempt within milliseconds. Wait for the line to go quiet after the reset (or none) first.
 */
class PatientLoader extends ESPLoader {
  port: WebSerialShim | null = null;
  override async _connectAttempt(...args: Parameters<ESPLoader["_connectAttempt"]>): Promise<string> {
    const [mode, resetStrategy] = args;
    if (resetStrategy) await resetStrategy.reset();
    await this.port?.waitQuiet(QUIET_BEFORE_SYNC_MS, QUIET_WAIT_MAX_MS);
    return super._connectAttempt(mode, null);
  }
}
const QUIET_BEFORE_SYNC_MS = 40;
const QUIET_WAIT_MAX_MS = 1500;

function u32(...words: number[]): Uint8Array {
  const out = Buffer.alloc(words.length * 4);
  words.forEach((w, i) => out.writeUInt32LE(w >>> 0, i * 4));
  return new Uint8Array(out);
}

/** esptool-js pads every image to a multiple of 4 bytes with 0xFF before writing; the MD5 covers the padding. */
export function padImage(data: Uint8Array): Uint8Array {
  if (data.length % 4 === 0) return data;
  const out = new Uint8Array(Math.ceil(data.length / 4) * 4).fill(0xff);
  out.set(data);
  return out;
}

function classifyOutput(text: string): RomConnectError["seen"] {
  const boot = /boot:(0x[0-9a-f]+)[\s\S]*?(waiting for download)?/i.exec(text);
  if (boot) return boot[2] ? "download-boot-log" : "app-boot-log";
  return text.replace(/[\x00\s]/g, "").length > 0 ? "other-output" : "silence";
}

/** The stub was uploaded but never said OHAI, and the ROM could not be brought back to continue without it. */
export class StubStartError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StubStartError";
  }
}

export type LoaderKind = "stub" | "rom";

export class RomSession {
  private constructor(
    readonly loader: ESPLoader,
    readonly port: WebSerialShim,
    readonly chip: ChipInfo,
    /** Who answers: esptool's flasher stub or the mask ROM. */
    readonly kind: LoaderKind,
    /** Why a requested stub is not in use (the stub did not start), if so. */
    readonly stubFallback?: string,
  ) {}

  static async connect(options: RomSessionOptions): Promise<RomSession> {
    const log = options.onLog ?? (() => {});
    const port = new WebSerialShim(options.link, log);
    const transport = new QuietTransport(port as unknown as ConstructorParameters<typeof Transport>[0], false);
    transport.onTrace = options.onDebug ?? (() => {});
    const terminal: IEspLoaderTerminal = {
      clean: () => {},
      writeLine: (line: string) => log(line),
      write: (text: string) => {
        if (text.trim()) log(text.trim());
      },
    };
    const loader = new PatientLoader({ transport, baudrate: options.baud ?? ROM_BAUD, romBaudrate: ROM_BAUD, terminal });
    loader.port = port;
    const mode = options.before === "no-reset" ? "no_reset" : "default_reset";
    try {
      await loader.connect(mode, options.attempts ?? 7, true);
    } catch (error) {
      const seen = classifyOutput(port.recentText());
      await transport.disconnect().catch(() => {});
      throw new RomConnectError(`no answer from the ROM bootloader: ${(error as Error).message}`, seen, port.lineSignals);
    }
    const espChip = loader.chip;
    if (espChip.CHIP_NAME !== "ESP32") {
      await transport.disconnect().catch(() => {});
      throw new Error(`this is an ${espChip.CHIP_NAME}; espnode flashes the ESP32 Espruino build only`);
    }
    const description = await espChip.getChipDescription(loader);
    const features = (await espChip.getChipFeatures(loader)).map((f: string) => f.trim());
    const crystalMHz = await espChip.getCrystalFreq(loader);
    const mac = await espChip.readMac(loader);
    let stubFallback: string | undefined;
    if (options.stub) {
      stubFallback = await RomSession.startStub(loader, transport, port, options, log);
    }
    const kind: LoaderKind = loader.IS_STUB ? "stub" : "rom";
    loader.FLASH_WRITE_SIZE = kind === "stub" ? STUB_FLASH_WRITE_SIZE : ROM_FLASH_WRITE_SIZE;
    // The ESP32 ROM needs the flash attached (with its extra ROM-only word) and described before flash commands;
    // the stub attached it when it started and takes only the 4-byte form.
    await loader.checkCommand("attach SPI flash", SPI_ATTACH, kind === "stub" ? u32(0) : u32(0, 0));
    if (options.baud && options.baud !== ROM_BAUD) await loader.changeBaud();
    const flashId = await loader.readFlashId();
    const capacity = (flashId >> 16) & 0xff;
    const flashSize = capacity >= 0x12 && capacity <= 0x1a ? 2 ** capacity : undefined;
    await loader.checkCommand(
      "set SPI flash parameters",
      SPI_SET_PARAMS,
      u32(0, flashSize ?? 4 * 1024 * 1024, 64 * 1024, 4 * 1024, 256, 0xffff),
    );
    const chip: ChipInfo = { chip: "ESP32", description, features, crystalMHz, mac, flashId, flashSize };
    return new RomSession(loader, port, chip, kind, stubFallback);
  }

  /**
   * Uploads and starts the flasher stub. Returns undefined when it runs, or why the session continues with the
   * ROM instead: the ROM still answers, or the board was reset into download mode again. Throws StubStartError
   * when neither is possible.
   */
  private static async startStub(
    loader: ESPLoader,
    transport: Transport,
    port: WebSerialShim,
    options: RomSessionOptions,
    log: (line: string) => void,
  ): Promise<string | undefined> {
    try {
      await loader.runStub();
      if (loader.IS_STUB) return undefined;
      return "esptool-js has no flasher stub for this chip";
    } catch (error) {
      loader.IS_STUB = false;
      const reason = `the flasher stub did not start (${(error as Error).message.split("\n")[0]})`;
      if (await RomSession.romAnswers(loader)) {
        log(`Note: ${reason}; continuing with the ROM loader.`);
        return reason;
      }
      const canReset = options.before !== "no-reset" && port.lineSignals;
      if (!options.reenterDownloadMode && !canReset) {
        throw new StubStartError(`${reason}, and the board cannot be reset into download mode from here`);
      }
      log(`Note: ${reason}; resetting into download mode to continue with the ROM loader.`);
      await transport.disconnect().catch(() => {});
      if (options.reenterDownloadMode) {
        await options.reenterDownloadMode();
        await loader.connect("no_reset", options.attempts ?? 7, false);
      } else {
        await loader.connect("default_reset", options.attempts ?? 7, false);
      }
      return reason;
    }
  }

  private static async romAnswers(loader: ESPLoader): Promise<boolean> {
    try {
      loader.transport.flushInput();
      return (await loader.readReg(CHIP_MAGIC_ADDR, 300)) === 0x00f01d83;
    } catch {
      return false;
    }
  }

  /** MD5 of a flash region, as lowercase hex (the ROM sends 32 hex characters, the stub 16 raw bytes). */
  async md5(address: number, size: number): Promise<string> {
    const timeout = Math.max(3000, (MD5_TIMEOUT_MS_PER_MB * size) / 1e6);
    const length = this.kind === "stub" ? 16 : 32;
    const result = await this.loader.checkCommand("calculate MD5 of flash", SPI_FLASH_MD5, u32(address, size, 0, 0), 0, length, timeout);
    const bytes = Buffer.from(result as Uint8Array);
    return this.kind === "stub" ? bytes.toString("hex") : bytes.toString("latin1").toLowerCase();
  }

  /** Read a flash region (stub only: the ROM has no read command). */
  async readFlash(address: number, size: number, onProgress?: (read: number, total: number) => void): Promise<Buffer> {
    if (this.kind !== "stub") throw new Error("reading flash needs the flasher stub; the ESP32 ROM cannot read flash");
    const data = await this.loader.readFlash(address, size, (_packet, read, total) => onProgress?.(read, total));
    return Buffer.from(data);
  }

  /**
   * Erase the whole flash: the stub's chip erase, or the ROM way (FLASH_BEGIN over everything, as the ROM has no
   * chip-erase command).
   */
  async eraseAll(onLog?: (line: string) => void): Promise<void> {
    const size = this.chip.flashSize ?? 4 * 1024 * 1024;
    onLog?.(`Erasing ${size / 1024 / 1024} MB of flash...`);
    if (this.kind === "stub") {
      await this.loader.checkCommand("erase flash", this.loader.ESP_ERASE_FLASH, new Uint8Array(0), 0, 0, this.loader.CHIP_ERASE_TIMEOUT);
      return;
    }
    const timeout = Math.max(3000, (ERASE_TIMEOUT_MS_PER_MB * size) / 1e6);
    const blocks = Math.ceil(size / this.loader.FLASH_WRITE_SIZE);
    await this.loader.checkCommand(
      "erase flash",
      this.loader.ESP_FLASH_BEGIN,
      u32(size, blocks, this.loader.FLASH_WRITE_SIZE, 0, 0),
      0,
      0,
      timeout,
    );
  }

  /**
   * Write images with compressed transfers, lowest address first (the ROM erases whole blocks, which may reach
   * into the next image), then check each one's MD5 against the flash (computed by the stub or the ROM).
   */
  async writeImages(
    images: FlashImage[],
    onProgress?: (written: number, total: number, name: string) => void,
  ): Promise<{ name: string; address: number; size: number; md5: string }[]> {
    const ordered = [...images].sort((a, b) => a.address - b.address);
    const results: { name: string; address: number; size: number; md5: string }[] = [];
    for (const image of ordered) {
      const padded = padImage(image.data);
      await this.loader.writeFlash({
        fileArray: [{ data: padded, address: image.address }],
        flashMode: "keep",
        flashFreq: "keep",
        flashSize: "keep",
        eraseAll: false,
        compress: true,
        reportProgress: (_index, sent, total) =>
          onProgress?.(Math.round((sent / Math.max(total, 1)) * padded.length), padded.length, image.name),
      });
      const expected = createHash("md5").update(padded).digest("hex");
      const actual = await this.md5(image.address, padded.length);
      if (actual !== expected) {
        throw new Error(
          `${image.name} at 0x${image.address.toString(16)}: flash MD5 ${actual} does not match the file's ${expected}`,
        );
      }
      results.push({ name: image.name, address: image.address, size: image.data.length, md5: expected });
    }
    return results;
  }

  /** Pulse EN with GPIO0 high so the board boots its application. Returns false if the port has no DTR/RTS. */
  async hardReset(): Promise<boolean> {
    if (!this.port.lineSignals) return false;
    await this.port.setSignals({ dataTerminalReady: false, requestToSend: true });
    await new Promise((r) => setTimeout(r, 100));
    await this.port.setSignals({ dataTerminalReady: false, requestToSend: false });
    return this.port.lineSignals;
  }

  /**
   * Start the application without reset lines. ROM: FLASH_BEGIN 0 + FLASH_END "run user code". Stub (which
   * treats that flag as "stay"): FLASH_END with "reboot", a software reset that boots the app with GPIO0 high.
   */
  async runUserCode(): Promise<void> {
    await this.loader.flashBegin(0, 0);
    await this.loader.flashFinish(this.kind === "stub");
  }

  async close(): Promise<void> {
    await this.loader.transport.disconnect().catch(() => {});
  }
}
