import { describe, expect, it } from "vitest";
import {
  Bme280, compensateTemperature, compensatePressure, compensateHumidityQ10, decodeCalibration, temperatureCentiDegrees,
} from "../../firmware/sensors/bme280.ts";
import { Bme280Double, type Calibration } from "./bme280-double.ts";

// The worked example of the Bosch datasheet (BMP280 rev 1.x, section 3.12, same T/P compensation as the BME280),
// plus humidity trimming values of a real BME280.
const CAL: Calibration = {
  T1: 27504, T2: 26435, T3: -1000,
  P1: 36477, P2: -10685, P3: 3024, P4: 2855, P5: 140, P6: -7, P7: 15500, P8: -14600, P9: 6000,
  H1: 75, H2: 362, H3: 0, H4: 313, H5: 50, H6: 30,
};
const ADC_T = 519888;
const ADC_P = 415148;

// The datasheet's floating-point formulas, written out independently as the reference.
function refTemperature(c: Calibration, adcT: number) {
  const var1 = (adcT / 16384 - c.T1 / 1024) * c.T2;
  const var2 = (adcT / 131072 - c.T1 / 8192) * (adcT / 131072 - c.T1 / 8192) * c.T3;
  return { tFine: var1 + var2, celsius: (var1 + var2) / 5120 };
}
function refHumidity(c: Calibration, adcH: number, tFine: number) {
  let h = tFine - 76800;
  h = (adcH - (c.H4 * 64 + (c.H5 / 16384) * h)) * ((c.H2 / 65536) * (1 + (c.H6 / 67108864) * h * (1 + (c.H3 / 67108864) * h)));
  h = h * (1 - (c.H1 * h) / 524288);
  return Math.min(100, Math.max(0, h));
}

function table(c: Calibration) {
  const dev = new Bme280Double(0x76, c);
  const out = new Float64Array(18);
  decodeCalibration(dev.regs.subarray(0x88, 0x88 + 26), dev.regs.subarray(0xe1, 0xe1 + 7), out);
  return out;
}

describe("BME280 compensation (datasheet formulas)", () => {
  it("reproduces the datasheet example: t_fine 128422, 25.08 °C, 100653.27 Pa", () => {
    const c = table(CAL);
    const tFine = compensateTemperature(c, ADC_T);
    expect(tFine).toBe(128422);
    expect(temperatureCentiDegrees(tFine)).toBe(2508);
    expect(compensatePressure(c, ADC_P, tFine)).toBeCloseTo(100653.27, 1);
  });

  it("agrees with the floating-point reference across the range", () => {
    const c = table(CAL);
    for (let adcT = 400000; adcT <= 600000; adcT += 12345) {
      const tFine = compensateTemperature(c, adcT);
      const ref = refTemperature(CAL, adcT);
      expect(Math.abs(temperatureCentiDegrees(tFine) / 100 - ref.celsius)).toBeLessThan(0.011);
      for (let adcH = 20000; adcH <= 40000; adcH += 2500) {
        const h = compensateHumidityQ10(c, adcH, tFine) / 1024;
        expect(Math.abs(h - refHumidity(CAL, adcH, tFine))).toBeLessThan(0.05);
      }
    }
  });

  it("clamps humidity to 0..100 %RH", () => {
    const c = table(CAL);
    const tFine = compensateTemperature(c, ADC_T);
    expect(compensateHumidityQ10(c, 0, tFine)).toBe(0);
    expect(compensateHumidityQ10(c, 65535, tFine) / 1024).toBe(100);
  });

  it("decodes signed 16-bit words and the packed signed 12-bit H4/H5 fields", () => {
    const neg = { ...CAL, T2: -12345, P9: -1, H2: -300, H4: -5, H5: -2000, H6: -7 };
    const c = table(neg);
    expect([c[0], c[1], c[2]]).toEqual([27504, -12345, -1000]);
    expect(c[11]).toBe(-1);
    expect([c[12], c[13], c[14], c[15], c[16], c[17]]).toEqual([75, -300, 0, -5, -2000, -7]);
    const pos = table({ ...CAL, H4: 2047, H5: 1234 });
    expect([pos[15], pos[16]]).toEqual([2047, 1234]);
  });
});

describe("Bme280 driver over I2C", () => {
  it("reads temperature, pressure and humidity in forced mode", () => {
    const dev = new Bme280Double(0x76, CAL);
    dev.adcT = ADC_T;
    dev.adcP = ADC_P;
    dev.adcH = 30000;
    const bme = new Bme280(dev, 0x76);
    expect(bme.init()).toBe(true);
    const out = [0, 0, 0];
    expect(bme.measure(out, 0)).toBe(true);
    expect(out[0]).toBe(25.08);
    expect(out[1]).toBe(1006.53);
    const refH = refHumidity(CAL, 30000, refTemperature(CAL, ADC_T).tFine);
    expect(Math.abs(out[2] - refH)).toBeLessThan(0.1);
    expect(out[2]).toBeGreaterThan(0);
    expect(dev.conversions).toBe(1);
    // Back to sleep between measurements: forced mode, x1 oversampling for all three.
    expect(dev.regs[0xf4]).toBe(0x25);
    expect(dev.regs[0xf2]).toBe(0x01);
  });

  it("takes a fresh conversion each time", () => {
    const dev = new Bme280Double(0x76, CAL);
    dev.adcT = ADC_T;
    dev.adcP = ADC_P;
    dev.adcH = 30000;
    const bme = new Bme280(dev, 0x76);
    const out = [0, 0, 0];
    bme.measure(out, 0);
    dev.adcT = ADC_T + 5000;
    bme.measure(out, 0);
    expect(dev.conversions).toBe(2);
    expect(out[0]).toBeGreaterThan(25.08);
  });

  it("refuses a chip with another id and says which", () => {
    const dev = new Bme280Double(0x76, CAL, 0x58); // a BMP280
    const bme = new Bme280(dev, 0x76);
    expect(bme.init()).toBe(false);
    expect(bme.error).toContain("0x58");
    const out = [1, 2, 3];
    expect(bme.measure(out, 0)).toBe(false);
    expect(out.every((v) => Number.isNaN(v))).toBe(true);
  });

  it("reports a missing chip instead of throwing, and recovers when it answers again", () => {
    const dev = new Bme280Double(0x76, CAL);
    dev.adcT = ADC_T;
    dev.adcP = ADC_P;
    dev.adcH = 30000;
    dev.present = false;
    const bme = new Bme280(dev, 0x76);
    const out = [0, 0, 0];
    expect(bme.measure(out, 0)).toBe(false);
    expect(bme.error).toMatch(/wiring/);
    dev.present = true;
    expect(bme.measure(out, 0)).toBe(true);
    expect(out[0]).toBe(25.08);
  });
});
