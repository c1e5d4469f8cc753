// Ambient types for the Espruino globals the sensor-node firmware uses (ESP32 build, 2v25+).
// `require` and `process` also exist in @types/node, so main.ts declares its own module-local versions of those.

interface EspruinoStorage {
  read(name: string, offset?: number, length?: number): string | undefined;
  write(name: string, data: string, offset?: number, size?: number): boolean;
  erase(name: string): void;
  list(pattern?: RegExp): string[];
  getFree(): number;
}

interface EspruinoWifi {
  connect(ssid: string, options: { password: string }, callback: (err: any) => void): void;
  disconnect(callback?: () => void): void;
  on(event: string, listener: (details?: any) => void): void;
  /** ESP32: {station: "connected"|reason, rssi?, ssid?, ...} */
  getStatus(): any;
  setHostname(name: string, callback?: () => void): void;
}

interface EspruinoI2C {
  setup(options: { scl: any; sda: any; bitrate?: number }): void;
  writeTo(address: number, data: number[]): void;
  readFrom(address: number, count: number): Uint8Array;
}

interface EspruinoMemory {
  free: number;
  usage: number;
  total: number;
  blocksize?: number;
}

declare var E: {
  /** Raw on-chip temperature (ESP32: roughly °F, uncalibrated; NaN where the chip has no sensor). */
  getTemperature(): number;
  enableWatchdog(timeoutSeconds: number, isAuto: boolean): void;
  kickWatchdog(): void;
  /** A flat RAM string from any string (copies a memory-mapped flash string). */
  toString(data: any): string;
  CRC32(data: any): number;
  on(event: string, listener: () => void): void;
};

declare var ESP32: {
  deepSleep(microseconds: number): void;
  reboot(): void;
};

declare var I2C1: EspruinoI2C;
declare var LED1: any;
declare var D2: any;
declare var D21: any;
declare var D22: any;
declare function analogRead(pin: any): number;
declare function digitalWrite(pin: any, value: boolean | number): void;
