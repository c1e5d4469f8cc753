// The enabled sensors of a config as one flat list of telemetry fields and values, sampled in place.
// Built once at start-up from the config's sensor names ("temp", "bme280", "a<pin>"); sampling writes into a
// pre-sized array so a telemetry round allocates nothing per sensor.

import { Bme280, BME280_ADDRESS, I2cBus } from "./bme280.ts";
import { chipTemperatureC, analogFraction } from "./internal.ts";

/** What the sensors need from the board; main.ts wires Espruino's globals, tests pass doubles. */
export interface SensorHardware {
  getTemperature(): number;
  analogRead(pin: number): number;
  /** Sets up and returns the I2C bus the BME280 sits on (Espruino: I2C1.setup({scl, sda})). */
  i2c(): I2cBus;
}

var KIND_TEMP = 0;
var KIND_BME280 = 1;
var KIND_ANALOG = 2;

export class SensorSet {
  hw: SensorHardware;
  /** Sensor names as configured, e.g. ["temp", "bme280", "a36"]. */
  names: string[];
  kinds: number[];
  /** Analog pin per sensor (unused for the others). */
  pins: number[];
  /** Index of each sensor's first field in fields/values. */
  firstField: number[];
  /** Telemetry field names, e.g. ["temp", "t", "p", "h", "a36"]. */
  fields: string[];
  /** Latest reading per field; NaN = unavailable. */
  values: number[];
  bme: Bme280 | null;

  constructor(names: string[], hw: SensorHardware) {
    this.hw = hw;
    this.names = [];
    this.kinds = [];
    this.pins = [];
    this.firstField = [];
    this.fields = [];
    this.values = [];
    this.bme = null;
    for (var i = 0; i < names.length; i++) {
      var n = names[i];
      if (this.names.indexOf(n) >= 0) continue;
      this.names.push(n);
      this.firstField.push(this.fields.length);
      if (n === "temp") {
        this.kinds.push(KIND_TEMP);
        this.pins.push(0);
        this.fields.push("temp");
      } else if (n === "bme280") {
        this.kinds.push(KIND_BME280);
        this.pins.push(0);
        this.fields.push("t", "p", "h");
      } else {
        this.kinds.push(KIND_ANALOG);
        this.pins.push(parseInt(n.substr(1), 10));
        this.fields.push(n);
      }
    }
    for (i = 0; i < this.fields.length; i++) this.values.push(NaN);
  }

  /** Samples sensor number k into values. */
  sampleOne(k: number): void {
    var at = this.firstField[k];
    var kind = this.kinds[k];
    try {
      if (kind === KIND_TEMP) this.values[at] = chipTemperatureC(this.hw.getTemperature());
      else if (kind === KIND_ANALOG) this.values[at] = analogFraction(this.hw.analogRead(this.pins[k]));
      else {
        if (!this.bme) this.bme = new Bme280(this.hw.i2c(), BME280_ADDRESS);
        this.bme.measure(this.values, at);
      }
    } catch (e) {
      // A sensor fault reads as null in telemetry; it must never stop the node.
      this.values[at] = NaN;
    }
  }

  /** Samples every enabled sensor. */
  sample(): void {
    for (var k = 0; k < this.names.length; k++) this.sampleOne(k);
  }

  /** Samples one sensor by name and returns {field: value|null}, or null when it is not enabled. */
  read(name: string): any {
    var k = this.names.indexOf(name);
    if (k < 0) return null;
    this.sampleOne(k);
    var out: any = {};
    var end = k + 1 < this.names.length ? this.firstField[k + 1] : this.fields.length;
    for (var i = this.firstField[k]; i < end; i++) out[this.fields[i]] = this.values[i] === this.values[i] ? this.values[i] : null;
    return out;
  }

  /** Why the named sensor last failed, or "" (only the BME280 has more to say than null). */
  lastError(name: string): string {
    return name === "bme280" && this.bme ? this.bme.error : "";
  }
}
