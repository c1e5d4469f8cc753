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
    expect(result.loader).toBe("stub"); // the default, as esptool
    expect(result.stubFallback).toBeUndefined();
    await chip.settled(); // EN rises through its RC delay before the chip boots
    expect(chip.boots).toEqual(["download", "app"]);
    const flash = chip.rom.flash;
    expect(flash.read(0x1000, fw.bootloader.length).equals(fw.bootloader)).toBe(true);
    expect(flash.read(0x8000, fw.partitions.length).equals(fw.partitions)).toBe(true);
    expect(flash.read(0x10000, fw.app.length).equals(fw.app)).toBe(true);
    expect(progress.get("espruino_esp32.bin")).toBe(fw.app.length);
    expect(imageInfo(flash.path)).toMatchObject({ espruino: true, projectName: "espruino", version: "2v25" });
  });

  it("flashes through the ROM loader only with stub: false (--no-stub)", async () => {
    const fw = fakeEspruinoRelease(40_000);
    const chip = board();
    const result = await flashFirmware({ port: "emulated", link: chip, firmware: fw.dir, stub: false });
    expect(result.loader).toBe("rom");
    expect(chip.rom.mode).toBe("rom"); // never jumped to uploaded code (a stub would still be "running")
    await chip.settled(); // EN rises through its RC delay before the chip boots
    expect(chip.boots).toEqual(["download", "app"]);
    expect(chip.rom.flash.read(0x10000, fw.app.length).equals(fw.app)).toBe(true);
    expect(imageInfo(chip.rom.flash.path).espruino).toBe(true);
  });

  it("falls back to the ROM loader with a note when the stub does not start, resetting through DTR/RTS", async () => {
    const fw = fakeEspruinoRelease(20_000);
    const chip = board({ runsFlasherStub: false }); // the uploaded stub never says OHAI
    const logs: string[] = [];
    const result = await flashFirmware({ port: "emulated", link: chip, firmware: fw.dir, onLog: (l) => logs.push(l) });
    expect(result.loader).toBe("rom");
    expect(result.stubFallback).toMatch(/flasher stub did not start/);
    expect(logs.some((l) => /^Note: the flasher stub did not start.*continue with the ROM loader/.test(l))).toBe(true);
    await chip.settled(); // EN rises through its RC delay before the chip boots
    expect(chip.boots).toEqual(["download", "download", "app"]);
    expect(chip.rom.flash.read(0x10000, fw.app.length).equals(fw.app)).toBe(true);
  });

  for (const stub of [true, false]) {
    it(`erases the whole flash first with --erase (${stub ? "stub chip erase" : "ROM, FLASH_BEGIN over all"})`, async () => {
      const fw = fakeEspruinoRelease(20_000);
      const chip = board({ startInDownloadMode: true });
      // Old saved code far from the images.
      chip.rom.flash.eraseRange(0x300000, 0x1000);
      chip.rom.flash.program(0x300000, Buffer.from("saved code"));
      const result = await flashFirmware({ port: "emulated", link: chip, firmware: fw.dir, erase: true, stub, before: "no-reset", after: "no-reset" });
      expect(result.loader).toBe(stub ? "stub" : "rom");
      expect(chip.rom.flash.read(0x300000, 10).equals(Buffer.alloc(10, 0xff))).toBe(true);
      expect(chip.rom.flash.read(0x10000, fw.app.length).equals(fw.app)).toBe(true);
      expect(chip.boots).toEqual([]); // stayed in the loader
    });
  }

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
