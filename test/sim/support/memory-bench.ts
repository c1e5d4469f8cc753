// Runs the on-board MQTT memory benchmark (dist/firmware/mqtt-memory.js as built) on a virtual board the way a
// user sends a file to a board's RAM: one echo-off line on the console; returns what it printed and its result.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { buildFirmware, DEVICE_ENTRIES } from "../../../firmware/build/build.ts";
import { startBoard, type TestBoard } from "./sim-console.ts";

export interface MemoryFigure {
  name: string;
  transient: number;
  retained: number;
}

export interface MemoryBenchResult {
  blocksize: number;
  total: number;
  ops: number;
  moduleBytes: number;
  loaded: number;
  client: number;
  figures: MemoryFigure[];
  errors: string[];
}

export const RESULT_LINE = /MQTT_MEMORY (\{.*\})\r\n/;

/** Builds mqtt.js and the benchmark that embeds it; returns the benchmark's code. */
export async function buildMemoryBench(): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), "espnode-membench-"));
  try {
    const entries = DEVICE_ENTRIES.filter((e) => e.name === "mqtt.js" || e.name === "mqtt-memory.js");
    const r = await buildFirmware({ outDir: dir, entries });
    return readFileSync(r.files.find((f) => f.name === "mqtt-memory.js")!.path, "latin1");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Sends the benchmark to a board and waits for its result line (or an uncaught error). */
export async function runMemoryBench(t: TestBoard, code: string): Promise<{ printed: string; result: MemoryBenchResult }> {
  t.out.since();
  t.board.port.write("\x10" + code + "\n");
  const printed = await t.out.waitFor(/MQTT_MEMORY \{.*\}\r\n|Uncaught[^\n]*\n|mqtt-memory: [^\n]*\n/, 60_000);
  const m = RESULT_LINE.exec(printed);
  if (!m) throw new Error("the benchmark failed on the board:\n" + printed);
  return { printed, result: JSON.parse(m[1]) };
}

/** Builds the benchmark, runs it on a fresh virtual board, and closes the board. */
export async function memoryBenchOnVirtualBoard(): Promise<{ printed: string; result: MemoryBenchResult }> {
  const code = await buildMemoryBench();
  const t = await startBoard({ baud: 0 });
  try {
    return await runMemoryBench(t, code);
  } finally {
    await t.close();
  }
}
