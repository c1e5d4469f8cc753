// esptool-js's own ESPLoader over any SerialLink, the way a web flasher drives a board.
import { createHash } from "node:crypto";
import { ESPLoader, Transport } from "esptool-js";
import type { SerialLink } from "../../../host-tools/device/rom/serial-link.ts";
import { WebSerialShim } from "../../../host-tools/device/rom/web-serial-shim.ts";

/** esptool-js prints some traces with console.log whatever the tracing flag says; keep them in the log. */
class LoggedTransport extends Transport {
  onTrace: (line: string) => void = () => {};
  override trace(message: string): void {
    this.onTrace(message);
  }
}

export interface EsptoolJs {
  loader: ESPLoader;
  transport: Transport;
  log: string[];
  close(): Promise<void>;
}

export function esptoolJs(link: SerialLink, baud = 115200): EsptoolJs {
  const log: string[] = [];
  const port = new WebSerialShim(link, (line) => log.push(line));
  const transport = new LoggedTransport(port as unknown as ConstructorParameters<typeof Transport>[0], false);
  transport.onTrace = (line) => log.push(line);
  const terminal = { clean: () => {}, writeLine: (l: string) => log.push(l), write: (t: string) => log.push(t) };
  const loader = new ESPLoader({ transport, baudrate: baud, romBaudrate: 115200, terminal });
  return { loader, transport, log, close: () => transport.disconnect().catch(() => {}) };
}

/** writeFlash as web flashers call it: compressed, with esptool-js's own MD5 check against the chip's. */
export async function writeCompressed(loader: ESPLoader, address: number, data: Uint8Array): Promise<void> {
  await loader.writeFlash({
    fileArray: [{ data, address }],
    flashMode: "keep",
    flashFreq: "keep",
    flashSize: "keep",
    eraseAll: false,
    compress: true,
    calculateMD5Hash: (image: Uint8Array) => createHash("md5").update(image).digest("hex"),
  });
}
