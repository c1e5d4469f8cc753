// The "true" environment around the virtual board: slowly drifting temperature, humidity and pressure, as
// deterministic functions of time and seed, so tests can compare sensor readings against them.

export interface EnvironmentValues {
  /** °C */
  temperature: number;
  /** % relative humidity */
  humidity: number;
  /** Pa */
  pressure: number;
}

export class Environment {
  private readonly phase: number[];

  constructor(seed: number) {
    // a few fixed phases derived from the seed, so two boards with different seeds do not read the same
    this.phase = [1, 2, 3, 4].map((k) => ((seed * 9301 + 49297 * k) % 233280) / 233280 * Math.PI * 2);
  }

  at(timeMs: number): EnvironmentValues {
    const minutes = timeMs / 60000;
    const [a, b, c, d] = this.phase as [number, number, number, number];
    return {
      temperature: 22 + 1.5 * Math.sin(minutes / 9 + a) + 0.4 * Math.sin(minutes / 1.7 + b),
      humidity: 45 + 6 * Math.sin(minutes / 13 + c) + 1 * Math.sin(minutes / 2.3 + d),
      pressure: 101325 + 120 * Math.sin(minutes / 30 + b) + 15 * Math.sin(minutes / 3.1 + a),
    };
  }
}
