// `espnode flash`: write Espruino to an ESP32 through its ROM bootloader (compressed, MD5-verified), then
// start it. Works on a real board (DTR/RTS auto-reset) and on `espnode sim` over its pseudo-terminal, where the
// control socket <stateDir>/control.sock puts the virtual board in download mode and resets it afterwards.
import { RomConnectError, RomSession, StubStartError, type ChipInfo, type LoaderKind } from "../device/rom/rom-session.ts";
import { NodeSerialLink, type SerialLink } from "../device/rom/serial-link.ts";
import { sendControlCommand } from "../sim/control/control-server.ts";
import { EspnodeError, isEspnodeError } from "../transport/errors.ts";
import { describeOpenError } from "../transport/serial-transport.ts";
import { loadFirmware } from "./firmware-files.ts";

export type BeforeOption = "default-reset" | "no-reset";
export type AfterOption = "hard-reset" | "no-reset";

export interface FlashOptions {
  /** Serial port path (already resolved from "auto" by the CLI). */
  port: string;
  /** Transfer baud rate after connecting at 115200. Default 460800. */
  baud?: number;
  /** Espruino ESP32 release directory, merged image, or app image. */
  firmware: string;
  before?: BeforeOption;
  after?: AfterOption;
  /** Erase the whole flash first (saved code and Wi-Fi settings are lost). */
  erase?: boolean;
  /**
   * Use esptool's flasher stub (default true, as esptool): 16 KiB blocks, erase while receiving, chip erase and
   * MD5 in the stub. false = ROM loader only (esptool --no-stub). A stub that does not start falls back to the ROM.
   */
  stub?: boolean;
  /** Control socket of a running `espnode sim` (<stateDir>/control.sock) to enter download mode and reset. */
  simControl?: string;
  onProgress?: (written: number, total: number, fileName: string) => void;
  onLog?: (line: string) => void;
  /** Injected byte pipe (tests, in-process boards); default opens `port` with the serialport package. */
  link?: SerialLink;
  /** Connection attempts; default 7 (esptool's). */
  attempts?: number;
}

export interface FlashResult {
  port: string;
  chip: ChipInfo;
  files: { name: string; address: number; size: number; md5: string }[];
  erased: boolean;
  /** Who did the flashing: the flasher stub or the ROM loader (--no-stub, or the stub did not start). */
  loader: LoaderKind;
  /** Set when the stub was requested but the ROM loader was used instead, and why. */
  stubFallback?: string;
  /** How the board was started afterwards ("soft-reset": the stub rebooted the chip; no reset lines). */
  reset: "hard-reset" | "sim-reset" | "run-user-code" | "soft-reset" | "none";
  seconds: number;
}

const DEFAULT_BAUD = 460800;

function notInDownloadMode(port: string, error: RomConnectError, sim: boolean): EspnodeError {
  const simHint = "for `espnode sim`, pass --sim-state DIR (or send `download` to the sim's control socket)";
  if (sim) {
    return new EspnodeError(
      "device",
      `The virtual board on ${port} did not answer as the ROM bootloader after entering download mode.`,
      "Check that --sim-state points at the state directory of the `espnode sim` serving this port.",
    );
  }
  const what =
    error.seen === "app-boot-log"
      ? "it booted its application (wrong boot mode)"
      : error.seen === "other-output"
        ? "it answered, but not as the ROM bootloader (its application is running?)"
        : error.lineSignals
          ? "it did not answer at all"
          : "it did not answer, and this port has no DTR/RTS lines to reset it into download mode";
  return new EspnodeError(
    "device",
    `The board on ${port} is not in download mode: ${what}.`,
    `Hold BOOT and press EN (then release BOOT) and run again with --before no-reset; ${simHint}. ` +
      "If it still fails, check the cable and --port.",
  );
}

async function enterSimDownloadMode(control: string): Promise<void> {
  const reply = await sendControlCommand(control, "download").catch((error: Error) => {
    throw new EspnodeError("device", error.message, "Start it with `espnode sim` or fix --sim-state.");
  });
  if (!reply.ok) throw new EspnodeError("device", `The simulator refused download mode: ${reply.message}`);
}

export async function flashFirmware(options: FlashOptions): Promise<FlashResult> {
  const started = Date.now();
  const log = options.onLog ?? (() => {});
  const images = loadFirmware(options.firmware);
  const sim = options.simControl !== undefined;
  if (sim) {
    await enterSimDownloadMode(options.simControl!);
    log("Virtual board reset into download mode");
  }
  const link = options.link ?? new NodeSerialLink(options.port);
  let session: RomSession;
  try {
    session = await RomSession.connect({
      link,
      baud: options.baud ?? DEFAULT_BAUD,
      // A sim's pty has no reset lines; the control socket already did the reset.
      before: sim ? "no-reset" : (options.before ?? "default-reset"),
      attempts: options.attempts,
      stub: options.stub ?? true,
      reenterDownloadMode: sim ? () => enterSimDownloadMode(options.simControl!) : undefined,
      onLog: log,
    });
  } catch (error) {
    if (error instanceof RomConnectError) throw notInDownloadMode(options.port, error, sim);
    if (error instanceof StubStartError) {
      throw new EspnodeError(
        "device",
        `The board on ${options.port} went silent: ${error.message}.`,
        "Hold BOOT and press EN (then release BOOT), and run again with --no-stub --before no-reset to flash through the ROM loader only.",
      );
    }
    if (isEspnodeError(error)) throw error;
    const message = (error as Error).message ?? String(error);
    if (/open|ENOENT|EACCES|EBUSY|lock/i.test(message) && !options.link) throw describeOpenError(options.port, error as Error);
    throw new EspnodeError("device", `Talking to the ROM bootloader on ${options.port} failed: ${message}`, "Reset the board into download mode and try again, or lower --baud.");
  }
  try {
    const { chip } = session;
    log(`Chip is ${chip.description}, MAC ${chip.mac}, ${chip.flashSize ? chip.flashSize / 1048576 + " MB" : "unknown size"} flash`);
    log(session.kind === "stub" ? "Flasher stub running" : "Flashing through the ROM loader (no stub)");
    const end = Math.max(...images.map((i) => i.address + i.data.length));
    if (chip.flashSize && end > chip.flashSize) {
      throw new EspnodeError(
        "usage",
        `The firmware needs ${end} bytes of flash but the board has ${chip.flashSize}.`,
        "Use the Espruino build for this board's flash size.",
      );
    }
    if (options.erase) await session.eraseAll(log);
    const files = await session.writeImages(images, options.onProgress);
    for (const file of files) log(`Verified ${file.name} at 0x${file.address.toString(16)} (MD5 ${file.md5})`);
    let reset: FlashResult["reset"] = "none";
    if ((options.after ?? "hard-reset") === "hard-reset") {
      if (sim) {
        await session.close();
        const reply = await sendControlCommand(options.simControl!, "reset");
        if (!reply.ok) throw new EspnodeError("device", `The simulator did not reset: ${reply.message}`);
        reset = "sim-reset";
      } else if (await session.hardReset()) {
        reset = "hard-reset";
      } else {
        // No DTR/RTS: ask the loader itself to start the application (the stub reboots the chip).
        await session.runUserCode();
        reset = session.kind === "stub" ? "soft-reset" : "run-user-code";
      }
      log(
        reset === "run-user-code" || reset === "soft-reset"
          ? "Started the application (no reset lines on this port)"
          : "Board reset: Espruino boots",
      );
    } else {
      log("Staying in the ROM bootloader (--after no-reset): press EN to start Espruino");
    }
    return {
      port: options.port,
      chip,
      files,
      erased: Boolean(options.erase),
      loader: session.kind,
      ...(session.stubFallback ? { stubFallback: session.stubFallback } : {}),
      reset,
      seconds: (Date.now() - started) / 1000,
    };
  } catch (error) {
    if (isEspnodeError(error)) throw error;
    throw new EspnodeError(
      "verify",
      `Flashing failed: ${(error as Error).message}`,
      "Run `espnode flash` again; if it keeps failing, lower --baud (e.g. --baud 115200) or use another cable.",
    );
  } finally {
    await session.close();
  }
}
