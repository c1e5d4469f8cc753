// What the serial console shows when the board starts: the ESP32 ROM's reset report, then Espruino's logo.
import { ESPRUINO_VERSION } from "../runtime/espruino-runtime.ts";

export type ResetReason = "poweron" | "reset" | "software" | "watchdog" | "deepsleep";

const RESET_CAUSE: Record<ResetReason, string> = {
  poweron: "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
  reset: "rst:0x1 (POWERON_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
  software: "rst:0xc (SW_CPU_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
  watchdog: "rst:0x7 (TG0WDT_SYS_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
  deepsleep: "rst:0x5 (DEEPSLEEP_RESET),boot:0x13 (SPI_FAST_FLASH_BOOT)",
};

/** The ROM and second-stage bootloader lines an ESP32 prints at 115200 baud before the app starts. */
export function romBootText(reason: ResetReason): string {
  return [
    "ets Jun  8 2016 00:22:57",
    "",
    RESET_CAUSE[reason],
    "configsip: 0, SPIWP:0xee",
    "clk_drv:0x00,q_drv:0x00,d_drv:0x00,cs0_drv:0x00,hd_drv:0x00,wp_drv:0x00",
    "mode:DIO, clock div:1",
    "load:0x3fff0030,len:4",
    "load:0x3fff0034,len:7184",
    "load:0x40078000,len:13348",
    "load:0x40080400,len:3744",
    "entry 0x40080680",
    "",
  ].join("\r\n");
}

/** Espruino's start-up logo (jsiPrintBanner); "\n" is sent as "\r\n". */
export function espruinoBanner(): string {
  return [
    "",
    " ____                 _",
    "|  __|___ ___ ___ _ _|_|___ ___",
    "|  __|_ -| . |  _| | | |   | . |",
    "|____|___|  _|_| |___|_|_|_|___|",
    "         |_| espruino.com",
    ` ${ESPRUINO_VERSION} (c) 2025 G.Williams`,
    "",
    "Espruino is Open Source. Our work is supported",
    "solely by sales of official boards and donations:",
    "http://espruino.com/Donate",
    "",
    "",
  ].join("\n");
}
