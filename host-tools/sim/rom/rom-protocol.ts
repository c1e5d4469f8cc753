// ESP32 ROM serial loader protocol constants (esptool docs "Serial Protocol", esptool loader.py, esptool-js esploader.ts).

export const Command = {
  FLASH_BEGIN: 0x02,
  FLASH_DATA: 0x03,
  FLASH_END: 0x04,
  MEM_BEGIN: 0x05,
  MEM_END: 0x06,
  MEM_DATA: 0x07,
  SYNC: 0x08,
  WRITE_REG: 0x09,
  READ_REG: 0x0a,
  SPI_SET_PARAMS: 0x0b,
  SPI_ATTACH: 0x0d,
  READ_FLASH_SLOW: 0x0e,
  CHANGE_BAUDRATE: 0x0f,
  FLASH_DEFL_BEGIN: 0x10,
  FLASH_DEFL_DATA: 0x11,
  FLASH_DEFL_END: 0x12,
  SPI_FLASH_MD5: 0x13,
  GET_SECURITY_INFO: 0x14,
} as const;

/** Commands only the flasher stub knows (esptool loader.py, stub_flasher.h). */
export const StubCommand = {
  ERASE_FLASH: 0xd0,
  ERASE_REGION: 0xd1,
  READ_FLASH: 0xd2,
  RUN_USER_CODE: 0xd3,
  FLASH_ENCRYPT_DATA: 0xd4,
} as const;

/**
 * First status byte of a failed stub response (the second is 0). esptool reads the two status bytes as a
 * big-endian 16-bit code: 0xC100 = "Bad data checksum", etc.
 */
export const StubError = {
  BAD_DATA_LEN: 0xc0,
  BAD_DATA_CHECKSUM: 0xc1,
  BAD_BLOCKSIZE: 0xc2,
  INVALID_COMMAND: 0xc3,
  FAILED_SPI_OP: 0xc4,
  FAILED_SPI_UNLOCK: 0xc5,
  NOT_IN_FLASH_MODE: 0xc6,
  INFLATE_ERROR: 0xc7,
  NOT_ENOUGH_DATA: 0xc8,
  TOO_MUCH_DATA: 0xc9,
  CMD_NOT_IMPLEMENTED: 0xff,
} as const;

/** The stub's receive buffers hold one block of this size plus the 16-byte data header. */
export const STUB_MAX_WRITE_BLOCK = 0x4000;
/** The 4-byte SLIP frame the stub sends when it starts. */
export const STUB_GREETING = "OHAI";

/** Error byte that follows status 0x01 in a failed ROM response. */
export const RomError = {
  INVALID_MESSAGE: 0x05, // parameters or length field invalid; also "unsupported command"
  FAILED_TO_ACT: 0x06,
  INVALID_CRC: 0x07, // data checksum (0xEF XOR) mismatch
  FLASH_WRITE_ERROR: 0x08, // read-back after write differs
  FLASH_READ_ERROR: 0x09,
  FLASH_READ_LENGTH_ERROR: 0x0a,
  DEFLATE_ERROR: 0x0b,
} as const;

export const ROM_ERROR_NAMES: Record<number, string> = {
  0x05: "received message is invalid",
  0x06: "failed to act on received message",
  0x07: "invalid CRC (checksum) in message",
  0x08: "flash write error",
  0x09: "flash read error",
  0x0a: "flash read length error",
  0x0b: "deflate error",
};

/** READ_FLASH_SLOW answers with this many bytes whatever length was asked (esptool read_flash_slow: BLOCK_LEN). */
export const ROM_READ_BLOCK = 64;

export const CHECKSUM_SEED = 0xef;
export const FLASH_SECTOR_SIZE = 0x1000;
export const ESP_IMAGE_MAGIC = 0xe9;

/** The ESP32 ROM sends 4 status bytes (status, error, 0, 0); the flasher stub sends 2. */
export const ESP32_ROM_STATUS_BYTES = 4;
export const STUB_STATUS_BYTES = 2;

/** Value field of every SYNC response from an ESP32 ROM (first word of the sync payload; the stub sends 0). */
export const SYNC_RESPONSE_VALUE = 0x20120707;
/** The ROM answers one SYNC with this many responses (esptool reads 1 + 7). */
export const SYNC_RESPONSE_COUNT = 8;
/** The ROM repeats its "invalid command" response this many times (esptool drains 14 * 8 bytes). */
export const UNSUPPORTED_RESPONSE_COUNT = 8;

export function checksum(data: Uint8Array): number {
  let state = CHECKSUM_SEED;
  for (const b of data) state ^= b;
  return state;
}

export function commandName(op: number): string {
  for (const [name, value] of Object.entries({ ...Command, ...StubCommand })) if (value === op) return name;
  return `0x${op.toString(16).padStart(2, "0")}`;
}
