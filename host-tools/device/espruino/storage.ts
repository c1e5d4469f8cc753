// Storage files on an Espruino board: upload (packet protocol, or echo-off Storage.write lines as the fallback),
// CRC-32 on the board, erase, small reads. The board's E.CRC32 equals zlib's CRC-32 of the same bytes, so an
// upload is verified by comparing the two numbers.
import { crc32 as zlibCrc32 } from "node:zlib";
import { EspnodeError } from "../../transport/errors.ts";
import { PacketClient, type Progress } from "./packet.ts";
import type { EspruinoRepl } from "./repl.ts";

/** Storage names longer than this are silently truncated by the firmware (two names could collide). */
export const MAX_STORAGE_NAME = 28;
/** Raw bytes per fallback line: 512 base64 characters, short enough for any board's line buffer. */
export const LINE_CHUNK = 384;

export function crc32(data: Buffer | string): number {
  return zlibCrc32(typeof data === "string" ? Buffer.from(data, "latin1") : data) >>> 0;
}

export type UploadMethod = "packet" | "lines";

export interface UploadOptions {
  method: UploadMethod;
  onProgress?: Progress;
}

function checkName(name: string): string {
  if (name.length === 0 || name.length > MAX_STORAGE_NAME)
    throw new EspnodeError("usage", `Storage name "${name}" must be 1-${MAX_STORAGE_NAME} characters.`, "Choose a shorter name.");
  return JSON.stringify(name);
}

export class BoardStorage {
  private readonly packets: PacketClient;
  constructor(readonly repl: EspruinoRepl) {
    this.packets = new PacketClient(repl.console);
  }

  /** CRC-32 of a Storage file as an unsigned number, or null when the file does not exist. */
  async crc(name: string): Promise<number | null> {
    const n = checkName(name);
    const v = await this.repl.eval<number | null>(
      `(function(){var f=require("Storage").read(${n});return f===undefined?null:E.CRC32(f)>>>0})()`,
      15000,
    );
    return v === null || v === undefined ? null : v >>> 0;
  }

  async erase(name: string): Promise<void> {
    await this.repl.eval(`require("Storage").erase(${checkName(name)})`);
  }

  /** Reads a short text file (undefined when missing). Only for small files: the text crosses the console. */
  async readText(name: string): Promise<string | undefined> {
    return this.repl.eval<string | undefined>(`require("Storage").read(${checkName(name)})`);
  }

  async list(): Promise<string[]> {
    return (await this.repl.eval<string[]>(`require("Storage").list()`)) ?? [];
  }

  /** Free bytes in Storage, when the board says. */
  async free(): Promise<number | undefined> {
    return this.repl.eval<number | undefined>(`require("Storage").getFree?require("Storage").getFree():undefined`);
  }

  /** Writes data as the whole of file `name` (replacing it). Does not verify: call crc() for that. */
  async upload(name: string, data: Buffer, opts: UploadOptions): Promise<void> {
    checkName(name);
    if (data.length === 0) throw new EspnodeError("usage", `Refusing to upload an empty file to ${name}.`, "Check the file.");
    if (opts.method === "packet") return this.packets.sendFile(name, data, opts.onProgress);
    return this.uploadLines(name, data, opts.onProgress);
  }

  /**
   * Fallback for firmware before 2v25: one echo-off Storage.write line per chunk, each acknowledged (by its
   * eval answer) before the next is sent, so nothing is lost at any baud. The first line sizes the file; later
   * lines fill it in place (flash bits only go 1→0, so no erase is needed).
   */
  private async uploadLines(name: string, data: Buffer, onProgress?: Progress): Promise<void> {
    const n = checkName(name);
    onProgress?.(0, data.length);
    for (let off = 0; off < data.length; off += LINE_CHUNK) {
      const chunk = data.subarray(off, off + LINE_CHUNK).toString("base64");
      const args = off === 0 ? `0,${data.length}` : `${off}`;
      const ok = await this.repl.eval<boolean>(`require("Storage").write(${n},atob("${chunk}"),${args})`, 10000);
      if (ok !== true)
        throw new EspnodeError(
          "device",
          `The board could not write ${name} at offset ${off} (Storage full?).`,
          "Free space with require(\"Storage\").compact() or erase unused files, then try again.",
        );
      onProgress?.(Math.min(off + LINE_CHUNK, data.length), data.length);
    }
  }

  /** Uploads to `name` and checks the board's CRC-32 against the host's; throws a "verify" error on mismatch. */
  async uploadVerified(name: string, data: Buffer, opts: UploadOptions): Promise<number> {
    await this.upload(name, data, opts);
    const want = crc32(data);
    const got = await this.crc(name);
    if (got !== want)
      throw new EspnodeError(
        "verify",
        `${name} on the board does not match what was sent (CRC ${got === null ? "missing" : got.toString(16)} ≠ ${want.toString(16)}).`,
        "Run the command again; if it repeats, try a lower --baud.",
      );
    return want;
  }
}
