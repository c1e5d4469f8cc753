// The board's Storage area (Espruino's `require("Storage")` files) with flash semantics, persisted under
// `<stateDir>/storage/`. Each file is its own host file, written synchronously on every Storage call, so what was
// written survives a board restart or power cut. A power cut lands between Storage calls: a file written in pieces
// (pre-sized with totalSize, then filled at offsets, as uploads do) stays partial, reading 0xFF where nothing landed.
// Write rules and error texts follow jsfWriteFile in src/jsflash.c; list() returns files in flash order (a file
// written anew moves to the end, as the journaling Storage appends it).
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";

export const STORAGE_NAME_MAX = 28;
/** Storage area of an ESP32 Espruino build (bytes) and the per-file header a file costs in flash. */
export const STORAGE_CAPACITY = 196608;
const FILE_HEADER_BYTES = 32;
const ALIGN = 4;

export type StorageWriteResult = { ok: true } | { ok: false; error: string };

export interface StorageStats {
  totalBytes: number;
  freeBytes: number;
  fileBytes: number;
  fileCount: number;
  trashBytes: number;
  trashCount: number;
}

interface Meta {
  trashBytes: number;
  trashCount: number;
  /** File names in the order they were (re)created: the order they sit in flash. */
  order?: string[];
}

function footprint(size: number): number {
  return FILE_HEADER_BYTES + Math.ceil(size / ALIGN) * ALIGN;
}

function isErased(file: Buffer, from: number, length: number): boolean {
  for (let i = from; i < from + length; i++) if (file[i] !== 0xff) return false;
  return true;
}

export function storageName(name: string): string {
  return name.slice(0, STORAGE_NAME_MAX);
}

function hostFileName(name: string): string {
  return Buffer.from(name, "latin1").toString("hex") + ".bin";
}

export class FlashStorage {
  private readonly dir: string;
  private readonly files = new Map<string, Buffer>();
  private meta: Meta = { trashBytes: 0, trashCount: 0 };

  constructor(stateDir: string) {
    this.dir = join(stateDir, "storage");
    mkdirSync(this.dir, { recursive: true });
    this.reload();
  }

  /** Re-reads the files from disk (another board instance may have written them). */
  reload(): void {
    this.files.clear();
    for (const entry of readdirSync(this.dir)) {
      if (!entry.endsWith(".bin")) continue;
      const name = Buffer.from(entry.slice(0, -4), "hex").toString("latin1");
      try {
        this.files.set(name, readFileSync(join(this.dir, entry)));
      } catch (e) {
        // The running board may erase a file between the listing and the read (a host-side view does this).
        if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
      }
    }
    const metaPath = join(this.dir, "meta.json");
    if (existsSync(metaPath)) {
      try {
        this.meta = JSON.parse(readFileSync(metaPath, "utf8")) as Meta;
      } catch {
        this.meta = { trashBytes: 0, trashCount: 0 };
      }
    }
    // put the files back in flash order (files the order does not know, e.g. from an older state dir, go last)
    const order = this.meta.order ?? [];
    const rank = (name: string) => (order.indexOf(name) < 0 ? order.length : order.indexOf(name));
    const sorted = [...this.files.entries()].sort((a, b) => rank(a[0]) - rank(b[0]) || (a[0] < b[0] ? -1 : 1));
    this.files.clear();
    for (const [name, file] of sorted) this.files.set(name, file);
  }

  read(name: string): Buffer | undefined {
    return this.files.get(storageName(name));
  }

  /** File names in flash order. */
  list(): string[] {
    return [...this.files.keys()].filter((name) => name !== "");
  }

  /**
   * Espruino's Storage.write (jsfWriteFile): at offset 0 a file is created sized `totalSize` (or the data length),
   * unwritten bytes reading 0xFF, replacing an existing file unless that one has the same size and is still all 0xFF
   * (then the data lands in it). At an offset the data goes into the existing file, and only over bytes that are
   * still erased (0xFF): flash cannot be rewritten without an erase, so anything else is refused.
   */
  write(nameIn: string, data: Buffer, offset = 0, totalSize?: number): StorageWriteResult {
    const name = storageName(nameIn);
    // an empty name is accepted (jswrap_storage_write checks none); the file can be read but is not listed
    if (offset < 0 || (totalSize ?? 0) < 0) return { ok: false, error: "Invalid offset or size" };
    const size = totalSize && totalSize > 0 ? totalSize : data.length;
    if (size === 0) return { ok: false, error: "Can't create zero length file" };
    let file = this.files.get(name);
    if (offset === 0 && (!file || file.length !== size || !isErased(file, 0, size))) {
      if (file && file.length === size && data.length === size && file.equals(data)) return { ok: true };
      const room = this.freeBytes() + this.meta.trashBytes + (file ? footprint(file.length) : 0);
      if (footprint(size) > room) return { ok: false, error: "Unable to find or create file" };
      if (file) this.remove(name, file);
      // out of room at the end of Storage: the firmware compacts (reclaims trash) and tries again
      if (footprint(size) > this.freeBytes()) this.compact();
      file = Buffer.alloc(size, 0xff);
    }
    if (!file) return { ok: false, error: "Unable to find or create file" };
    if (offset + data.length > file.length) return { ok: false, error: "Too much data for file size" };
    if (!isErased(file, offset, data.length)) return { ok: false, error: "File already written with different data" };
    data.copy(file, offset);
    this.save(name, file);
    return { ok: true };
  }

  erase(nameIn: string): void {
    const name = storageName(nameIn);
    const file = this.files.get(name);
    if (file) this.remove(name, file);
  }

  eraseAll(): void {
    for (const name of [...this.files.keys()]) rmSync(join(this.dir, hostFileName(name)), { force: true });
    this.files.clear();
    this.meta = { trashBytes: 0, trashCount: 0, order: [] };
    this.saveMeta();
  }

  compact(): void {
    this.meta = { ...this.meta, trashBytes: 0, trashCount: 0 };
    this.saveMeta();
  }

  freeBytes(): number {
    return STORAGE_CAPACITY - this.fileBytes() - this.meta.trashBytes;
  }

  getStats(): StorageStats {
    return {
      totalBytes: STORAGE_CAPACITY,
      freeBytes: this.freeBytes(),
      fileBytes: this.fileBytes(),
      fileCount: this.files.size,
      trashBytes: this.meta.trashBytes,
      trashCount: this.meta.trashCount,
    };
  }

  private fileBytes(): number {
    let total = 0;
    for (const file of this.files.values()) total += footprint(file.length);
    return total;
  }

  /** The file becomes trash (its flash stays used until compact()). */
  private remove(name: string, file: Buffer): void {
    this.meta.trashBytes += footprint(file.length);
    this.meta.trashCount++;
    this.files.delete(name);
    rmSync(join(this.dir, hostFileName(name)), { force: true });
    this.meta.order = [...this.files.keys()];
    this.saveMeta();
  }

  private save(name: string, file: Buffer): void {
    const isNew = !this.files.has(name);
    this.files.set(name, file);
    writeFileSync(join(this.dir, hostFileName(name)), file);
    if (isNew) {
      this.meta.order = [...this.files.keys()];
      this.saveMeta();
    }
  }

  private saveMeta(): void {
    writeFileSync(join(this.dir, "meta.json"), JSON.stringify(this.meta));
  }
}
