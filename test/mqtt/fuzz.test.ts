// Bounded fuzzing of the core's parser: random and mutated packets in random chunks. It must never throw,
// never buffer more than one allowed packet, and keep working after each protocol close.
import { it, expect } from "vitest";
import { fuzz } from "../helpers/fuzz.ts";

it("never throws on random and mutated input and buffers at most one allowed packet", () => {
  const r = fuzz(3);
  expect(r.fed).toBeGreaterThan(100_000);
  expect(r.closes).toBeGreaterThan(10);
  expect(r.maxBuffered).toBeLessThanOrEqual(r.maxPacketSize + 5);
  expect(r.client.connected).toBe(true);
});
