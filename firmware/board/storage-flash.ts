// Espruino's Storage as the FlashStorage the outbox and the config store use (one object, made once).
import type { FlashStorage } from "../app/outbox.ts";

declare function require(name: "Storage"): {
  read(name: string, offset?: number, length?: number): string | undefined;
  write(name: string, data: string | Uint8Array, offset?: number, size?: number): boolean;
  erase(name: string): void;
};

export function storageFlash(): FlashStorage {
  var storage = require("Storage");
  return {
    read: function (name: string, offset?: number, length?: number) {
      return offset === undefined ? storage.read(name) : storage.read(name, offset, length);
    },
    // Passing an undefined offset or size is not the same as leaving it out on the board.
    write: function (name: string, data: string | Uint8Array, offset?: number, size?: number) {
      return offset === undefined ? storage.write(name, data) : size === undefined ? storage.write(name, data, offset) : storage.write(name, data, offset, size);
    },
    erase: function (name: string) {
      storage.erase(name);
    },
  };
}
