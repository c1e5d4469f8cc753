// We do not execute Xtensa code. When a tool uploads RAM code and jumps to it, the emulator decides whether the
// upload looks like a flasher stub (esptool's and esptool-js's do: a text segment of a few KiB in internal IRAM
// holding the entry point, plus data in DRAM) and then behaves as that stub would. Anything else runs "silently".

export interface RamSegment {
  address: number;
  size: number;
}

/** ESP32 internal SRAM as the instruction bus sees it (SRAM0 + SRAM1 IRAM aliases). */
export const ESP32_IRAM = { start: 0x40070000, end: 0x400c0000 };
/** ESP32 internal SRAM on the data bus (SRAM2 + SRAM1 DRAM alias; the ROM's own data sits at the top). */
export const ESP32_DRAM = { start: 0x3ffae000, end: 0x40000000 };
/** Smallest text segment taken for a flasher stub (esptool's ESP32 stubs are 4-7 KiB of code). */
export const MIN_STUB_TEXT = 1024;

function inside(range: { start: number; end: number }, segment: RamSegment): boolean {
  return segment.address >= range.start && segment.address + segment.size <= range.end;
}

export function looksLikeFlasherStub(segments: RamSegment[], entry: number): boolean {
  if (segments.length === 0) return false;
  if (!segments.every((s) => inside(ESP32_IRAM, s) || inside(ESP32_DRAM, s))) return false;
  const text = segments.find((s) => entry >= s.address && entry < s.address + s.size);
  return text !== undefined && inside(ESP32_IRAM, text) && text.size >= MIN_STUB_TEXT;
}
