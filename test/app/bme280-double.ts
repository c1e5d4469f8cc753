// A register-level BME280 on a fake I2C bus, as the datasheet describes the chip: chip id at 0xD0, calibration
// at 0x88-0xA1 and 0xE1-0xE7, ctrl_hum (0xF2) latched only by a write to ctrl_meas (0xF4), forced mode producing
// one conversion (status 0xF3 bit 3 "measuring" for a few reads), data at 0xF7-0xFE, skipped channels reading
// 0x80000 / 0x8000, soft reset at 0xE0. Writes are register/value pairs; reads auto-increment.

import type { I2cBus } from "../../firmware/sensors/bme280.ts";

export interface Calibration {
  T1: number; T2: number; T3: number;
  P1: number; P2: number; P3: number; P4: number; P5: number; P6: number; P7: number; P8: number; P9: number;
  H1: number; H2: number; H3: number; H4: number; H5: number; H6: number;
}

export class Bme280Double implements I2cBus {
  regs = new Uint8Array(256);
  pointer = 0;
  measuringReads = 0;
  /** Raw ADC values the next forced conversion produces. */
  adcT = 0;
  adcP = 0;
  adcH = 0;
  conversions = 0;
  present = true;

  constructor(readonly address: number, cal: Calibration, chipId = 0x60) {
    this.regs[0xd0] = chipId;
    const w16 = (reg: number, v: number) => {
      const u = v & 0xffff;
      this.regs[reg] = u & 0xff;
      this.regs[reg + 1] = u >> 8;
    };
    w16(0x88, cal.T1); w16(0x8a, cal.T2); w16(0x8c, cal.T3);
    w16(0x8e, cal.P1); w16(0x90, cal.P2); w16(0x92, cal.P3); w16(0x94, cal.P4); w16(0x96, cal.P5);
    w16(0x98, cal.P6); w16(0x9a, cal.P7); w16(0x9c, cal.P8); w16(0x9e, cal.P9);
    this.regs[0xa1] = cal.H1;
    w16(0xe1, cal.H2);
    this.regs[0xe3] = cal.H3;
    // H4: E4 = bits 11..4, E5[3:0] = bits 3..0; H5: E6 = bits 11..4, E5[7:4] = bits 3..0 (12-bit two's complement).
    const h4 = cal.H4 & 0xfff;
    const h5 = cal.H5 & 0xfff;
    this.regs[0xe4] = h4 >> 4;
    this.regs[0xe5] = (h4 & 0x0f) | ((h5 & 0x0f) << 4);
    this.regs[0xe6] = h5 >> 4;
    this.regs[0xe7] = cal.H6 & 0xff;
  }

  private check(address: number): void {
    if (!this.present || address !== this.address) throw new Error("I2C NACK at 0x" + address.toString(16));
  }

  writeTo(address: number, data: number[]): void {
    this.check(address);
    this.pointer = data[0];
    for (let i = 0; i + 1 < data.length; i += 2) this.writeReg(data[i], data[i + 1]);
  }

  readFrom(address: number, count: number): Uint8Array {
    this.check(address);
    const out = new Uint8Array(count);
    for (let i = 0; i < count; i++) {
      const reg = (this.pointer + i) & 0xff;
      if (reg === 0xf3) {
        out[i] = (this.measuringReads > 0 ? 0x08 : 0) | this.regs[0xf3];
        if (this.measuringReads > 0) this.measuringReads--;
        if (this.regs[0xf3] & 1) this.regs[0xf3] = 0; // NVM copy finishes after one read
      } else out[i] = this.regs[reg];
    }
    return out;
  }

  private writeReg(reg: number, value: number): void {
    if (reg === 0xe0) {
      if (value === 0xb6) {
        this.regs[0xf2] = this.regs[0xf4] = this.regs[0xf5] = 0;
        this.regs[0xf3] = 1; // im_update while calibration is copied
      }
      return;
    }
    this.regs[reg] = value;
    if (reg === 0xf4 && (value & 3) !== 0 && (value & 3) !== 3) this.convert();
  }

  private latchedHumOversampling = 0;

  private convert(): void {
    this.latchedHumOversampling = this.regs[0xf2] & 7;
    const ctrl = this.regs[0xf4];
    const t = (ctrl >> 5) & 7 ? this.adcT : 0x80000;
    const p = (ctrl >> 2) & 7 ? this.adcP : 0x80000;
    const h = this.latchedHumOversampling ? this.adcH : 0x8000;
    this.regs.set([p >> 12, (p >> 4) & 0xff, (p & 0xf) << 4, t >> 12, (t >> 4) & 0xff, (t & 0xf) << 4, h >> 8, h & 0xff], 0xf7);
    this.measuringReads = 3;
    this.conversions++;
  }
}
