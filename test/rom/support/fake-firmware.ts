// A generated Espruino-shaped ESP32 release: the real file names and headers, made-up contents.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

function esp32Image(size: number, seed: number, appDesc?: { project: string; version: string }): Buffer {
  const image = Buffer.alloc(size);
  let x = seed;
  for (let i = 0; i < size; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    image[i] = i % 3 === 0 ? x >>> 24 : (i >> 8) & 0xff; // partly compressible, like code
  }
  image[0] = 0xe9;
  image[1] = 3; // segments
  image[2] = 2; // DIO
  image[3] = 0x20; // 4 MB, 40 MHz
  image.writeUInt32LE(0x40080000 + seed, 4); // entry
  if (appDesc) {
    const desc = image.subarray(32);
    desc.fill(0, 0, 256);
    desc.writeUInt32LE(0xabcd5432, 0);
    desc.write(appDesc.version, 16, "latin1");
    desc.write(appDesc.project, 48, "latin1");
    desc.write("v4.4.8", 112, "latin1");
  }
  return image;
}

export function partitionTable(): Buffer {
  const table = Buffer.alloc(3072, 0xff);
  table[0] = 0xaa;
  table[1] = 0x50;
  table.fill(0, 2, 32);
  return table;
}

export interface FakeFirmware {
  dir: string;
  bootloader: Buffer;
  partitions: Buffer;
  app: Buffer;
}

export function fakeEspruinoRelease(appSize = 120_000): FakeFirmware {
  const dir = join(mkdtempSync(join(tmpdir(), "espnode-fw-")), "espruino_2v25_esp32");
  mkdirSync(dir);
  const bootloader = esp32Image(26_000, 1);
  const partitions = partitionTable();
  const app = esp32Image(appSize, 2, { project: "espruino", version: "2v25" });
  writeFileSync(join(dir, "bootloader.bin"), bootloader);
  writeFileSync(join(dir, "partitions_espruino.bin"), partitions);
  writeFileSync(join(dir, "espruino_esp32.bin"), app);
  writeFileSync(join(dir, "README_flash.txt"), "esptool.py ... 0x1000 bootloader.bin 0x8000 partitions_espruino.bin 0x10000 espruino_esp32.bin\n");
  return { dir, bootloader, partitions, app };
}

/** The same three parts merged into one image starting at 0x0, as `esptool merge_bin` makes it. */
export function mergedImage(fw: FakeFirmware): Buffer {
  const merged = Buffer.alloc(0x10000 + fw.app.length, 0xff);
  fw.bootloader.copy(merged, 0x1000);
  fw.partitions.copy(merged, 0x8000);
  fw.app.copy(merged, 0x10000);
  return merged;
}
