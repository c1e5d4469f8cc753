// The board's Storage area (Espruino's `require("Storage")` files) with flash semantics, persisted under
// `<stateDir>/storage/`. Each file is its own host file, written synchronously on every Storage call, so what was
// written survives a board restart or power cut. A power cut lands between Storage calls: a file written in pieces
// (pre-sized with totalSize, then filled at offsets, as uploads do) stays partial, reading 0xFF where nothing landed.
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
}

function footprint(size: number): number {
  return FILE_HEADER_BYTES + Math.ceil(size / ALIGN) * ALIGN;
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
      this.files.set(name, readFileSync(join(this.dir, entry)));
    }
    const metaPath = join(this.dir, "meta.json");
    if (existsSync(metaPath)) {
      try {
        this.meta = JSON.parse(readFileSync(metaPath, "utf8")) as Meta;
      } catch {
        this.meta = { trashBytes: 0, trashCount: 0 };
      }
    }
  }

  read(name: string): Buffer | undefined {
    return this.files.get(storageName(name));
  }

  list(): string[] {
    return [...this.files.keys()].sort();
  }

  /**
   * Espruino's Storage.write: offset 0 (or none) creates the file anew, sized `totalSize` (or the data length),
   * unwritten bytes reading 0xFF; a later write at an offset lands inside the existing file and can only clear bits.
   */
  write(nameIn: string, data: Buffer, offset = 0, totalSize?: number): StorageWriteResult {
    const name = storageName(nameIn);
    if (name.length === 0) return { ok: false, error: "Invalid Storage filename" };
    if (offset === 0) {
      const size = totalSize && totalSize > 0 ? totalSize : data.length;
      if (data.length > size) return { ok: false, error: "Too much data for file size" };
      const existing = this.files.get(name);
      if (existing && existing.length === size && data.length === size && existing.equals(data)) return { ok: true };
      const freeAfterErase = this.freeBytes() + (existing ? footprint(existing.length) : 0);
      if (footprint(size) > freeAfterErase) return { ok: false, error: "Not enough free space in Storage" };
      if (existing) this.trash(existing);
      const file = Buffer.alloc(size, 0xff);
      data.copy(file, 0);
      this.save(name, file);
      return { ok: true };
    }
    const file = this.files.get(name);
    if (!file) return { ok: false, error: `File ${JSON.stringify(name)} does not exist, write at offset 0 first` };
    if (offset + data.length > file.length) return { ok: false, error: "Too much data for file size" };
    // Flash without erase: a write can only turn 1 bits into 0 bits.
    for (let i = 0; i < data.length; i++) file[offset + i] = file[offset + i]! & data[i]!;
    this.save(name, file);
    return { ok: true };
  }

  erase(nameIn: string): void {
    const name = storageName(nameIn);
    const file = this.files.get(name);
    if (!file) return;
    this.trash(file);
    this.files.delete(name);
    rmSync(join(this.dir, hostFileName(name)), { force: true });
  }

  eraseAll(): void {
    for (const name of [...this.files.keys()]) rmSync(join(this.dir, hostFileName(name)), { force: true });
    this.files.clear();
    this.meta = { trashBytes: 0, trashCount: 0 };
    this.saveMeta();
  }

  compact(): void {
    this.meta = { trashBytes: 0, trashCount: 0 };
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

  private trash(file: Buffer): void {
    this.meta.trashBytes += footprint(file.length);
    this.meta.trashCount++;
    this.saveMeta();
  }

  private save(name: string, file: Buffer): void {
    this.files.set(name, file);
    writeFileSync(join(this.dir, hostFileName(name)), file);
  }

  private saveMeta(): void {
    writeFileSync(join(this.dir, "meta.json"), JSON.stringify(this.meta));
  }
}
