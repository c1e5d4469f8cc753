// The on-board memory benchmark (dist/firmware/mqtt-memory.js) runs on the virtual board as sent to a board's RAM,
// measures through process.memory(), cleans up after itself, and finds what the client's design promises: nothing
// retained per QoS0 publish or inbound message, a bounded cost per QoS1 message in flight.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBoard, type TestBoard } from "./support/sim-console.ts";
import { buildMemoryBench, runMemoryBench, type MemoryBenchResult } from "./support/memory-bench.ts";

let t: TestBoard;
let printed: string;
let result: MemoryBenchResult;

beforeAll(async () => {
  t = await startBoard();
  ({ printed, result } = await runMemoryBench(t, await buildMemoryBench()));
}, 120_000);

afterAll(async () => {
  await t?.close();
});

const figure = (name: string) => {
  const f = result.figures.find((x) => x.name.startsWith(name));
  if (!f) throw new Error(`no figure "${name}" in ${JSON.stringify(result.figures)}`);
  return f;
};

describe("the on-board MQTT memory benchmark on the virtual board", () => {
  it("prints a readable table and one JSON result line, with no errors", () => {
    expect(printed).toContain("espnode MQTT client memory, in JsVars of 14 bytes; 16 operations a figure");
    expect(printed).toMatch(/module loaded from Storage \(\d+ bytes\): \d+/);
    expect(result.errors).toEqual([]);
    expect(result.figures.map((f) => f.name)).toEqual([
      "QoS0 publish, 5 B payload",
      "QoS0 publish, 300 B payload",
      "QoS1 publish kept in flight",
      "inbound QoS0 message, 300 B payload",
      "inbound QoS0 message, 300 B payload as a zero-copy view",
      "inbound QoS2 message held until PUBREL",
    ]);
  });

  it("measures the module and the client it loads", () => {
    expect(result.moduleBytes).toBeGreaterThan(5000);
    expect(result.loaded).toBeGreaterThan(100);
    // typed in-flight tables and the subscription table, allocated once
    expect(result.client).toBeGreaterThan(20);
    expect(result.client).toBeLessThan(result.loaded);
  });

  it("finds nothing retained per QoS0 publish or inbound message, and a small fixed cost per QoS1 in flight", () => {
    expect(figure("QoS0 publish, 5 B").retained).toBe(0);
    expect(figure("QoS0 publish, 300 B").retained).toBe(0);
    expect(figure("inbound QoS0").retained).toBe(0);
    expect(figure("inbound QoS2").retained).toBe(0);
    expect(figure("inbound QoS0 message, 300 B payload as a zero-copy view").retained).toBe(0);
    // the scopes of the running calls are counted (a flat cost, the same for both payloads)
    expect(figure("QoS0 publish, 5 B").transient).toBeGreaterThan(0);
    expect(figure("QoS0 publish, 300 B").transient).toBe(figure("QoS0 publish, 5 B").transient);
    expect(figure("inbound QoS0").transient).toBeGreaterThan(0);
    const inflight = figure("QoS1 publish kept in flight").retained;
    expect(inflight).toBeGreaterThan(0);
    expect(inflight).toBeLessThanOrEqual(4);
  });

  it("leaves the board as it found it: the module file erased, no global left behind", async () => {
    expect(t.board.storage.read("espnode-mqtt.bench")).toBeUndefined();
    expect(await t.type('typeof mqttMemoryBench + " " + require("Storage").list().indexOf("espnode-mqtt.bench")')).toContain('="undefined -1"');
  });

  it("measures again when run a second time in the same session (the cached module is dropped first)", async () => {
    const again = await runMemoryBench(t, await buildMemoryBench());
    expect(again.result.loaded).toBe(result.loaded);
    expect(again.result.errors).toEqual([]);
  });
});
