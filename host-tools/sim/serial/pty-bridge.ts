// Exposes the board's console on a real pseudo-terminal (what `espnode sim` prints as `port: /dev/pts/N`).
// We open the pty pair with node-pty's native openpty, keep the slave fd open but never read it (so no reader of
// ours steals bytes from the client, and the master does not hit EIO while no client is connected), and put the
// line discipline in raw mode with stty (no echo, no CR/LF translation, no ^C/^S handling) so binary packets pass
// untouched. A client that opens the path sets its own termios as usual.
// When no client drains the pty and its buffer fills, further output is dropped, like a USB-serial adapter does;
// or, with `blocking`, it waits and the board reads nothing from the pty meanwhile, as Espruino's Linux build does
// behind a pty (its console write() blocks the interpreter, input included).
import { execFileSync } from "node:child_process";
import { closeSync, write as fsWrite } from "node:fs";
import { createRequire } from "node:module";
import tty from "node:tty";

interface NativePty {
  open(cols: number, rows: number): { master: number; slave: number; pty: string };
}

const MAX_QUEUED_BYTES = 256 * 1024;

function loadNativePty(): NativePty {
  const require = createRequire(import.meta.url);
  const utils = require("node-pty/lib/utils.js") as { loadNativeModule(name: string): { module: NativePty } };
  return utils.loadNativeModule("pty").module;
}

export interface PtyBridgeOptions {
  /** Output waits for the client instead of being dropped, and input is not read while it waits. */
  blocking?: boolean;
}

export class PtyBridge {
  private readonly reader: tty.ReadStream;
  private queue: Buffer[] = [];
  private queued = 0;
  private writing = false;
  private closed = false;
  /** Output is waiting for the client to read (blocking mode). */
  private outputBlocked = false;
  /** The board was told to stop reading (a stalled console). */
  private inputPaused = false;

  private constructor(
    readonly path: string,
    private readonly master: number,
    private readonly slave: number,
    onInput: (bytes: Buffer) => void,
    private readonly blocking: boolean,
  ) {
    this.reader = new tty.ReadStream(master);
    this.reader.on("data", (chunk: Buffer | string) => {
      onInput(typeof chunk === "string" ? Buffer.from(chunk, "latin1") : chunk);
    });
    // EIO when the last slave fd closes is expected on Linux; we keep ours open, so treat any error as the end.
    this.reader.on("error", () => {});
  }

  static open(onInput: (bytes: Buffer) => void, options: PtyBridgeOptions = {}): PtyBridge {
    let native: NativePty;
    try {
      native = loadNativePty();
    } catch (err) {
      throw new Error(`cannot load node-pty's native module to create a pseudo-terminal: ${(err as Error).message}; run \`npm rebuild node-pty\``);
    }
    const { master, slave, pty } = native.open(80, 24);
    try {
      execFileSync("stty", ["-F", pty, "raw", "-echo", "-echoe", "-echok", "-echoctl", "-echoke", "-ixon", "-ixoff", "-icrnl", "-onlcr", "-opost", "-isig", "-icanon", "min", "1", "time", "0"], { stdio: "ignore" });
    } catch (err) {
      closeSync(master);
      closeSync(slave);
      throw new Error(`cannot put ${pty} in raw mode with stty: ${(err as Error).message}`);
    }
    return new PtyBridge(pty, master, slave, onInput, options.blocking ?? false);
  }

  /** Stops reading the pty: the kernel's buffer fills and the client's writes then wait (a stalled console). */
  pause(): void {
    this.inputPaused = true;
    this.reader.pause();
  }

  resume(): void {
    this.inputPaused = false;
    if (!this.outputBlocked && !this.closed) this.reader.resume();
  }

  write(bytes: Buffer): void {
    if (this.closed) return;
    if (!this.blocking && this.queued + bytes.length > MAX_QUEUED_BYTES) return;
    this.queue.push(bytes);
    this.queued += bytes.length;
    this.flush();
  }

  private flush(): void {
    if (this.writing || this.closed || !this.queue.length) return;
    const chunk = this.queue.length === 1 ? this.queue[0]! : Buffer.concat(this.queue);
    this.queue = [];
    this.writing = true;
    fsWrite(this.master, chunk, 0, chunk.length, null, (err, written) => {
      this.writing = false;
      if (this.closed) return;
      const rest = err ? (err.code === "EAGAIN" ? chunk : Buffer.alloc(0)) : chunk.subarray(written);
      this.queued -= chunk.length - rest.length;
      if (rest.length) {
        this.queue.unshift(rest);
        // the pty buffer is full (no client reading): try again shortly
        if (this.blocking && !this.outputBlocked) {
          this.outputBlocked = true;
          this.reader.pause();
        }
        setTimeout(() => this.flush(), err ? 20 : 0);
      } else {
        if (this.outputBlocked && !this.queue.length) {
          this.outputBlocked = false;
          if (!this.inputPaused) this.reader.resume();
        }
        this.flush();
      }
    });
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.reader.destroy();
    try {
      closeSync(this.slave);
    } catch {
      // already closed
    }
  }
}
