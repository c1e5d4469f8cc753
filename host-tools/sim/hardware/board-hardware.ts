// The ESP32's pins, ADC, on-chip temperature sensor and I2C bus (with a BME280 at 0x76) as Espruino sees them.
import { Bme280, BME280_ADDRESS } from "./bme280.ts";
import { Environment } from "./environment.ts";
import { noise, seededRandom } from "./random.ts";

/** ESP32 ADC1 channels (usable while Wi-Fi runs): GPIO 32-39. */
export const ADC_PINS = [32, 33, 34, 35, 36, 37, 38, 39];
const PIN_COUNT = 40;

export class BoardHardware {
  readonly environment: Environment;
  readonly bme280: Bme280;
  private readonly random: () => number;
  private readonly outputs = new Map<number, number>();
  private readonly modes = new Map<number, string>();
  private readonly analogBase = new Map<number, number>();
  private readonly i2cConfigured = new Set<string>();
  private readonly bootTime = Date.now();

  constructor(seed: number) {
    this.random = seededRandom(seed);
    this.environment = new Environment(seed);
    this.bme280 = new Bme280(this.environment, seededRandom(seed ^ 0x5eed));
    for (const pin of ADC_PINS) this.analogBase.set(pin, 0.2 + 0.6 * this.random());
  }

  /** reset() re-initialises the peripherals (pins back to default, I2C needs setup() again). */
  softReset(): void {
    this.outputs.clear();
    this.modes.clear();
    this.i2cConfigured.clear();
  }

  validPin(pin: number): boolean {
    return Number.isInteger(pin) && pin >= 0 && pin < PIN_COUNT;
  }

  /** 0..1 like Espruino (12-bit reading / 4096); NaN on a pin without ADC1. */
  analogRead(pin: number): number {
    const base = this.analogBase.get(pin);
    if (base === undefined) return NaN;
    const minutes = (Date.now() - this.bootTime) / 60000;
    const level = base + 0.05 * Math.sin(minutes / 5 + pin) + noise(this.random, 0.004);
    return Math.round(Math.min(1, Math.max(0, level)) * 4095) / 4096;
  }

  /** Raw on-chip temperature reading (roughly °F, uncalibrated, as temprature_sens_read() gives). */
  chipTemperature(): number {
    const warmUp = Math.min(1, (Date.now() - this.bootTime) / 120000);
    const celsius = this.environment.at(Date.now()).temperature + 18 + 6 * warmUp;
    return Math.round(celsius * 1.8 + 32 + noise(this.random, 0.8));
  }

  digitalWrite(pin: number, value: number): void {
    this.outputs.set(pin, value ? 1 : 0);
    if (!this.modes.has(pin) || this.modes.get(pin) === "input") this.modes.set(pin, "output");
  }

  digitalRead(pin: number): number {
    if (this.outputs.has(pin) && this.modes.get(pin) !== "input") return this.outputs.get(pin)!;
    // GPIO0 (BOOT button) has a pull-up; other inputs float low
    const mode = this.modes.get(pin);
    return pin === 0 || mode === "input_pullup" ? 1 : 0;
  }

  pinMode(pin: number, mode: string | undefined): void {
    if (mode === undefined || mode === "auto") this.modes.delete(pin);
    else this.modes.set(pin, mode);
  }

  getPinMode(pin: number): string {
    return this.modes.get(pin) ?? (ADC_PINS.includes(pin) ? "analog" : "input");
  }

  pinInfo(pin: number): Record<string, unknown> {
    const info: Record<string, unknown> = { port: "D", num: pin, functions: {} };
    if (ADC_PINS.includes(pin)) info.analog = { ADCs: [1], channel: ADC_PINS.indexOf(pin) };
    return info;
  }

  i2cSetup(bus: string): void {
    this.i2cConfigured.add(bus);
  }

  /** Returns an error message (Espruino's wording) or undefined. */
  i2cWrite(bus: string, address: number, bytes: Uint8Array): string | undefined {
    if (!this.i2cConfigured.has(bus)) return `I2C device not set up, call ${bus}.setup() first`;
    if (address !== BME280_ADDRESS) return "I2C Error: Timeout (start)";
    this.bme280.write(bytes);
    return undefined;
  }

  i2cRead(bus: string, address: number, count: number): Uint8Array | string {
    if (!this.i2cConfigured.has(bus)) return `I2C device not set up, call ${bus}.setup() first`;
    if (address !== BME280_ADDRESS) return "I2C Error: Timeout (start)";
    return this.bme280.read(count);
  }
}
