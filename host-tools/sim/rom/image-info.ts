// What a flash image holds, read the way the ESP32 second-stage bootloader sees it: the bootloader image at
// 0x1000, the partition table at 0x8000 and the application image (with its esp_app_desc_t) at 0x10000.
import { closeSync, openSync, readSync } from "node:fs";

export interface ImageInfo {
  bootloader: boolean;
  partitionTable: boolean;
  app: boolean;
  /** From the application's esp_app_desc_t, when present (ESP-IDF builds such as Espruino 2v2x). */
  projectName?: string;
  version?: string;
  idfVersion?: string;
  entry?: number;
  segments?: number;
  /** Espruino is installed: bootloader, partition table and an app image whose project is "espruino". */
  espruino: boolean;
}

const APP_DESC_MAGIC = 0xabcd5432;

function readAt(fd: number, offset: number, length: number): Buffer {
  const buf = Buffer.alloc(length, 0xff);
  readSync(fd, buf, 0, length, offset);
  return buf;
}

function cString(buf: Buffer): string {
  const end = buf.indexOf(0);
  return buf.subarray(0, end < 0 ? buf.length : end).toString("latin1");
}

export function imageInfo(flashFile: string, appOffset = 0x10000): ImageInfo {
  const fd = openSync(flashFile, "r");
  try {
    const bootloader = readAt(fd, 0x1000, 1)[0] === 0xe9;
    const table = readAt(fd, 0x8000, 2);
    const partitionTable = table[0] === 0xaa && table[1] === 0x50;
    // Image header (24 bytes), then the first segment header (8 bytes), then esp_app_desc_t.
    const header = readAt(fd, appOffset, 24 + 8 + 256);
    const app = header[0] === 0xe9;
    const info: ImageInfo = { bootloader, partitionTable, app, espruino: false };
    if (!app) return info;
    info.segments = header[1];
    info.entry = header.readUInt32LE(4);
    const desc = header.subarray(32);
    if (desc.readUInt32LE(0) === APP_DESC_MAGIC) {
      info.version = cString(desc.subarray(16, 48));
      info.projectName = cString(desc.subarray(48, 80));
      info.idfVersion = cString(desc.subarray(112, 144));
    }
    info.espruino = bootloader && partitionTable && /espruino/i.test(info.projectName ?? "");
    return info;
  } finally {
    closeSync(fd);
  }
}
