// An ESP32 ROM bootloader session driven by esptool-js in ROM-only mode (no flasher stub: our flashing needs
// only ROM commands, and it keeps a real board and the emulator on the same code path). esptool-js handles
// SLIP, sync, chip detection and compressed block writes; this file adds what its ROM mode lacks: the
// 8-byte SPI_ATTACH and SPI_SET_PARAMS the ESP32 ROM needs, MD5 read as the ROM's 32 hex characters
// (esptool-js 0.7 hex-encodes them a second time), erase without the stub, and a real DTR/RTS reset pulse.
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

export class RomSession {
  private constructor(
    readonly loader: ESPLoader,
    readonly port: WebSerialShim,
    readonly chip: ChipInfo,
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
    const loader = new ESPLoader({ transport, baudrate: options.baud ?? ROM_BAUD, romBaudrate: ROM_BAUD, terminal });
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
    // The ESP32 ROM needs the flash attached (with its extra ROM-only word) and described before flash commands.
    await loader.checkCommand("attach SPI flash", SPI_ATTACH, u32(0, 0));
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
    return new RomSession(loader, port, chip);
  }

  /** MD5 of a flash region, as lowercase hex. */
  async md5(address: number, size: number): Promise<string> {
    const timeout = Math.max(3000, (MD5_TIMEOUT_MS_PER_MB * size) / 1e6);
    const result = await this.loader.checkCommand("calculate MD5 of flash", SPI_FLASH_MD5, u32(address, size, 0, 0), 0, 32, timeout);
    return Buffer.from(result as Uint8Array).toString("latin1").toLowerCase();
  }

  /** Erase the whole flash the ROM way (FLASH_BEGIN over everything): the ROM has no chip-erase command. */
  async eraseAll(onLog?: (line: string) => void): Promise<void> {
    const size = this.chip.flashSize ?? 4 * 1024 * 1024;
    onLog?.(`Erasing ${size / 1024 / 1024} MB of flash...`);
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
   * Write images with compressed transfers, lowest address first (the ROM erases whole 16 KiB blocks, which
   * may reach into the next image), then check each one's MD5 against the flash.
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

  /** Leave the ROM loader and run the application from flash (FLASH_BEGIN 0 + FLASH_END "run user code"). */
  async runUserCode(): Promise<void> {
    await this.loader.flashBegin(0, 0);
    await this.loader.flashFinish(false);
  }

  async close(): Promise<void> {
    await this.loader.transport.disconnect().catch(() => {});
  }
}
