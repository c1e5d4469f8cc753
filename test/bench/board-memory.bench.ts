// The MQTT client on a board: its minified and gzipped size, and what the on-board memory benchmark
// (dist/firmware/mqtt-memory.js, the same file a user runs on a real board) prints on the virtual board.
import { gzipSync } from "node:zlib";
import { compileDeviceEntry } from "../../firmware/build/build.ts";
import { memoryBenchOnVirtualBoard } from "../sim/support/memory-bench.ts";
import type { BenchResult } from "./run.ts";

export default async function bench(): Promise<BenchResult[]> {
  const module = await compileDeviceEntry("firmware/board/mqtt-module.ts");
  const { result } = await memoryBenchOnVirtualBoard();
  const unit = `JsVars (${result.blocksize} B)`;
  return [
    {
      title: "MQTT client module (dist/firmware/mqtt.js)",
      rows: [
        { figure: "minified", value: module.length, unit: "bytes" },
        { figure: "gzipped", value: gzipSync(module).length, unit: "bytes" },
      ],
    },
    {
      title: `MQTT client memory on the virtual board (dist/firmware/mqtt-memory.js, ${result.ops} operations a figure)`,
      rows: [
        { figure: "module loaded (require from Storage)", transient: "-", retained: result.loaded, unit },
        { figure: "client object (maxInflight 16)", transient: "-", retained: result.client, unit },
        ...result.figures.map((f) => ({ figure: f.name, transient: f.transient, retained: f.retained, unit: unit + " per message" })),
      ],
      notes: [
        "The virtual board estimates JsVars by walking what globals, the module cache and timers reach: it cannot see a",
        "running function's scope, so transient figures read 0 there and function code counts as RAM (a board can keep",
        "code loaded from Storage in flash). Run the same file on a real board for its figures (README: 'Memory on a board').",
        ...(result.errors.length ? ["errors: " + result.errors.join("; ")] : []),
      ],
    },
  ];
}
