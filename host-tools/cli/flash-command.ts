// `espnode flash --firmware FILE|DIR`: write Espruino through the ESP32 serial bootloader (flasher stub by default, --no-stub for ROM only).
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";
import { Option, type Command } from "commander";
import { EspnodeError } from "../transport/errors.ts";
import { addOutputOptions, type CommonFlags } from "./common-options.ts";
import { action } from "./run-action.ts";
import type { Task } from "./output.ts";

interface FlashFlags extends CommonFlags {
  firmware: string;
  before: "default-reset" | "no-reset";
  after: "hard-reset" | "no-reset";
  erase?: boolean;
  /** commander turns --no-stub into stub: false. */
  stub: boolean;
  simState?: string;
}

/** Same default as `espnode sim --state`. */
function defaultSimStateDir(): string {
  return join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "espnode", "sim");
}

/**
 * The control socket of the `espnode sim` serving `port`: --sim-state DIR wins; else the sim that registered this
 * port (it runs with any --state); else, for a pseudo-terminal, a running sim with the default state directory.
 */
export async function simControlSocket(port: string, simState: string | undefined): Promise<string | undefined> {
  if (simState) {
    const socket = join(simState, "control.sock");
    if (!existsSync(socket)) {
      throw new EspnodeError("usage", `No simulator control socket at ${socket}.`, "Start `espnode sim --state DIR` first, or fix --sim-state.");
    }
    return socket;
  }
  const { listVirtualBoards } = await import("../transport/virtual-board-registry.ts");
  const registered = (await listVirtualBoards()).find((e) => e.port === port);
  if (registered?.control && existsSync(registered.control)) return registered.control;
  if (!port.startsWith("/dev/pts/")) return undefined;
  const socket = join(defaultSimStateDir(), "control.sock");
  return existsSync(socket) ? socket : undefined;
}

function parseFlashBaud(text: string | undefined): number {
  const baud = Number(text);
  if (!Number.isInteger(baud) || baud < 9600 || baud > 5_000_000)
    throw new EspnodeError("usage", `--baud ${text} is not a usable baud rate.`, "Use e.g. --baud 460800, or 115200 for a long or poor cable.");
  return baud;
}

export function registerFlashCommand(program: Command): void {
  addOutputOptions(
    program
      .command("flash")
      .description("write Espruino to an ESP32 through its serial bootloader and esptool's flasher stub (compressed, MD5-verified)")
      .requiredOption("--firmware <file|dir>", "Espruino ESP32 release folder (bootloader.bin, partitions_espruino.bin, espruino_esp32.bin) or a merged .bin")
      .option("-p, --port <port>", "auto | PATH | id:USB_SERIAL", "auto")
      .option("-b, --baud <rate>", "transfer baud rate (connects at 115200 first)", "460800")
      .addOption(new Option("--before <mode>", "how to enter download mode").choices(["default-reset", "no-reset"]).default("default-reset"))
      .addOption(new Option("--after <mode>", "what to do when done").choices(["hard-reset", "no-reset"]).default("hard-reset"))
      .option("--erase", "erase the whole flash first (saved code and Wi-Fi settings are lost)")
      .option("--no-stub", "flash through the ROM loader only, without uploading esptool's flasher stub (slower)")
      .option("--sim-state <dir>", "state directory of the `espnode sim` serving --port (found by itself for a running sim)"),
  ).action(
    action<FlashFlags>(async (flags, out) => {
      const baud = parseFlashBaud(flags.baud);
      const { resolvePort } = await import("../transport/ports.ts");
      const port = await resolvePort(flags.port);
      const simControl = await simControlSocket(port, flags.simState);
      const { flashFirmware } = await import("../commands/flash.ts");
      let bar: Awaited<ReturnType<typeof out.progress>> | null = null;
      let barFile = "";
      // Reset, sync, stub upload and baud change (and --erase) take seconds before the first byte is written.
      const connectTitle = `Connecting to the ESP32 bootloader on ${port}`;
      let connecting: Task | null = out.task(connectTitle);
      let chipLine = "";
      try {
        const result = await flashFirmware({
          port,
          baud,
          firmware: flags.firmware,
          before: flags.before,
          after: flags.after,
          erase: flags.erase,
          stub: flags.stub,
          simControl,
          onLog: (line) => {
            if (line.startsWith("Note: ")) return out.warn(line.slice(6));
            if (line.startsWith("Chip is ")) chipLine = line;
            // esptool-style "Doing something..." lines name the phase in progress (sync, stub upload, erase).
            if (/\.\.\.\s*$/.test(line)) connecting?.update(`${connectTitle}: ${line.trim().replace(/\.+$/, "")}`);
            out.detail(line);
          },
          onProgress: async (written, total, fileName) => {
            if (connecting) {
              const erased = flags.erase ? "; whole flash erased" : "";
              connecting.done(`${chipLine ? `Connected: ${chipLine}` : `Connected to the bootloader on ${port}`}${erased}`);
              connecting = null;
            }
            if (fileName !== barFile) {
              bar?.stop();
              barFile = fileName;
              out.step(`Writing ${fileName}`);
              bar = await out.progress(fileName);
            }
            bar?.update(written, total);
          },
        });
        (bar as { stop(): void } | null)?.stop();
        (connecting as Task | null)?.done("Connected");
        out.result({ ok: true, ...result });
        out.success(
          `Flashed ${result.files.map((f) => `${f.name} @0x${f.address.toString(16)}`).join(", ")} to ${result.chip.description} ` +
            `(MAC ${result.chip.mac}) in ${result.seconds.toFixed(1)} s ` +
            `${result.loader === "stub" ? "with the flasher stub" : "through the ROM loader"}; MD5 verified.`,
        );
      } finally {
        (bar as { stop(): void } | null)?.stop();
      }
    }),
  );
}
