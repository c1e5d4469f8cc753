// `flashFirmware` end to end against an emulated ESP32: a generated Espruino release lands at the right
// addresses, is MD5-verified, and the board is reset into its application.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { flashFirmware } from "../../host-tools/commands/flash.ts";
import { loadFirmware } from "../../host-tools/commands/firmware-files.ts";
import { EmulatedEsp32 } from "../../host-tools/sim/rom/emulated-esp32.ts";
import { imageInfo } from "../../host-tools/sim/rom/image-info.ts";
import { EspnodeError } from "../../host-tools/transport/errors.ts";
import { fakeEspruinoRelease, mergedImage } from "./support/fake-firmware.ts";
import { tempFlashFile } from "./support/raw-rom.ts";

const chips: EmulatedEsp32[] = [];
afterEach(() => {
  for (const c of chips.splice(0)) c.dispose();
});
function board(opts: Partial<ConstructorParameters<typeof EmulatedEsp32>[0]> = {}): EmulatedEsp32 {
  const chip = new EmulatedEsp32({ flashFile: tempFlashFile(), ...opts });
  chips.push(chip);
  return chip;
}

describe("flashFirmware", () => {
  it("writes an Espruino ESP32 release directory to 0x1000/0x8000/0x10000, verifies it, and resets the board", async () => {
    const fw = fakeEspruinoRelease();
    const chip = board();
    expect(imageInfo(chip.rom.flash.path).espruino).toBe(false);
    const progress = new Map<string, number>();
    const result = await flashFirmware({
      port: "emulated",
      link: chip,
      firmware: fw.dir,
      baud: 460800,
      onProgress: (written, total, name) => {
        expect(written).toBeLessThanOrEqual(total);
        progress.set(name, written);
      },
    });
    expect(result.files.map((f) => [f.name, f.address])).toEqual([
      ["bootloader.bin", 0x1000],
      ["partitions_espruino.bin", 0x8000],
      ["espruino_esp32.bin", 0x10000],
    ]);
    expect(result.reset).toBe("hard-reset");
    expect(chip.boots).toEqual(["download", "app"]);
    const flash = chip.rom.flash;
    expect(flash.read(0x1000, fw.bootloader.length).equals(fw.bootloader)).toBe(true);
    expect(flash.read(0x8000, fw.partitions.length).equals(fw.partitions)).toBe(true);
    expect(flash.read(0x10000, fw.app.length).equals(fw.app)).toBe(true);
    expect(progress.get("espruino_esp32.bin")).toBe(fw.app.length);
    expect(imageInfo(flash.path)).toMatchObject({ espruino: true, projectName: "espruino", version: "2v25" });
  });

  it("erases the whole flash first with --erase, so old data outside the images is gone", async () => {
    const fw = fakeEspruinoRelease(20_000);
    const chip = board({ startInDownloadMode: true });
    // Old saved code far from the images.
    chip.rom.flash.eraseRange(0x300000, 0x1000);
    chip.rom.flash.program(0x300000, Buffer.from("saved code"));
    await flashFirmware({ port: "emulated", link: chip, firmware: fw.dir, erase: true, before: "no-reset", after: "no-reset" });
    expect(chip.rom.flash.read(0x300000, 10).equals(Buffer.alloc(10, 0xff))).toBe(true);
    expect(chip.boots).toEqual([]); // stayed in the loader
  });

  it("tells a merged image (0x0) from an app image (0x10000)", () => {
    const fw = fakeEspruinoRelease(20_000);
    const merged = join(fw.dir, "..", "merged.bin");
    writeFileSync(merged, mergedImage(fw));
    expect(loadFirmware(merged).map((i) => i.address)).toEqual([0]);
    expect(loadFirmware(join(fw.dir, "espruino_esp32.bin")).map((i) => i.address)).toEqual([0x10000]);
    expect(() => loadFirmware(join(fw.dir, "README_flash.txt"))).toThrow(EspnodeError);
  });

  it("says what is missing from a firmware directory", () => {
    const fw = fakeEspruinoRelease(1000);
    writeFileSync(join(fw.dir, "bootloader.bin"), Buffer.alloc(0));
    expect(() => loadFirmware(join(fw.dir, ".."))).toThrow(/bootloader\.bin, partitions_espruino\.bin, espruino_esp32\.bin not found/);
  });

  it("fails with the download-mode advice when the board boots its app", async () => {
    const fw = fakeEspruinoRelease(1000);
    const chip = board({ gpio0Wired: false });
    const error = await flashFirmware({ port: "/dev/ttyUSB9", link: chip, firmware: fw.dir, attempts: 1 }).catch((e) => e);
    expect(error).toBeInstanceOf(EspnodeError);
    expect(error.kind).toBe("device");
    expect(error.message).toMatch(/not in download mode: it booted its application/);
    expect(error.hint).toMatch(/hold BOOT and press EN/i);
    expect(error.hint).toMatch(/espnode sim/);
  });
});
