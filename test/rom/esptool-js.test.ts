// esptool-js (the real library, through our Web Serial shim) against the ROM emulator: in-process, and over a
// real pseudo-terminal with the serialport package.
import { createHash, randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { afterEach, describe, expect, it } from "vitest";
import { RomConnectError, RomSession } from "../../host-tools/device/rom/rom-session.ts";
import { NodeSerialLink } from "../../host-tools/device/rom/serial-link.ts";
import { EmulatedEsp32 } from "../../host-tools/sim/rom/emulated-esp32.ts";
import { PtyRom } from "./support/pty-rom.ts";
import { tempFlashFile } from "./support/raw-rom.ts";

const MAC = Buffer.from([0x24, 0x0a, 0xc4, 0xab, 0xcd, 0xef]);
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

/** A compressible but not trivial "application image". */
function sampleImage(size: number): Buffer {
  const image = Buffer.alloc(size);
  const noise = randomBytes(size / 4);
  for (let i = 0; i < size; i++) image[i] = i % 4 === 0 ? noise[i >> 2] : (i >> 6) & 0xff;
  image[0] = 0xe9;
  return image;
}

describe("esptool-js against the ROM emulator, in-process", () => {
  it("resets into download mode with DTR/RTS, detects the ESP32 and MAC, writes compressed and verifies", async () => {
    const flashFile = tempFlashFile();
    const chip = new EmulatedEsp32({ flashFile, mac: MAC }); // running its app until reset
    cleanups.push(() => chip.dispose());
    const session = await RomSession.connect({ link: chip, baud: 921600, before: "default-reset" });
    cleanups.push(() => session.close());
    expect(chip.boots[0]).toBe("download");
    expect(session.chip).toMatchObject({
      chip: "ESP32",
      description: "ESP32-D0WD-V3 (revision 3)",
      mac: "24:0a:c4:ab:cd:ef",
      crystalMHz: 40,
      flashSize: 4 * 1024 * 1024,
    });
    expect(chip.rom.baud).toBe(921600);

    const image = sampleImage(60_000);
    const progress: number[] = [];
    const [written] = await session.writeImages([{ address: 0x10000, data: image, name: "app.bin" }], (w) => progress.push(w));
    expect(written.md5).toBe(createHash("md5").update(image).digest("hex"));
    expect(await session.md5(0x10000, image.length)).toBe(written.md5);
    expect(progress.at(-1)).toBe(image.length);
    expect(readFileSync(flashFile).subarray(0x10000, 0x10000 + image.length).equals(image)).toBe(true);

    expect(await session.hardReset()).toBe(true);
    await chip.settled(); // EN rises through its RC delay before the chip boots
    expect(chip.boots.at(-1)).toBe("app");
  });

  it("keeps the flash across emulator instances (a board unplugged and plugged back)", async () => {
    const flashFile = tempFlashFile();
    const image = sampleImage(8192);
    const first = new EmulatedEsp32({ flashFile, startInDownloadMode: true });
    const s1 = await RomSession.connect({ link: first, before: "no-reset" });
    await s1.writeImages([{ address: 0x8000, data: image, name: "part.bin" }]);
    await s1.close();
    first.dispose();

    const second = new EmulatedEsp32({ flashFile, startInDownloadMode: true });
    cleanups.push(() => second.dispose());
    const s2 = await RomSession.connect({ link: second, before: "no-reset" });
    cleanups.push(() => s2.close());
    expect(await s2.md5(0x8000, image.length)).toBe(createHash("md5").update(image).digest("hex"));
  });

  it("explains a board that boots its app instead of the loader (GPIO0 not driven by the adapter)", async () => {
    const chip = new EmulatedEsp32({ flashFile: tempFlashFile(), gpio0Wired: false });
    cleanups.push(() => chip.dispose());
    const error = await RomSession.connect({ link: chip, before: "default-reset", attempts: 2 }).catch((e) => e);
    expect(error).toBeInstanceOf(RomConnectError);
    expect((error as RomConnectError).seen).toBe("app-boot-log");
    expect(chip.boots).toEqual(["app", "app"]);
  });

  it("explains silence when told not to reset a board that is running its app", async () => {
    const chip = new EmulatedEsp32({ flashFile: tempFlashFile() });
    cleanups.push(() => chip.dispose());
    const error = await RomSession.connect({ link: chip, before: "no-reset", attempts: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(RomConnectError);
    expect(error).toMatchObject({ seen: "silence", lineSignals: true });
  });
});

describe("esptool-js against the ROM emulator over a pseudo-terminal", () => {
  it("detects the chip, writes, verifies; the missing DTR/RTS lines are reported, not fatal", async () => {
    const flashFile = tempFlashFile();
    const pty = new PtyRom(flashFile);
    cleanups.push(() => pty.close());
    const link = new NodeSerialLink(pty.path);
    const notes: string[] = [];
    const session = await RomSession.connect({ link, baud: 230400, before: "default-reset", onLog: (l) => notes.push(l) });
    cleanups.push(() => session.close());
    expect(notes.some((n) => /no DTR\/RTS/.test(n))).toBe(true);
    expect(session.chip.chip).toBe("ESP32");
    expect(session.chip.mac).toMatch(/^24:0a:c4:/);

    const image = sampleImage(40_000);
    const [written] = await session.writeImages([{ address: 0x20000, data: image, name: "app.bin" }]);
    expect(written.md5).toBe(createHash("md5").update(image).digest("hex"));
    expect(pty.rom.flash.read(0x20000, image.length).equals(image)).toBe(true);
    expect(await session.hardReset()).toBe(false); // no lines on a pty
  });
});
