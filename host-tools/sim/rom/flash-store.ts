import { closeSync, existsSync, fstatSync, mkdirSync, openSync, readSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { FLASH_SECTOR_SIZE } from "./rom-protocol.ts";

export const DEFAULT_FLASH_SIZE = 4 * 1024 * 1024;

/**
 * SPI NOR flash backed by a file. Like the real part, a write can only clear bits (new = old AND data),
 * so writing without erasing first corrupts data; erase sets whole 4 KiB sectors to 0xFF.
 * Every change is written through to the file so other readers (and a crash) see what the chip holds.
 */
export class FlashStore {
  readonly size: number;
  private readonly data: Buffer;
  private fd: number | null;

  constructor(readonly path: string, size = DEFAULT_FLASH_SIZE) {
    if (size <= 0 || size % FLASH_SECTOR_SIZE !== 0) throw new Error(`flash size ${size} is not a multiple of 4 KiB`);
    mkdirSync(dirname(path), { recursive: true });
    const isNew = !existsSync(path);
    this.fd = openSync(path, isNew ? "w+" : "r+");
    this.size = size;
    this.data = Buffer.alloc(size, 0xff);
    const fileSize = fstatSync(this.fd).size;
    if (fileSize > 0) readSync(this.fd, this.data, 0, Math.min(fileSize, size), 0);
    // A missing or short file is completed with erased (0xFF) bytes.
    if (fileSize < size) this.persist(Math.min(fileSize, size), size);
  }

  read(offset: number, length: number): Buffer {
    this.checkRange(offset, length);
    return Buffer.from(this.data.subarray(offset, offset + length));
  }

  /** Erase every sector touched by [offset, offset + length). Returns the erased range. */
  eraseRange(offset: number, length: number): { start: number; end: number } {
    const start = Math.floor(offset / FLASH_SECTOR_SIZE) * FLASH_SECTOR_SIZE;
    const end = Math.min(this.size, Math.ceil((offset + length) / FLASH_SECTOR_SIZE) * FLASH_SECTOR_SIZE);
    if (end <= start) return { start, end: start };
    this.checkRange(start, end - start);
    this.data.fill(0xff, start, end);
    this.persist(start, end);
    return { start, end };
  }

  /** Program bytes (AND semantics). Returns false when the read-back differs, i.e. the area was not erased. */
  program(offset: number, bytes: Uint8Array): boolean {
    this.checkRange(offset, bytes.length);
    let ok = true;
    for (let i = 0; i < bytes.length; i++) {
      const v = this.data[offset + i] & bytes[i];
      this.data[offset + i] = v;
      if (v !== bytes[i]) ok = false;
    }
    this.persist(offset, offset + bytes.length);
    return ok;
  }

  contains(offset: number, length: number): boolean {
    return offset >= 0 && length >= 0 && offset + length <= this.size;
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  private checkRange(offset: number, length: number): void {
    if (!this.contains(offset, length)) {
      throw new RangeError(`flash access 0x${offset.toString(16)}+${length} is outside the ${this.size}-byte flash`);
    }
  }

  private persist(start: number, end: number): void {
    if (this.fd === null) throw new Error(`flash file ${this.path} is closed`);
    let pos = start;
    while (pos < end) pos += writeSync(this.fd, this.data, pos, end - pos, pos);
  }
}
