// Sensors on the virtual board: a register-level BME280 on I2C1 at 0x76 read with the datasheet formulas,
// the ADC and the on-chip temperature sensor.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  BME280_CALIBRATION,
  compensateHumidity,
  compensatePressure,
  compensateTemperature,
} from "../../host-tools/sim/hardware/bme280.ts";
import { startBoard, type TestBoard } from "./support/sim-console.ts";

let t: TestBoard;

/** Bytes of a Uint8Array result; long arrays are read through an expression that avoids the console's
 *  " ... " shortening of arrays over 15 items and strings over 60 chars (JSON_LIMIT in src/jswrap_json.c). */
function bytesFrom(output: string): number[] {
  const zeros = /=new Uint8Array\((\d+)\)/.exec(output); // an all-zero array prints as its length
  if (zeros) return new Array<number>(Number(zeros[1])).fill(0);
  const match = /=new Uint8Array\(\[([\d, ]*)\]\)/.exec(output) ?? /\r\n([\d,]+)\r\n=undefined/.exec(output);
  if (!match) throw new Error(`no Uint8Array in ${JSON.stringify(output)}`);
  return match[1]!.split(",").filter((s) => s.trim()).map(Number);
}

beforeAll(async () => {
  t = await startBoard();
});

afterAll(async () => {
  await t?.close();
});

describe("BME280 at I2C 0x76", () => {
  it("needs I2C1.setup() first, then answers chip id 0x60", async () => {
    expect(await t.type("I2C1.writeTo(0x76, 0xD0)")).toContain("Uncaught Error: I2C device not set up");
    await t.type("I2C1.setup({scl: D22, sda: D21})");
    await t.type("I2C1.writeTo(0x76, 0xD0)");
    expect(bytesFrom(await t.type("I2C1.readFrom(0x76, 1)"))).toEqual([0x60]);
    expect(await t.type("I2C1.writeTo(0x77, 0xD0)")).toContain("Uncaught Error: I2C Error");
  });

  it("holds the calibration registers 0x88-0xA1 and 0xE1-0xE7", async () => {
    await t.type("I2C1.writeTo(0x76, 0x88)");
    const low = bytesFrom(await t.type("print(I2C1.readFrom(0x76, 26).join())"));
    const u16 = (i: number) => low[i]! | (low[i + 1]! << 8);
    const s16 = (i: number) => (u16(i) << 16) >> 16;
    expect(u16(0)).toBe(BME280_CALIBRATION.T1);
    expect(s16(2)).toBe(BME280_CALIBRATION.T2);
    expect(s16(4)).toBe(BME280_CALIBRATION.T3);
    expect(u16(6)).toBe(BME280_CALIBRATION.P1);
    expect(s16(8)).toBe(BME280_CALIBRATION.P2);
    expect(low[25]).toBe(BME280_CALIBRATION.H1);
    await t.type("I2C1.writeTo(0x76, 0xE1)");
    const high = bytesFrom(await t.type("I2C1.readFrom(0x76, 7)"));
    expect(high[0]! | (high[1]! << 8)).toBe(BME280_CALIBRATION.H2);
    expect((high[3]! << 4) | (high[4]! & 0x0f)).toBe(BME280_CALIBRATION.H4);
    expect((high[5]! << 4) | (high[4]! >> 4)).toBe(BME280_CALIBRATION.H5);
  });

  it("reads 0x80000 (skipped) until a measurement, then values the datasheet formulas turn into the truth", async () => {
    await t.type("I2C1.writeTo(0x76, 0xE0, 0xB6)"); // soft reset
    await t.type("I2C1.writeTo(0x76, 0xF7)");
    const idle = bytesFrom(await t.type("I2C1.readFrom(0x76, 8)"));
    expect((idle[3]! << 12) | (idle[4]! << 4) | (idle[5]! >> 4)).toBe(0x80000);
    // humidity x1, then temperature x1, pressure x1, forced mode
    await t.type("I2C1.writeTo(0x76, 0xF2, 0x01, 0xF4, 0x25)");
    await t.type("I2C1.writeTo(0x76, 0xF7)");
    const raw = bytesFrom(await t.type("I2C1.readFrom(0x76, 8)"));
    const truth = await t.board.sensorTruth();
    const adcP = (raw[0]! << 12) | (raw[1]! << 4) | (raw[2]! >> 4);
    const adcT = (raw[3]! << 12) | (raw[4]! << 4) | (raw[5]! >> 4);
    const adcH = (raw[6]! << 8) | raw[7]!;
    const { celsius, tFine } = compensateTemperature(adcT);
    expect(Math.abs(celsius - truth.temperature)).toBeLessThan(0.3);
    expect(Math.abs(compensatePressure(adcP, tFine) - truth.pressure)).toBeLessThan(30);
    expect(Math.abs(compensateHumidity(adcH, tFine) - truth.humidity)).toBeLessThan(2);
    expect(celsius).toBeGreaterThan(15);
    expect(celsius).toBeLessThan(30);
  });

  it("carries noise between measurements", async () => {
    const readings = new Set<string>();
    for (let i = 0; i < 5; i++) {
      await t.type("I2C1.writeTo(0x76, 0xF4, 0x25); I2C1.writeTo(0x76, 0xF7)");
      readings.add(bytesFrom(await t.type("I2C1.readFrom(0x76, 8)")).join());
    }
    expect(readings.size).toBeGreaterThan(1);
  });
});

describe("ADC and chip temperature", () => {
  it("analogRead gives 0..1 on ADC1 pins and NaN elsewhere", async () => {
    const values = await t.type("[analogRead(D34), analogRead(36), analogRead(D2)]");
    const m = /=\[ ([\d.]+), ([\d.]+), NaN \]/.exec(values);
    expect(m, values).not.toBeNull();
    for (const v of [Number(m![1]), Number(m![2])]) {
      expect(v).toBeGreaterThanOrEqual(0);
      expect(v).toBeLessThanOrEqual(1);
    }
  });

  it("E.getTemperature() gives a raw, roughly Fahrenheit chip reading", async () => {
    const value = Number(/=([\d.]+)/.exec(await t.type("E.getTemperature()"))![1]);
    expect(value).toBeGreaterThan(90);
    expect(value).toBeLessThan(160);
  });

  it("has pins as objects that print as D<n>, with LED1 on D2", async () => {
    expect(await t.type("LED1")).toContain("=D2");
    await t.type("digitalWrite(LED1, 1)");
    expect(await t.type("digitalRead(D2)")).toContain("=1");
    expect(await t.type("D2.read()")).toContain("=true");
  });
});
