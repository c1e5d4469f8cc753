// The longer fuzz run of the MQTT core's parser (the test suite runs 3 s of the same).
import { fuzz } from "../helpers/fuzz.ts";
import type { BenchResult } from "./run.ts";

export default async function bench(): Promise<BenchResult> {
  const seconds = Number(process.env.ESPNODE_FUZZ_SECONDS ?? 30);
  const rows = [];
  for (const seed of [1, 777]) {
    const t0 = performance.now();
    const r = fuzz(seconds / 2, seed);
    const s = (performance.now() - t0) / 1000;
    rows.push({
      seed,
      "bytes fed": r.fed,
      "MB/s": +(r.fed / s / 1e6).toFixed(2),
      "protocol closes": r.closes,
      "max buffered B": r.maxBuffered,
      "limit B": r.maxPacketSize + 5,
      "still connected": r.client.connected ? "yes" : "no",
    });
  }
  return { title: `MQTT parser fuzz (${seconds} s, random + mutated packets, random chunking; never threw)`, rows };
}
