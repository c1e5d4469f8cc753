// A bare ESP32 on a USB-serial adapter, for host-tool tests and benchmarks without the full virtual board:
// the ROM bootloader behind the DTR/RTS auto-reset circuit. Implements the device layer's SerialLink shape.
import { type BootMode, ResetCircuit } from "./reset-circuit.ts";
import { RomBootloader, type RomBootloaderOptions, type RomExit } from "./rom-bootloader.ts";

const ROM_BAUD = 115200;

/** What the ROM prints when it boots the application (GPIO0 high). */
export const APP_BOOT_LOG =
  "ets Jun  8 2016 00:22:57\r\n\r\nrst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)\r\n" +
  "configsip: 0, SPIWP:0xee\r\nmode:DIO, clock div:1\r\n";

export interface EmulatedEsp32Options extends Omit<RomBootloaderOptions, "send" | "setBaud" | "onExit"> {
  /** Start in download mode (as if BOOT was held while plugging in). Default: running the app. */
  startInDownloadMode?: boolean;
  /** False models a board whose adapter drives EN only: resets always boot the app (BOOT must be held by hand). */
  gpio0Wired?: boolean;
  onBoot?: (mode: BootMode) => void;
  onExit?: (how: RomExit) => void;
}

export class EmulatedEsp32 {
  readonly rom: RomBootloader;
  private readonly circuit: ResetCircuit;
  private listener: (bytes: Uint8Array) => void = () => {};
  private hostBaud = ROM_BAUD;
  private portOpen = false;
  mode: BootMode | "off" = "app";
  /** Boots seen so far, e.g. ["download", "app"]. */
  readonly boots: BootMode[] = [];
  readonly usbVendorId = 0x10c4; // CP2102, as on most ESP32 DevKits
  readonly usbProductId = 0xea60;

  constructor(private readonly options: EmulatedEsp32Options) {
    this.rom = new RomBootloader({
      ...options,
      send: (bytes) => this.transmit(bytes),
      onExit: (how) => {
        options.onExit?.(how);
        if (how !== "run-ram-code") this.boot("app");
      },
    });
    this.circuit = new ResetCircuit((mode) => this.boot(options.gpio0Wired === false ? "app" : mode));
    if (options.startInDownloadMode) {
      this.mode = "download";
      this.rom.banner();
    }
  }

  /** Press EN with or without BOOT held. */
  boot(mode: BootMode): void {
    this.mode = mode;
    this.boots.push(mode);
    this.options.onBoot?.(mode);
    if (mode === "download") this.transmit(this.rom.banner(), true);
    else this.transmit(Buffer.from(APP_BOOT_LOG, "latin1"), true);
  }

  // --- SerialLink ---
  async open(baud: number): Promise<void> {
    this.hostBaud = baud;
    this.portOpen = true;
  }

  async close(): Promise<void> {
    this.portOpen = false;
  }

  async write(bytes: Uint8Array): Promise<void> {
    if (!this.portOpen) throw new Error("port is not open");
    if (this.mode !== "download" || this.circuit.inReset || !this.baudsMatch()) return; // the app ignores ROM frames
    this.rom.receive(Buffer.from(bytes));
  }

  onData(listener: (bytes: Uint8Array) => void): void {
    this.listener = listener;
  }

  async setSignals(signals: { dtr: boolean; rts: boolean }): Promise<void> {
    this.circuit.setSignals(signals.dtr, signals.rts);
  }

  async setBaud(baud: number): Promise<void> {
    this.hostBaud = baud;
  }

  /** Resolves once a reset in progress has booted the chip (EN's RC delay, see reset-circuit.ts). */
  settled(): Promise<void> {
    return this.circuit.settled();
  }

  /** Power off: closes the flash file. */
  dispose(): void {
    this.circuit.cancel();
    this.rom.close();
  }

  /** Before CHANGE_BAUDRATE the ROM auto-detects the rate from SYNC; after it, both ends must agree. */
  private baudsMatch(): boolean {
    return this.rom.baud === ROM_BAUD || this.rom.baud === this.hostBaud;
  }

  private transmit(bytes: Buffer, bootLog = false): void {
    if (!this.portOpen) return;
    if (!bootLog && !this.baudsMatch()) return; // garbage at the wrong rate: the host sees nothing valid
    const copy = new Uint8Array(bytes);
    setImmediate(() => this.listener(copy));
  }
}
