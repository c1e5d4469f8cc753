// Register-level driver for the Bosch BME280 (temperature, pressure, humidity) over a tiny I2C bus interface,
// so it runs on Espruino's I2C1 and on a register-level test double alike. Compensation follows the datasheet
// (rev 1.6, section 4.2.3): int32 temperature, double-precision pressure, int32 humidity.
// Device code: ES5-safe; the calibration lives in one typed array allocated at construction.

/** The two calls the driver needs; Espruino's I2C1 has exactly these. */
export interface I2cBus {
  writeTo(address: number, data: number[]): void;
  readFrom(address: number, count: number): ArrayLike<number>;
}

export var BME280_ADDRESS = 0x76;
export var BME280_CHIP_ID = 0x60;

var REG_CALIB_A = 0x88; // 26 bytes: T1..T3, P1..P9, (0xA0 unused), H1 at 0xA1
var REG_CHIP_ID = 0xd0;
var REG_RESET = 0xe0;
var REG_CALIB_B = 0xe1; // 7 bytes: H2..H6 (H4/H5 are packed 12-bit fields)
var REG_CTRL_HUM = 0xf2;
var REG_STATUS = 0xf3;
var REG_CTRL_MEAS = 0xf4;
var REG_CONFIG = 0xf5;
var REG_DATA = 0xf7; // 8 bytes: press[19:0], temp[19:0], hum[15:0]

// Oversampling x1 for all three, forced mode: one measurement, then back to sleep (lowest power).
var CTRL_HUM_X1 = 0x01;
var CTRL_MEAS_FORCED_X1 = (1 << 5) | (1 << 2) | 1;
var STATUS_MEASURING = 0x08;
var STATUS_IM_UPDATE = 0x01;
/** ms to wait for the NVM calibration copy after a soft reset (it takes ≈2 ms). */
var RESET_TIMEOUT_MS = 20;
/** ms to wait for a conversion (x1/x1/x1 takes ≤ 9.3 ms; the datasheet's maximum is 9.3 ms + margin). */
var CONVERSION_TIMEOUT_MS = 50;

// Indexes into the calibration table.
var T1 = 0, T2 = 1, T3 = 2, P1 = 3, P2 = 4, P3 = 5, P4 = 6, P5 = 7, P6 = 8, P7 = 9, P8 = 10, P9 = 11;
var H1 = 12, H2 = 13, H3 = 14, H4 = 15, H5 = 16, H6 = 17;

function s8(b: number): number {
  return b > 127 ? b - 256 : b;
}
function u16le(d: ArrayLike<number>, i: number): number {
  return d[i] | (d[i + 1] << 8);
}
function s16le(d: ArrayLike<number>, i: number): number {
  var v = d[i] | (d[i + 1] << 8);
  return v > 32767 ? v - 65536 : v;
}

/** Decodes the two calibration blocks into [T1..T3, P1..P9, H1..H6]. Exported for tests. */
export function decodeCalibration(a: ArrayLike<number>, b: ArrayLike<number>, out: Float64Array): void {
  out[T1] = u16le(a, 0);
  out[T2] = s16le(a, 2);
  out[T3] = s16le(a, 4);
  out[P1] = u16le(a, 6);
  for (var i = 0; i < 8; i++) out[P2 + i] = s16le(a, 8 + 2 * i);
  out[H1] = a[25];
  out[H2] = s16le(b, 0);
  out[H3] = b[2];
  // H4 = E4[7:0] E5[3:0], H5 = E6[7:0] E5[7:4]: signed 12-bit, the sign comes from the whole byte.
  out[H4] = s8(b[3]) * 16 + (b[4] & 0x0f);
  out[H5] = s8(b[5]) * 16 + (b[4] >> 4);
  out[H6] = s8(b[6]);
}

/** Datasheet int32 temperature: returns t_fine (the shared fine temperature); °C = ((t_fine*5+128)>>8)/100. */
export function compensateTemperature(c: Float64Array, adcT: number): number {
  var t1 = c[T1];
  var var1 = ((((adcT >> 3) - t1 * 2) * c[T2]) | 0) >> 11;
  var d = (adcT >> 4) - t1;
  var var2 = (((((d * d) | 0) >> 12) * c[T3]) | 0) >> 14;
  return var1 + var2;
}

/** Temperature in 0.01 °C from t_fine, as the datasheet's BME280_compensate_T_int32 returns it. */
export function temperatureCentiDegrees(tFine: number): number {
  return (tFine * 5 + 128) >> 8;
}

/** Datasheet double-precision pressure in Pa (0 when the calibration would divide by zero). */
export function compensatePressure(c: Float64Array, adcP: number, tFine: number): number {
  var var1 = tFine / 2 - 64000;
  var var2 = (var1 * var1 * c[P6]) / 32768;
  var2 = var2 + var1 * c[P5] * 2;
  var2 = var2 / 4 + c[P4] * 65536;
  var1 = ((c[P3] * var1 * var1) / 524288 + c[P2] * var1) / 524288;
  var1 = (1 + var1 / 32768) * c[P1];
  if (var1 === 0) return 0;
  var p = 1048576 - adcP;
  p = ((p - var2 / 4096) * 6250) / var1;
  var1 = (c[P9] * p * p) / 2147483648;
  var2 = (p * c[P8]) / 32768;
  return p + (var1 + var2 + c[P7]) / 16;
}

/** Datasheet int32 humidity in %RH as Q22.10 (divide by 1024); every product wraps to int32 as the C code does. */
export function compensateHumidityQ10(c: Float64Array, adcH: number, tFine: number): number {
  var v = tFine - 76800;
  var a = ((adcH * 16384 - c[H4] * 1048576 - ((c[H5] * v) | 0) + 16384) | 0) >> 15;
  var b = ((((((v * c[H6]) | 0) >> 10) * ((((v * c[H3]) | 0) >> 11) + 32768)) | 0) >> 10) + 2097152;
  b = (((b * c[H2]) | 0) + 8192) >> 14;
  v = (a * b) | 0;
  var sq = (((v >> 15) * (v >> 15)) | 0) >> 7;
  v = v - (((sq * c[H1]) | 0) >> 4);
  if (v < 0) v = 0;
  if (v > 419430400) v = 419430400;
  return v >> 12;
}

export class Bme280 {
  bus: I2cBus;
  address: number;
  cal: Float64Array;
  ready: boolean;
  /** Why the last init() or measure() failed, for the log and the `read` command. */
  error: string;

  constructor(bus: I2cBus, address: number) {
    this.bus = bus;
    this.address = address;
    this.cal = new Float64Array(18);
    this.ready = false;
    this.error = "";
  }

  readRegs(reg: number, count: number): ArrayLike<number> {
    this.bus.writeTo(this.address, [reg]);
    return this.bus.readFrom(this.address, count);
  }

  /** Checks the chip id and loads the calibration; false (with `error` set) when no BME280 answers. */
  init(): boolean {
    this.ready = false;
    var id: number;
    try {
      id = this.readRegs(REG_CHIP_ID, 1)[0];
    } catch (e) {
      this.error = "no BME280 answers at I2C 0x" + this.address.toString(16) + ": check wiring (SDA/SCL) and power";
      return false;
    }
    if (id !== BME280_CHIP_ID) {
      this.error = "chip at I2C 0x" + this.address.toString(16) + " has id 0x" + (id || 0).toString(16) + ", not a BME280 (0x60)";
      return false;
    }
    // Soft reset, then wait (bounded) for the NVM calibration copy to finish.
    this.bus.writeTo(this.address, [REG_RESET, 0xb6]);
    var until = Date.now() + RESET_TIMEOUT_MS;
    while (this.readRegs(REG_STATUS, 1)[0] & STATUS_IM_UPDATE && Date.now() < until);
    decodeCalibration(this.readRegs(REG_CALIB_A, 26), this.readRegs(REG_CALIB_B, 7), this.cal);
    this.bus.writeTo(this.address, [REG_CONFIG, 0]); // no IIR filter, no standby (forced mode ignores it)
    this.ready = true;
    this.error = "";
    return true;
  }

  /** One forced-mode measurement into out[at..at+2] = °C, hPa, %RH; NaN where a value is unavailable. */
  measure(out: number[], at: number): boolean {
    out[at] = out[at + 1] = out[at + 2] = NaN;
    if (!this.ready && !this.init()) return false;
    var d: ArrayLike<number>;
    try {
      // ctrl_hum only takes effect after a write to ctrl_meas, so it goes first.
      this.bus.writeTo(this.address, [REG_CTRL_HUM, CTRL_HUM_X1]);
      this.bus.writeTo(this.address, [REG_CTRL_MEAS, CTRL_MEAS_FORCED_X1]);
      // Bounded by time, not by a poll count: how many polls fit in 9 ms depends on the interpreter's speed.
      var deadline = Date.now() + CONVERSION_TIMEOUT_MS;
      while (this.readRegs(REG_STATUS, 1)[0] & STATUS_MEASURING) {
        if (Date.now() > deadline) {
          this.error = "BME280 measurement did not finish";
          return false;
        }
      }
      d = this.readRegs(REG_DATA, 8);
    } catch (e) {
      this.ready = false;
      this.error = "BME280 stopped answering on I2C: check wiring";
      return false;
    }
    var adcP = (d[0] << 12) | (d[1] << 4) | (d[2] >> 4);
    var adcT = (d[3] << 12) | (d[4] << 4) | (d[5] >> 4);
    var adcH = (d[6] << 8) | d[7];
    if (adcT === 0x80000) {
      this.error = "BME280 skipped the temperature measurement";
      return false;
    }
    var tFine = compensateTemperature(this.cal, adcT);
    out[at] = temperatureCentiDegrees(tFine) / 100;
    if (adcP !== 0x80000) out[at + 1] = Math.round(compensatePressure(this.cal, adcP, tFine)) / 100;
    if (adcH !== 0x8000) out[at + 2] = Math.round((compensateHumidityQ10(this.cal, adcH, tFine) / 1024) * 10) / 10;
    return true;
  }
}
