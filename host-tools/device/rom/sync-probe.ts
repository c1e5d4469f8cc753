// One ESP32 ROM SYNC command, sent only when the Espruino REPL did not answer, to tell "the ROM bootloader is
// waiting" from "nothing answers": the ROM prints its banner once at reset, so a board that entered download mode
// before the port was opened is silent until it gets a SLIP command. Only the reply's header is checked.

/** SLIP frame: direction 0x00, command SYNC 0x08, 36 data bytes, checksum 0, then 07 07 12 20 and 32 × 0x55. */
export const ROM_SYNC_FRAME: Buffer = Buffer.concat([
  Buffer.from([0xc0, 0x00, 0x08, 0x24, 0x00, 0x00, 0x00, 0x00, 0x00, 0x07, 0x07, 0x12, 0x20]),
  Buffer.alloc(32, 0x55),
  Buffer.from([0xc0]),
]);

/** Start of the ROM's answer to SYNC (frame start, direction 0x01 = response, command 0x08), as a binary string. */
export const ROM_SYNC_REPLY = /\xc0\x01\x08/;
