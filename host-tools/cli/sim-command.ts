// `espnode sim`: runs a virtual ESP32 with Espruino 2v29 and exposes its console on a pseudo-terminal, so any tool
// (espnode itself, the EspruinoTools `espruino` CLI, a terminal program) can open it like a USB serial port.
// The first line printed is `port: /dev/pts/N` (with --json: {"port": "/dev/pts/N", ...}). While it runs, the sim
// registers itself (transport/virtual-board-registry.ts) so `espnode list` and `--port auto` can find the pty.
// The simulated access point defaults to ssid "espnode-sim", password "simulated".
import { readFileSync } from "node:fs";
import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { DEFAULT_AP } from "../sim/wifi/access-point.ts";
import { DEFAULT_MAX_CALL_DEPTH } from "../sim/runtime/call-depth.ts";
import type { VirtualBoardRegistration } from "../transport/virtual-board-registry.ts";

export function defaultSimStateDir(): string {
  const cache = process.env.XDG_CACHE_HOME || join(homedir(), ".cache");
  return join(cache, "espnode", "sim");
}

interface SimOptions {
  state?: string;
  baud: string;
  ssid?: string;
  wifiPasswordFile?: string;
  json?: boolean;
  tcp?: string;
  maxCallDepth: string;
  consoleBlocks?: boolean;
}

export function registerSimCommand(program: Command): void {
  program
    .command("sim")
    .description("run a virtual ESP32 board with Espruino on a pseudo-terminal (Ctrl-C to stop)")
    .option("--state <dir>", "where the board keeps its flash and Storage files", defaultSimStateDir())
    .option("--baud <n>", "pace the console like a UART at this baud rate (0 = unpaced)", "115200")
    .option("--ssid <ssid>", "simulated Wi-Fi access point name", DEFAULT_AP.ssid)
    .option("--wifi-password-file <file>", `file holding the access point password (default "${DEFAULT_AP.password}")`)
    .option("--tcp <port>", "also serve the console as raw TCP on 127.0.0.1 (0 = any free port), e.g. for `espruino -p tcp://…`")
    .option(
      "--max-call-depth <n>",
      "nested JavaScript function calls allowed before \"Too much recursion\" (approximates the ESP32's stack)",
      String(DEFAULT_MAX_CALL_DEPTH),
    )
    .option(
      "--console-blocks",
      "console output on the pty waits for the reader, and input is not read meanwhile, as Espruino's Linux build behind a pty (an ESP32's UART drops unread output)",
    )
    .option("--json", "print machine-readable lines")
    .action(async (opts: SimOptions) => {
      const baud = Number(opts.baud);
      if (!Number.isInteger(baud) || baud < 0) {
        throw new Error(`--baud must be a whole number of bits per second (or 0 for unpaced), got "${opts.baud}"`);
      }
      const tcpPort = opts.tcp === undefined ? undefined : Number(opts.tcp);
      if (tcpPort !== undefined && (!Number.isInteger(tcpPort) || tcpPort < 0 || tcpPort > 65535)) {
        throw new Error(`--tcp must be a port number (0 for any free port), got "${opts.tcp}"`);
      }
      const maxCallDepth = Number(opts.maxCallDepth);
      if (!Number.isInteger(maxCallDepth) || maxCallDepth < 1) {
        throw new Error(`--max-call-depth must be a whole number of calls (at least 1), got "${opts.maxCallDepth}"`);
      }
      let password = DEFAULT_AP.password;
      if (opts.wifiPasswordFile) {
        try {
          password = readFileSync(opts.wifiPasswordFile, "utf8").replace(/\r?\n$/, "");
        } catch (err) {
          throw new Error(`cannot read --wifi-password-file ${opts.wifiPasswordFile}: ${(err as Error).message}`);
        }
      }
      const stateDir = opts.state ?? defaultSimStateDir();
      // Loaded here, not at the top: the simulator is large and `espnode --help` should stay quick.
      const { VirtualBoard } = await import("../sim/board.ts");
      const { runControlCommand, CONTROL_HELP } = await import("../sim/control/control-commands.ts");
      const { ControlServer } = await import("../sim/control/control-server.ts");
      const board = await VirtualBoard.start({
        stateDir,
        baud,
        maxCallDepth,
        consoleBlocks: opts.consoleBlocks ?? false,
        wifi: { ssid: opts.ssid ?? DEFAULT_AP.ssid, password },
      });
      const port = await board.openPty();
      const control = await ControlServer.listen(board, join(stateDir, "control.sock"));
      const tcp = tcpPort === undefined ? undefined : await board.openTcpConsole(tcpPort);
      let registration: VirtualBoardRegistration | undefined;
      try {
        const { registerVirtualBoard } = await import("../transport/virtual-board-registry.ts");
        registration = await registerVirtualBoard({
          pid: process.pid,
          port,
          tcp,
          stateDir: resolve(stateDir),
          control: control.path,
          started: new Date().toISOString(),
        });
        process.once("exit", () => registration?.remove()); // also on a crash; only SIGKILL leaves the entry behind
      } catch (err) {
        // The board still works; only discovery by `espnode list` / `--port auto` is lost.
        process.stderr.write(
          `warning: could not register the virtual board for \`espnode list\`: ${(err as Error).message}\n` +
            `  next: pass --port ${port} to other espnode commands.\n`,
        );
      }
      const say = (text: string, fields: Record<string, unknown> = {}) => {
        process.stdout.write(opts.json ? JSON.stringify({ message: text, ...fields }) + "\n" : text + "\n");
      };
      process.stdout.write(
        opts.json ? JSON.stringify({ port, stateDir, control: control.path, baud, tcp }) + "\n" : `port: ${port}\n`,
      );
      if (tcp && !opts.json) say(`tcp: ${tcp.host}:${tcp.port}`);
      if (!opts.json) {
        say(`state: ${stateDir}  control: ${control.path}  Wi-Fi AP: "${opts.ssid ?? DEFAULT_AP.ssid}"`);
        say(`commands on stdin: ${CONTROL_HELP}`);
      }
      let stopping = false;
      const stop = async () => {
        if (stopping) return;
        stopping = true;
        registration?.remove();
        rl?.close();
        await control.close();
        await board.close();
        process.exit(0);
      };
      const rl = process.stdin.isTTY || !process.stdin.readableEnded ? createInterface({ input: process.stdin }) : undefined;
      rl?.on("line", (line) => {
        if (!line.trim()) return;
        const reply = runControlCommand(board, line);
        say(reply.ok ? reply.message : `error: ${reply.message}`, { ok: reply.ok });
      });
      process.once("SIGINT", stop);
      process.once("SIGTERM", stop);
      await new Promise<void>(() => {});
    });
}
