// Register-level model of a Bosch BME280 on I2C (address 0x76): chip id, calibration (NVM) registers with
// datasheet-like trimming values, ctrl_hum/ctrl_meas/config/status, soft reset, and raw ADC values derived from
// the environment by inverting the datasheet compensation formulas, so a driver gets the true values plus noise.
import { Environment, type EnvironmentValues } from "./environment.ts";
import { noise } from "./random.ts";

export const BME280_ADDRESS = 0x76;
export const BME280_CHIP_ID = 0x60;

/** Trimming parameters as found in a typical part (datasheet example values for T and P). */
export const BME280_CALIBRATION = {
  T1: 27504, T2: 26435, T3: -1000,
  P1: 36477, P2: -10685, P3: 3024, P4: 2855, P5: 140, P6: -7, P7: 15500, P8: -14600, P9: 6000,
  H1: 75, H2: 362, H3: 0, H4: 313, H5: 50, H6: 30,
} as const;

const C = BME280_CALIBRATION;
const SKIPPED_20BIT = 0x80000;
const SKIPPED_16BIT = 0x8000;
/** Measurement time with the usual oversampling (datasheet: ~10 ms); the status "measuring" bit is set meanwhile. */
const MEASURE_MS = 10;

// ---- datasheet compensation (double precision variant) -----------------------------------------------------------

export function compensateTemperature(adcT: number): { celsius: number; tFine: number } {
  const var1 = (adcT / 16384 - C.T1 / 1024) * C.T2;
  const var2 = (adcT / 131072 - C.T1 / 8192) * (adcT / 131072 - C.T1 / 8192) * C.T3;
  const tFine = var1 + var2;
  return { celsius: tFine / 5120, tFine };
}

export function compensatePressure(adcP: number, tFine: number): number {
  let var1 = tFine / 2 - 64000;
  let var2 = (var1 * var1 * C.P6) / 32768;
  var2 = var2 + var1 * C.P5 * 2;
  var2 = var2 / 4 + C.P4 * 65536;
  var1 = ((C.P3 * var1 * var1) / 524288 + C.P2 * var1) / 524288;
  var1 = (1 + var1 / 32768) * C.P1;
  if (var1 === 0) return 0;
  let p = 1048576 - adcP;
  p = ((p - var2 / 4096) * 6250) / var1;
  var1 = (C.P9 * p * p) / 2147483648;
  var2 = (p * C.P8) / 32768;
  return p + (var1 + var2 + C.P7) / 16;
}

export function compensateHumidity(adcH: number, tFine: number): number {
  let h = tFine - 76800;
  h = (adcH - (C.H4 * 64 + (C.H5 / 16384) * h)) * ((C.H2 / 65536) * (1 + (C.H6 / 67108864) * h * (1 + (C.H3 / 67108864) * h)));
  h = h * (1 - (C.H1 * h) / 524288);
  return Math.min(100, Math.max(0, h));
}

/** Finds the raw value whose compensated result is closest to `target` (the compensation is monotonic). */
function invert(target: number, max: number, f: (raw: number) => number, increasing: boolean): number {
  let lo = 0;
  let hi = max;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    const below = increasing ? f(mid) < target : f(mid) > target;
    if (below) lo = mid;
    else hi = mid;
  }
  return Math.abs(f(lo) - target) <= Math.abs(f(hi) - target) ? lo : hi;
}

export function rawFromValues(v: EnvironmentValues): { adcT: number; adcP: number; adcH: number } {
  const adcT = invert(v.temperature, 0xfffff, (raw) => compensateTemperature(raw).celsius, true);
  const { tFine } = compensateTemperature(adcT);
  const adcP = invert(v.pressure, 0xfffff, (raw) => compensatePressure(raw, tFine), false);
  const adcH = invert(v.humidity, 0xffff, (raw) => compensateHumidity(raw, tFine), true);
  return { adcT, adcP, adcH };
}

function oversampling(bits: number): number {
  return bits === 0 ? 0 : 1 << Math.min(bits - 1, 4);
}

export class Bme280 {
  private readonly registers = new Uint8Array(256);
  private pointer = 0;
  private measuringUntil = 0;
  private lastSample = 0;

  constructor(
    private readonly environment: Environment,
    private readonly random: () => number,
    private readonly clock: () => number = Date.now,
  ) {
    this.softReset();
  }

  /** What the sensor would read without noise right now. */
  trueValues(): EnvironmentValues {
    return this.environment.at(this.clock());
  }

  softReset(): void {
    const r = this.registers;
    r.fill(0);
    r[0xd0] = BME280_CHIP_ID;
    const le16 = (at: number, v: number) => {
      r[at] = v & 0xff;
      r[at + 1] = (v >> 8) & 0xff;
    };
    le16(0x88, C.T1); le16(0x8a, C.T2); le16(0x8c, C.T3);
    le16(0x8e, C.P1); le16(0x90, C.P2); le16(0x92, C.P3); le16(0x94, C.P4); le16(0x96, C.P5);
    le16(0x98, C.P6); le16(0x9a, C.P7); le16(0x9c, C.P8); le16(0x9e, C.P9);
    r[0xa1] = C.H1;
    le16(0xe1, C.H2);
    r[0xe3] = C.H3;
    r[0xe4] = (C.H4 >> 4) & 0xff;
    r[0xe5] = (C.H4 & 0x0f) | ((C.H5 & 0x0f) << 4);
    r[0xe6] = (C.H5 >> 4) & 0xff;
    r[0xe7] = C.H6 & 0xff;
    this.storeRaw(SKIPPED_20BIT, SKIPPED_20BIT, SKIPPED_16BIT);
  }

  /** An I2C write: first byte sets the register pointer, then (register, value) pairs as the datasheet says. */
  write(bytes: Uint8Array): void {
    if (bytes.length === 0) return;
    this.pointer = bytes[0]!;
    for (let i = 0; i + 1 < bytes.length; i += 2) this.writeRegister(bytes[i]!, bytes[i + 1]!);
  }

  /** An I2C read of `count` bytes from the register pointer (auto-incrementing). */
  read(count: number): Uint8Array {
    const now = this.clock();
    const mode = this.registers[0xf4]! & 0x03;
    // normal mode samples continuously: refresh when a driver starts reading the data block
    if (mode === 0x03 && this.pointer >= 0xf7 && this.pointer <= 0xfe && now - this.lastSample >= MEASURE_MS) this.measure();
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) out[i] = this.readRegister((this.pointer + i) & 0xff, now);
    this.pointer = (this.pointer + count) & 0xff;
    return out;
  }

  private readRegister(reg: number, now: number): number {
    if (reg === 0xf3) return now < this.measuringUntil ? 0x08 : 0x00;
    return this.registers[reg]!;
  }

  private writeRegister(reg: number, value: number): void {
    switch (reg) {
      case 0xe0:
        if (value === 0xb6) this.softReset();
        return;
      case 0xf2:
        this.registers[0xf2] = value & 0x07;
        return;
      case 0xf4:
        this.registers[0xf4] = value;
        if ((value & 0x03) === 0x01 || (value & 0x03) === 0x02) {
          this.measure();
          this.measuringUntil = this.clock() + MEASURE_MS;
          this.registers[0xf4] = value & 0xfc; // forced mode returns to sleep after one measurement
        } else if ((value & 0x03) === 0x03) this.measure();
        return;
      case 0xf5:
        this.registers[0xf5] = value & 0xfd;
        return;
    }
  }

  private measure(): void {
    this.lastSample = this.clock();
    const osT = oversampling((this.registers[0xf4]! >> 5) & 7);
    const osP = oversampling((this.registers[0xf4]! >> 2) & 7);
    const osH = oversampling(this.registers[0xf2]! & 7);
    const truth = this.trueValues();
    const noisy: EnvironmentValues = {
      temperature: truth.temperature + noise(this.random, 0.02 / Math.sqrt(osT || 1)),
      pressure: truth.pressure + noise(this.random, 2.5 / Math.sqrt(osP || 1)),
      humidity: truth.humidity + noise(this.random, 0.15 / Math.sqrt(osH || 1)),
    };
    const raw = rawFromValues(noisy);
    this.storeRaw(osP ? raw.adcP : SKIPPED_20BIT, osT ? raw.adcT : SKIPPED_20BIT, osH ? raw.adcH : SKIPPED_16BIT);
  }

  private storeRaw(adcP: number, adcT: number, adcH: number): void {
    const r = this.registers;
    r[0xf7] = (adcP >> 12) & 0xff;
    r[0xf8] = (adcP >> 4) & 0xff;
    r[0xf9] = (adcP & 0x0f) << 4;
    r[0xfa] = (adcT >> 12) & 0xff;
    r[0xfb] = (adcT >> 4) & 0xff;
    r[0xfc] = (adcT & 0x0f) << 4;
    r[0xfd] = (adcH >> 8) & 0xff;
    r[0xfe] = adcH & 0xff;
  }
}
