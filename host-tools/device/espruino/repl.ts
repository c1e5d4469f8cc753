// Espruino REPL client: get a prompt, evaluate an expression and read its value unambiguously, find the version.
// Every command goes out as an echo-off line (DLE 0x10 first), so what we type, secrets included, is never echoed.
// The answer is printed between markers built at run time ("<"+"q7<"), so the marker text never appears in the
// source line itself and cannot be confused with an echo or with the app's own output.
import { EspnodeError } from "../../transport/errors.ts";
import type { EspruinoConsole } from "./console.ts";
import { ROM_SYNC_FRAME, ROM_SYNC_REPLY } from "../rom/sync-probe.ts";

export const DLE = "\x10";
export const CTRL_C = "\x03";
/** What the ESP32 ROM prints when it resets into download mode. */
const ROM_BANNER = /waiting for download|boot:0x\d+ \(DOWNLOAD/i;
/** How long the ROM gets to answer the SYNC probe (it answers within a few ms; the console may be paced). */
const ROM_PROBE_MS = 500;

export interface BoardVersion {
  /** e.g. "2v25" or "2v29.277" */
  version: string;
  board: string;
  major: number;
  minor: number;
}

export function parseVersion(version: string, board = ""): BoardVersion {
  const m = /^(\d+)v(\d+)/.exec(version);
  return { version, board, major: m ? +m[1] : 0, minor: m ? +m[2] : 0 };
}

/** True when the firmware has the packet protocol (2v25 and later). */
export function hasPacketProtocol(v: BoardVersion): boolean {
  return v.major > 2 || (v.major === 2 && v.minor >= 25);
}

export class EspruinoRepl {
  private seq = 0;
  constructor(readonly console: EspruinoConsole) {}

  private nextTag(): string {
    this.seq = (this.seq % 9999) + 1;
    return `q${this.seq}`;
  }

  /** Sends one echo-off line (no answer awaited). */
  async sendLine(code: string): Promise<void> {
    await this.console.write(DLE + code + "\n");
  }

  /**
   * Evaluates a JS expression on the board and returns its JSON value (undefined stays undefined).
   * A JS error on the board rejects with a "device" EspnodeError carrying the board's message.
   */
  async eval<T = unknown>(expr: string, timeoutMs = 5000): Promise<T> {
    const tag = this.nextTag();
    const open = `"<"+"${tag}<"`;
    const fail = `"<"+"${tag}!"`;
    const close = `">${tag}>"`;
    const line = `try{print(${open}+JSON.stringify(${expr})+${close})}catch(e){print(${fail}+e+${close})}`;
    await this.sendLine(line);
    const m = await this.console.waitFor(new RegExp(`<${tag}([<!])([^]*?)>${tag}>`), timeoutMs, "the board's answer");
    const [kind, body] = m.groups;
    if (kind === "!") throw new EspnodeError("device", `The board reported: ${body}.`, "");
    if (body === "undefined" || body === "") return undefined as T;
    try {
      return JSON.parse(body) as T;
    } catch {
      throw new EspnodeError("device", `Unreadable answer from the board: ${body.slice(0, 80)}.`, "Check the baud rate.");
    }
  }

  /**
   * Gets the board's attention: Ctrl-C (clears a half-typed line, stops a busy loop), then a round trip.
   * Distinguishes "nothing answers", "the ROM bootloader is waiting" (its banner was seen, or it answers a ROM
   * SYNC sent after the REPL stayed silent) and "garbage" (wrong baud).
   */
  async sync(attempts = 3, timeoutMs = 1500, interrupt = true): Promise<void> {
    let seen = "";
    for (let i = 0; i < attempts; i++) {
      seen += this.console.peek();
      this.console.clear();
      // Ctrl-C would interrupt an app that is starting up; after our own load() we only ask.
      if (interrupt) {
        await this.console.write(CTRL_C);
        await new Promise((r) => setTimeout(r, 50));
      }
      try {
        const v = await this.eval<number>("1+1", timeoutMs);
        if (v === 2) return;
      } catch (e) {
        if (!(e instanceof EspnodeError) || e.kind !== "device") throw e;
      }
    }
    seen += this.console.peek();
    if (ROM_BANNER.test(seen) || (await this.romAnswersSync()))
      throw new EspnodeError(
        "device",
        `The board on ${this.console.transport.path} is in download mode (ROM bootloader), not running Espruino.`,
        "Press RESET (EN) without holding BOOT (a virtual board: type `reset` where `espnode sim` runs), or flash Espruino first with `espnode flash`.",
      );
    const garbage = seen.length > 0 && /[\x80-\xff]/.test(seen);
    throw new EspnodeError(
      "device",
      `No prompt from the board on ${this.console.transport.path}${garbage ? " (it sent unreadable bytes)" : ""}.`,
      garbage
        ? "The baud rate is probably wrong: try --baud 115200 (Espruino's default)."
        : "Check that the board runs Espruino (flash it with `espnode flash`), that --port is the right port, and press RESET.",
    );
  }

  /** Sends one ROM SYNC and reports whether the ESP32 ROM bootloader answered it. */
  private async romAnswersSync(): Promise<boolean> {
    this.console.clear();
    await this.console.write(ROM_SYNC_FRAME);
    try {
      await this.console.waitFor(ROM_SYNC_REPLY, ROM_PROBE_MS, "the ROM bootloader's answer");
      return true;
    } catch (e) {
      if (e instanceof EspnodeError && e.kind === "device") return false;
      throw e;
    }
  }

  /** Reads the firmware version and board name from process.env. */
  async version(): Promise<BoardVersion> {
    const env = await this.eval<{ VERSION?: string; BOARD?: string }>(
      "{VERSION:process.env.VERSION,BOARD:process.env.BOARD}",
    );
    if (!env || typeof env.VERSION !== "string")
      throw new EspnodeError("device", "The board did not report an Espruino version.", "Is this board running Espruino?");
    return parseVersion(env.VERSION, env.BOARD ?? "");
  }
}
