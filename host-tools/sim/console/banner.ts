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

/** Year in the logo line; the firmware source's literal changes between releases (2021 in the newest source we
 *  could read, 2v2x builds print a later year); not checked against a 2v29 board. */
export const BANNER_YEAR = 2025;

/**
 * Espruino's start-up logo as jsiSemiInit (src/jsinteractive.c) prints it on a non-Linux build: "\e[?7l" (turn off
 * the terminal's line wrap), the logo with its trailing spaces, the version line, and the donation note that every
 * board without official hardware shows. "\n" is sent as "\r\n". It is printed after boot code and onInit have
 * run, and not at all when saved code (save()) was loaded.
 */
export function espruinoBanner(): string {
  return [
    "\x1b[?7l",
    " ____                 _ ",
    "|  __|___ ___ ___ _ _|_|___ ___ ",
    "|  __|_ -| . |  _| | | |   | . |",
    "|____|___|  _|_| |___|_|_|_|___|",
    "         |_| espruino.com",
    ` ${ESPRUINO_VERSION} (c) ${BANNER_YEAR} G.Williams`,
    "",
    "Espruino is Open Source. Our work is supported",
    "only by sales of official boards and donations:",
    "http://espruino.com/Donate",
    "",
  ].join("\n");
}
