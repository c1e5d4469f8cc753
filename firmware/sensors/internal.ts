// The ESP32's own sensors: the on-chip temperature sensor and the ADC. Pure conversions, so they are testable;
// the raw readings come from Espruino's E.getTemperature() and analogRead(pin).

/**
 * E.getTemperature() on an ESP32 returns the raw on-chip reading, roughly °F and uncalibrated (NaN on chips
 * without the sensor). Returns °C with one decimal, or NaN.
 */
export function chipTemperatureC(raw: number): number {
  if (typeof raw !== "number" || !(raw === raw) || raw === Infinity || raw === -Infinity) return NaN;
  return Math.round(((raw - 32) / 1.8) * 10) / 10;
}

/** analogRead(pin) gives 0..1 (12-bit ADC / 4096), NaN on a pin without ADC. Returns it with 3 decimals, or NaN. */
export function analogFraction(raw: number): number {
  if (typeof raw !== "number" || !(raw >= 0 && raw <= 1)) return NaN;
  return Math.round(raw * 1000) / 1000;
}

/** ESP32 pins with an ADC (ADC1: 32-39; ADC2 on 0, 2, 4, 12-15, 25-27 is unusable while Wi-Fi runs). */
export function isAdcPin(pin: number): boolean {
  return pin >= 32 && pin <= 39;
}
