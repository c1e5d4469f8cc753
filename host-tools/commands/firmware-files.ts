// Which bytes go where: an Espruino ESP32 release directory (bootloader.bin @0x1000, partitions_espruino.bin
// @0x8000, espruino_esp32.bin @0x10000, as in Espruino's README_flash.txt), a merged image, or an app image.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { basename, join } from "node:path";
import { EspnodeError } from "../transport/errors.ts";

export interface FirmwareImage {
  address: number;
  data: Uint8Array;
  name: string;
}

export const BOOTLOADER_OFFSET = 0x1000;
export const PARTITION_TABLE_OFFSET = 0x8000;
export const APP_OFFSET = 0x10000;
const IMAGE_MAGIC = 0xe9;

function isPartitionTable(data: Uint8Array, at = 0): boolean {
  return data.length >= at + 2 && data[at] === 0xaa && data[at + 1] === 0x50;
}

function pick(names: string[], patterns: RegExp[]): string | undefined {
  for (const pattern of patterns) {
    const hit = names.filter((n) => pattern.test(n)).sort()[0];
    if (hit) return hit;
  }
  return undefined;
}

function fromDirectory(dir: string): FirmwareImage[] {
  const names = readdirSync(dir).filter((n) => n.endsWith(".bin"));
  const bootloader = pick(names, [/^bootloader\.bin$/, /^bootloader.*\.bin$/]);
  const partitions = pick(names, [/^partitions_espruino\.bin$/, /^partition.*\.bin$/]);
  const app = pick(names, [/^espruino_esp32\.bin$/, /^espruino.*esp32.*\.bin$/, /^espruino.*\.bin$/]);
  const missing = [
    !bootloader && "bootloader.bin",
    !partitions && "partitions_espruino.bin",
    !app && "espruino_esp32.bin",
  ].filter(Boolean);
  if (missing.length > 0) {
    throw new EspnodeError(
      "usage",
      `${dir} is not an Espruino ESP32 firmware directory: ${missing.join(", ")} not found.`,
      "Unzip the Espruino release (espruino_2vXX_esp32) and pass its folder, or pass a single merged .bin file.",
    );
  }
  const images = [
    { address: BOOTLOADER_OFFSET, name: bootloader!, data: readFileSync(join(dir, bootloader!)) },
    { address: PARTITION_TABLE_OFFSET, name: partitions!, data: readFileSync(join(dir, partitions!)) },
    { address: APP_OFFSET, name: app!, data: readFileSync(join(dir, app!)) },
  ];
  for (const image of images) {
    const ok = image.address === PARTITION_TABLE_OFFSET ? isPartitionTable(image.data) : image.data[0] === IMAGE_MAGIC;
    if (!ok) {
      throw new EspnodeError(
        "usage",
        `${join(dir, image.name)} does not look like ${image.address === PARTITION_TABLE_OFFSET ? "a partition table" : "an ESP32 image"}.`,
        "Download the firmware again from espruino.com/Download (ESP32 build) and unzip it.",
      );
    }
  }
  return images;
}

function fromFile(file: string): FirmwareImage[] {
  const data = readFileSync(file);
  const name = basename(file);
  // A merged image holds the partition table 0x8000 bytes after its start (or 0x7000 if it starts at 0x1000).
  if (isPartitionTable(data, PARTITION_TABLE_OFFSET)) return [{ address: 0, name, data }];
  if (data[0] === IMAGE_MAGIC && isPartitionTable(data, PARTITION_TABLE_OFFSET - BOOTLOADER_OFFSET)) {
    return [{ address: BOOTLOADER_OFFSET, name, data }];
  }
  if (data[0] === IMAGE_MAGIC) return [{ address: APP_OFFSET, name, data }];
  throw new EspnodeError(
    "usage",
    `${file} is neither a merged ESP32 flash image nor an ESP32 application image.`,
    "Pass the Espruino ESP32 release folder (bootloader.bin, partitions_espruino.bin, espruino_esp32.bin) or a merged .bin.",
  );
}

/** Reads --firmware (a directory or a file) into images with their flash addresses. */
export function loadFirmware(path: string): FirmwareImage[] {
  let isDir: boolean;
  try {
    isDir = statSync(path).isDirectory();
  } catch {
    throw new EspnodeError("usage", `Firmware ${path} does not exist.`, "Pass the path of the unzipped Espruino ESP32 release folder or a .bin file.");
  }
  return isDir ? fromDirectory(path) : fromFile(path);
}
