// Opening a board for a command: resolve --port, open the serial port (or use a given transport), get a prompt,
// read the version. Commands receive a Board and never deal with ports themselves.
import { EspruinoConsole } from "../device/espruino/console.ts";
import { EspruinoRepl, hasPacketProtocol, type BoardVersion } from "../device/espruino/repl.ts";
import { BoardStorage, type UploadMethod } from "../device/espruino/storage.ts";
import { resolvePort, type PortInfo } from "../transport/ports.ts";
import type { Transport } from "../transport/transport.ts";

export interface PortOptions {
  /** auto | PATH | id:USB_SERIAL */
  port?: string;
  baud?: number;
  /** Asks the user to pick among several boards (the CLI passes a prompt on a TTY). */
  choosePort?: (candidates: PortInfo[]) => Promise<PortInfo>;
  /** Use this transport instead of opening a port (in-process virtual board, tests). */
  transport?: Transport;
  /** Told which port --port auto settled on. */
  onPortChosen?: (port: PortInfo, description: string) => void;
  /** Sees every received chunk (for --verbose). */
  tap?: (text: string) => void;
  /** Told about flow-control events (a lost XON), for --verbose. */
  onNotice?: (text: string) => void;
}

export interface Board {
  transport: Transport;
  console: EspruinoConsole;
  repl: EspruinoRepl;
  storage: BoardStorage;
  version: BoardVersion;
  /** Packet protocol when the firmware has it, echo-off lines otherwise. */
  uploadMethod: UploadMethod;
  close(): Promise<void>;
}

export async function openTransport(opts: PortOptions): Promise<Transport> {
  if (opts.transport) return opts.transport;
  const path = await resolvePort(opts.port, { choose: opts.choosePort, chosen: opts.onPortChosen });
  const { SerialTransport } = await import("../transport/serial-transport.ts");
  return SerialTransport.open({ path, baud: opts.baud ?? 115200 });
}

export async function openBoard(opts: PortOptions): Promise<Board> {
  const transport = await openTransport(opts);
  const ownsTransport = !opts.transport;
  const console = new EspruinoConsole(transport);
  if (opts.tap) console.taps.push(opts.tap);
  if (opts.onNotice) console.notices.push(opts.onNotice);
  try {
    const repl = new EspruinoRepl(console);
    await repl.sync();
    const version = await repl.version();
    return {
      transport,
      console,
      repl,
      storage: new BoardStorage(repl),
      version,
      uploadMethod: hasPacketProtocol(version) ? "packet" : "lines",
      async close() {
        console.detach();
        if (ownsTransport) await transport.close();
      },
    };
  } catch (e) {
    console.detach();
    if (ownsTransport) await transport.close();
    throw e;
  }
}
