// A Storage double with the flash semantics of Espruino's jsfWriteFile (src/jsflash.c): offset 0 with a size
// creates a pre-sized file that reads 0xFF where unwritten; a write at an offset must land on erased (0xFF)
// bytes or it throws "File already written with different data"; names are cut to 28 characters.
// It counts file creations and writes so tests can prove the outbox does not rewrite the file per message.

import type { FlashStorage } from "../../firmware/app/outbox.ts";

const NAME_MAX = 28;

export class FlashStorageDouble implements FlashStorage {
  files = new Map<string, Uint8Array>();
  creates = 0;
  writes = 0;
  bytesWritten = 0;

  read(name: string, offset?: number, length?: number): string | undefined {
    const f = this.files.get(name.substr(0, NAME_MAX));
    if (!f) return undefined;
    const start = offset ?? 0;
    const end = length === undefined || length <= 0 ? f.length : Math.min(f.length, start + length);
    return Buffer.from(f.subarray(start, end)).toString("latin1");
  }

  write(name: string, data: string | Uint8Array, offset = 0, size = 0): boolean {
    name = name.substr(0, NAME_MAX);
    const bytes = typeof data === "string" ? Buffer.from(data, "latin1") : Buffer.from(data);
    if (size === 0) size = bytes.length;
    let f = this.files.get(name);
    if ((!f && offset === 0) || (f && offset === 0 && (size !== f.length || !isErased(f, 0, size)))) {
      if (f && offset === 0 && size === f.length && bytes.length === size && Buffer.from(f).equals(bytes)) return true;
      f = new Uint8Array(size).fill(0xff);
      this.files.set(name, f);
      this.creates++;
    }
    if (!f) throw new Error("Unable to find or create file");
    if (offset + bytes.length > f.length) throw new Error("Too much data for file size");
    if (!isErased(f, offset, bytes.length)) throw new Error("File already written with different data");
    f.set(bytes, offset);
    this.writes++;
    this.bytesWritten += bytes.length;
    return true;
  }

  erase(name: string): void {
    this.files.delete(name.substr(0, NAME_MAX));
  }

  list(): string[] {
    return [...this.files.keys()];
  }

  /** A deep copy, as the flash would look after a power cut at this instant. */
  snapshot(): FlashStorageDouble {
    const s = new FlashStorageDouble();
    for (const [k, v] of this.files) s.files.set(k, v.slice());
    return s;
  }
}

function isErased(f: Uint8Array, offset: number, length: number): boolean {
  for (let i = offset; i < offset + length; i++) if (f[i] !== 0xff) return false;
  return true;
}
