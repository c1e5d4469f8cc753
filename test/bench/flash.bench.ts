// Flash throughput through esptool-js and the ROM emulator (in-process, unpaced), next to what the wire
// would allow at common baud rates for the same compressed bytes (10 bits per byte on a UART).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { RomSession } from "../../host-tools/device/rom/rom-session.ts";
import { EmulatedEsp32 } from "../../host-tools/sim/rom/emulated-esp32.ts";

function firmwareLike(size: number): Buffer {
  // One random byte in four, the rest structured: compressible, but not trivially (the table shows the ratio).
  const out = Buffer.alloc(size);
  const noise = randomBytes(size);
  for (let i = 0; i < size; i++) out[i] = i % 4 === 0 ? noise[i] : (i >> 7) & 0xff;
  out[0] = 0xe9;
  return out;
}

export default async function bench(): Promise<{ title: string; rows: Record<string, string | number>[] }> {
  const dir = mkdtempSync(join(tmpdir(), "espnode-flash-bench-"));
  const rows: Record<string, string | number>[] = [];
  try {
    for (const size of [256 * 1024, 1024 * 1024]) {
      const image = firmwareLike(size);
      const compressed = deflateSync(image, { level: 9 }).length;
      const chip = new EmulatedEsp32({ flashFile: join(dir, `flash-${size}.bin`), startInDownloadMode: true });
      const session = await RomSession.connect({ link: chip, before: "no-reset", baud: 921600 });
      const t0 = performance.now();
      await session.writeImages([{ address: 0x10000, data: image, name: "app.bin" }]);
      const seconds = (performance.now() - t0) / 1000;
      await session.close();
      chip.dispose();
      const wire = (baud: number) => (compressed * 10) / baud;
      rows.push({
        image: `${size / 1024} KiB`,
        compressed: `${Math.round((compressed / size) * 100)} %`,
        "emulated s (write+MD5)": seconds.toFixed(2),
        "KiB/s": Math.round(size / 1024 / seconds),
        "wire s @115200": wire(115200).toFixed(1),
        "wire s @460800": wire(460800).toFixed(1),
        "wire s @921600": wire(921600).toFixed(1),
      });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return { title: "Flashing through the ROM loader (esptool-js ROM mode, compressed, MD5-verified)", rows };
}
