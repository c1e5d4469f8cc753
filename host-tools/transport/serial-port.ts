// Opens a serial port with `serialport`, except that a write never stops the reading.
//
// Why: @serialport/bindings-cpp 13 waits for a full output buffer (EAGAIN) with its fd poller, and its native
// Poller::poll() re-arms libuv with only the event just asked for (`uv_poll_start(handle, events)`, not the union
// it records). Waiting for "writable" therefore silently drops the pending "readable" watch: nothing is read until
// the write can go on. A board that is itself blocked writing to its console (Espruino's Linux build behind a
// pseudo-terminal, a USB adapter whose buffer is full) only reads again once we read, so both sides wait forever:
// this is how `espnode deploy` hung mid-upload. Here a write that meets a full buffer retries on a short timer
// instead, so the poller only ever watches "readable" and the port is read the whole time it is open.
import { write as fsWrite } from "node:fs";
import { promisify } from "node:util";
import { autoDetect, type AutoDetectTypes } from "@serialport/bindings-cpp";
import { SerialPortStream } from "@serialport/stream";

const writeAsync = promisify(fsWrite);
/** Retry delays while the OS buffer stays full: short at first (it usually drains within a character time). */
const RETRY_FIRST_MS = 1;
const RETRY_MAX_MS = 16;
const FULL_BUFFER_CODES = new Set(["EAGAIN", "EWOULDBLOCK", "EINTR"]);
const DISCONNECT_CODES = new Set(["EBADF", "ENXIO", "UNKNOWN"]);

/** The parts of a unix port binding (LinuxPortBinding, DarwinPortBinding) that the write below relies on. */
interface UnixPortBinding {
  fd: number | null;
  readonly isOpen: boolean;
  poller?: unknown;
  writeOperation: Promise<void> | null;
  write(buffer: Buffer): Promise<void>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function writeAll(port: UnixPortBinding, buffer: Buffer): Promise<void> {
  let offset = 0;
  let retryMs = RETRY_FIRST_MS;
  while (offset < buffer.length) {
    if (!port.isOpen || port.fd === null) throw new Error("Port is not open");
    try {
      const { bytesWritten } = await writeAsync(port.fd, buffer, offset, buffer.length - offset);
      offset += bytesWritten;
      retryMs = RETRY_FIRST_MS;
    } catch (err) {
      const e = err as NodeJS.ErrnoException & { disconnect?: boolean };
      if (!FULL_BUFFER_CODES.has(e.code ?? "")) {
        if (DISCONNECT_CODES.has(e.code ?? "") || e.errno === -1) e.disconnect = true;
        throw e;
      }
      await sleep(retryMs);
      retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    }
  }
}

/** Replaces a unix binding's write with one that never waits on the poller (Windows bindings are left alone). */
function writeWithoutPoller<T extends object>(port: T): T {
  const unix = port as unknown as UnixPortBinding;
  if (!unix.poller || !("fd" in unix)) return port;
  unix.write = (buffer: Buffer) => {
    const operation = buffer.length === 0 ? Promise.resolve() : writeAll(unix, buffer);
    // drain() awaits writeOperation, as the original binding arranges it
    const tracked: Promise<void> = operation.then(() => {
      if (unix.writeOperation === tracked) unix.writeOperation = null;
    });
    unix.writeOperation = tracked;
    return tracked;
  };
  return port;
}

let binding: AutoDetectTypes | undefined;

/** The platform's binding, with writes that keep the port readable. */
export function readingBinding(): AutoDetectTypes {
  if (binding) return binding;
  const platform = autoDetect();
  binding = {
    list: () => platform.list(),
    open: async (options: Parameters<typeof platform.open>[0]) => writeWithoutPoller(await platform.open(options as never)),
  } as unknown as AutoDetectTypes;
  return binding;
}

export type SerialPortOptions = Omit<ConstructorParameters<typeof SerialPortStream>[0], "binding">;

/** Like `new SerialPort(options)` from `serialport`, with writes that never stop the reading (see above). */
export function createSerialPort(options: SerialPortOptions): SerialPortStream {
  return new SerialPortStream({ ...options, binding: readingBinding() } as ConstructorParameters<typeof SerialPortStream>[0]);
}
