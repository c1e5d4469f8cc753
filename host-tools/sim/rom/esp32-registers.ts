// The part of the ESP32 address space that esptool and esptool-js read or poke while in the ROM loader:
// chip magic, eFuse words (MAC, package, revision), APB date, UART clock divider and the SPI1 "user command"
// engine used to read the flash JEDEC ID. Everything else behaves as plain memory (0 until written).

export const CHIP_MAGIC_ADDR = 0x40001000;
export const ESP32_CHIP_MAGIC = 0x00f01d83;
export const EFUSE_RD_BASE = 0x3ff5a000;
export const APB_CTL_DATE_ADDR = 0x3ff66000 + 0x7c;
export const UART0_CLKDIV_ADDR = 0x3ff40014;
/** esptool-js uses this UART_DATE address as a harmless target; on an ESP32 it aliases UART0's date register. */
export const UART_DATE_ALIAS_ADDR = 0x60000078;
export const SPI1_BASE = 0x3ff42000;

const SPI_CMD = SPI1_BASE + 0x00;
const SPI_USR2 = SPI1_BASE + 0x24;
const SPI_W0 = SPI1_BASE + 0x80;
const SPI_CMD_USR = 1 << 18;

const XTAL_HZ = 40_000_000;

export interface ChipIdentity {
  mac: Buffer; // 6 bytes
  /** JEDEC ID bytes as the flash sends them: manufacturer, memory type, capacity (log2 of bytes). */
  flashJedecId: [number, number, number];
}

/** ESP-IDF's eFuse MAC CRC (CRC-8/MAXIM, reflected polynomial 0x8C). */
export function macCrc8(mac: Uint8Array): number {
  let crc = 0;
  for (const byte of mac) {
    let b = byte;
    for (let i = 0; i < 8; i++) {
      const mix = (crc ^ b) & 1;
      crc >>= 1;
      if (mix) crc ^= 0x8c;
      b >>= 1;
    }
  }
  return crc;
}

export class Esp32Registers {
  private readonly memory = new Map<number, number>();
  private baud = 115200;

  constructor(private readonly identity: ChipIdentity) {
    const mac = identity.mac;
    // eFuse BLK0: word1 = MAC bytes 2..5, word2 = MAC bytes 0..1 plus the MAC CRC in bits 16..23.
    this.memory.set(EFUSE_RD_BASE + 4 * 1, ((mac[2] << 24) | (mac[3] << 16) | (mac[4] << 8) | mac[5]) >>> 0);
    this.memory.set(EFUSE_RD_BASE + 4 * 2, ((macCrc8(mac) << 16) | (mac[0] << 8) | mac[1]) >>> 0);
    // word3: package 1 (ESP32-D0WD) in bits 9..11, CPU frequency rated (bit 13) at 240 MHz, revision bit 0 (bit 15).
    this.memory.set(EFUSE_RD_BASE + 4 * 3, 0x0000a200);
    // word4: ADC VRef calibration present (bits 8..12).
    this.memory.set(EFUSE_RD_BASE + 4 * 4, 0x00001100);
    // word5: revision bit 1 (bit 20). With APB_CTL_DATE bit 31 this makes an ECO3 chip: "ESP32-D0WD-V3 (revision 3)".
    this.memory.set(EFUSE_RD_BASE + 4 * 5, 0x00100000);
    this.memory.set(APB_CTL_DATE_ADDR, 0x96042000);
    this.memory.set(UART_DATE_ALIAS_ADDR, 0x15122500);
    this.memory.set(CHIP_MAGIC_ADDR, ESP32_CHIP_MAGIC);
  }

  /** The ROM reprograms the UART divider when the baud rate changes; esptool derives the crystal from it. */
  setBaud(baud: number): void {
    this.baud = baud;
  }

  read(addr: number): number {
    addr >>>= 0;
    if (addr === UART0_CLKDIV_ADDR) return Math.round(XTAL_HZ / this.baud) & 0xfffff;
    return this.memory.get(addr) ?? 0;
  }

  write(addr: number, value: number, mask: number): void {
    addr >>>= 0;
    if (addr === CHIP_MAGIC_ADDR || (addr >= EFUSE_RD_BASE && addr < EFUSE_RD_BASE + 0x100)) return; // ROM / read-only
    const old = this.memory.get(addr) ?? 0;
    this.memory.set(addr, ((old & ~mask) | (value & mask)) >>> 0);
    if (addr === SPI_CMD && value & mask & SPI_CMD_USR) this.runSpiUserCommand();
  }

  /** Store a block of bytes (RAM download) so READ_REG sees it. */
  writeBytes(addr: number, bytes: Uint8Array): void {
    for (let i = 0; i < bytes.length; i++) {
      const a = (addr + i) >>> 0;
      const word = a & ~3;
      const shift = (a & 3) * 8;
      const old = this.memory.get(word) ?? 0;
      this.memory.set(word, ((old & ~(0xff << shift)) | (bytes[i] << shift)) >>> 0);
    }
  }

  private runSpiUserCommand(): void {
    const command = (this.memory.get(SPI_USR2) ?? 0) & 0xff;
    const [manufacturer, type, capacity] = this.identity.flashJedecId;
    let result = 0;
    if (command === 0x9f) result = manufacturer | (type << 8) | (capacity << 16); // RDID
    // RDSR (0x05) / RDSR2 (0x35) and anything else: a quiet, idle flash answers 0.
    this.memory.set(SPI_W0, result >>> 0);
    // The hardware clears the USR bit when the transaction is done; esptool polls for that.
    this.memory.set(SPI_CMD, ((this.memory.get(SPI_CMD) ?? 0) & ~SPI_CMD_USR) >>> 0);
  }
}
