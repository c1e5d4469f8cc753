// Flash throughput, flasher stub vs ROM loader, in the same run: RomSession (esptool-js underneath, as
// `espnode flash` uses it) against the ROM emulator inside a VirtualBoard whose UART is paced like a real one
// (8N1, 10 bits per byte; the pacing follows CHANGE_BAUDRATE). "wire limit" is the time the bytes the host sent
// during the write (esptool-js's compressed image, SLIP-framed with command headers) need at that baud; "of wire
// limit" = wire limit / measured time, i.e. how busy the host-to-chip line was (1.0 = never idle). The time
// includes esptool-js compressing the image and the MD5 check. Unpaced rows show the emulator's own cost. The emulator does not model flash erase/program time, which is
// where the stub gains most on a real chip (erase while receiving, 16 KiB blocks acknowledged before writing).
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { RomSession } from "../../host-tools/device/rom/rom-session.ts";
import type { SerialLink } from "../../host-tools/device/rom/serial-link.ts";
import { VirtualBoard } from "../../host-tools/sim/board.ts";
import { EmulatedEsp32 } from "../../host-tools/sim/rom/emulated-esp32.ts";
import { BoardLink } from "../rom/support/board-link.ts";

const IMAGE_SIZE = 256 * 1024;
const PACED_BAUDS = [460800, 921600];

function firmwareLike(size: number): Buffer {
  // One random byte in four, the rest structured: compressible, but not trivially (the table shows the ratio).
  const out = Buffer.alloc(size);
  const noise = randomBytes(size);
  for (let i = 0; i < size; i++) out[i] = i % 4 === 0 ? noise[i] : (i >> 7) & 0xff;
  out[0] = 0xe9;
  return out;
}

/** Counts the bytes the host writes, to know what had to cross the wire. */
function counted<T extends SerialLink>(link: T): T & { sent: number } {
  const out = link as T & { sent: number };
  out.sent = 0;
  const write = link.write.bind(link);
  out.write = async (bytes: Uint8Array) => {
    out.sent += bytes.length;
    return write(bytes);
  };
  return out;
}

async function timeWrite(session: RomSession, link: { sent: number }, image: Buffer): Promise<{ seconds: number; sent: number }> {
  link.sent = 0;
  const t0 = performance.now();
  await session.writeImages([{ address: 0x10000, data: image, name: "app.bin" }]);
  return { seconds: (performance.now() - t0) / 1000, sent: link.sent };
}

export default async function bench(): Promise<{ title: string; rows: Record<string, string | number>[]; notes: string[] }> {
  const dir = mkdtempSync(join(tmpdir(), "espnode-flash-bench-"));
  const rows: Record<string, string | number>[] = [];
  const image = firmwareLike(IMAGE_SIZE);
  const row = (loader: string, baud: number | "unpaced", { seconds, sent }: { seconds: number; sent: number }) => {
    const wire = typeof baud === "number" ? (sent * 10) / baud : undefined;
    rows.push({
      loader,
      baud,
      image: `${IMAGE_SIZE / 1024} KiB`,
      "bytes sent": sent,
      "write+MD5 s": seconds.toFixed(2),
      "KiB/s (image)": Math.round(IMAGE_SIZE / 1024 / seconds),
      "wire limit s": wire === undefined ? "-" : wire.toFixed(2),
      "of wire limit": wire === undefined ? "-" : (wire / seconds).toFixed(2),
    });
  };
  try {
    const board = await VirtualBoard.start({ stateDir: join(dir, "board"), baud: 115200 });
    try {
      for (const baud of PACED_BAUDS) {
        for (const stub of [true, false]) {
          board.enterDownloadMode();
          const link = counted(new BoardLink(board));
          const session = await RomSession.connect({ link, before: "no-reset", baud, stub });
          try {
            row(session.kind, baud, await timeWrite(session, link, image));
          } finally {
            await session.close();
          }
        }
      }
    } finally {
      await board.close();
    }
    for (const stub of [true, false]) {
      const chip = counted(new EmulatedEsp32({ flashFile: join(dir, `unpaced-${stub}.bin`), startInDownloadMode: true }));
      const session = await RomSession.connect({ link: chip, before: "no-reset", baud: 921600, stub });
      try {
        row(session.kind, "unpaced", await timeWrite(session, chip, image));
      } finally {
        await session.close();
        chip.dispose();
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return {
    title: "Flashing: flasher stub (16 KiB blocks) vs ROM loader (1 KiB blocks), esptool-js via RomSession, compressed, MD5-verified",
    rows,
    notes: [
      "Paced rows: VirtualBoard UART at the given baud after CHANGE_BAUDRATE. Flash erase/program time is not emulated,",
      "so on a real ESP32 the ROM loader falls further behind (it erases before acknowledging FLASH_BEGIN and writes each block before its ack).",
    ],
  };
}
