// The MQTT client on a board: its minified and gzipped size, and what the on-board memory benchmark
// (dist/firmware/mqtt-memory.js, the same file a user runs on a real board) prints on the virtual board, next to
// the same measurement of Espruino's own MQTT module when its file is given (`npm run bench -- --espruino-mqtt
// PATH` or ESPNODE_ESPRUINO_MQTT=PATH; EspruinoDocs modules/MQTT.js is not part of this repository).
import { existsSync, readFileSync } from "node:fs";
import { gzipSync } from "node:zlib";
import { compileDeviceEntry } from "../../firmware/build/build.ts";
import { memoryBenchOnVirtualBoard, type MemoryBenchResult } from "../sim/support/memory-bench.ts";
import { startBoard } from "../sim/support/sim-console.ts";
import { ESPRUINO_MQTT_RESULT, espruinoMqttMemoryProgram, espruinoMqttPath } from "./espruino-mqtt-memory.ts";
import type { BenchResult } from "./run.ts";

/** Runs the Espruino MQTT.js measurement on a fresh virtual board, sent to its RAM as one echo-off line. */
async function espruinoMqttOnVirtualBoard(moduleSource: string): Promise<MemoryBenchResult> {
  const t = await startBoard({ baud: 0 });
  try {
    t.out.since();
    t.board.port.write("\x10" + espruinoMqttMemoryProgram(moduleSource).replace(/\n/g, " ") + "\n");
    const printed = await t.out.waitFor(/ESPRUINO_MQTT_MEMORY \{.*\}\r\n|Uncaught[^\n]*\n|espruino-mqtt-memory: [^\n]*\n/, 60_000);
    const m = ESPRUINO_MQTT_RESULT.exec(printed);
    if (!m) throw new Error("the Espruino MQTT.js measurement failed on the virtual board:\n" + printed);
    return JSON.parse(m[1]!);
  } finally {
    await t.close();
  }
}

/** Espruino's MQTT.js measured on the virtual board, or why that column is left out. */
async function espruinoColumn(): Promise<{ result?: MemoryBenchResult; skipped?: string }> {
  const file = espruinoMqttPath();
  if (!file) return { skipped: "Espruino MQTT.js column skipped: give its file with `npm run bench -- board-memory --espruino-mqtt PATH` or ESPNODE_ESPRUINO_MQTT=PATH" };
  if (!existsSync(file)) return { skipped: `Espruino MQTT.js column skipped: ${file} does not exist` };
  return { result: await espruinoMqttOnVirtualBoard(readFileSync(file, "latin1")) };
}

export default async function bench(): Promise<BenchResult[]> {
  const module = await compileDeviceEntry("firmware/board/mqtt-module.ts", { module: true });
  const { result } = await memoryBenchOnVirtualBoard();
  const espruino = await espruinoColumn();
  const unit = `JsVars (${result.blocksize} B)`;
  const theirs = espruino.result;
  const their = (name: string) => theirs?.figures.find((f) => f.name === name);
  const columns = (
    transient: number | string,
    retained: number | string,
    other?: { transient: number | string; retained: number | string },
  ): Record<string, number | string> =>
    theirs
      ? { "espnode transient": transient, "espnode retained": retained, "MQTT.js transient": other?.transient ?? "-", "MQTT.js retained": other?.retained ?? "-" }
      : { transient, retained };
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
        { figure: "module loaded (require from Storage)", ...columns("-", result.loaded, theirs && { transient: "-", retained: theirs.loaded }), unit },
        { figure: "client object", ...columns("-", result.client, theirs && { transient: "-", retained: theirs.client }), unit },
        ...result.figures.map((f) => ({ figure: f.name, ...columns(f.transient, f.retained, their(f.name)), unit: unit + " per message" })),
      ],
      notes: [
        "The virtual board counts JsVars as a 32-bit ESP32-memory-model Espruino does (host-tools/sim/README.md: how close,",
        "and on what): what globals, modules and timers reach, the scopes functions keep, and the scopes and arguments",
        "of running calls. It does not see values held only in a running call's locals or what the interpreter makes on",
        "the first use of a built-in class, and takes equal strings for one, so its figures differ from a board's.",
        "Real-board figures: README 'Memory on a board'.",
        ...(theirs ? [`MQTT.js: Espruino's module (${theirs.moduleBytes} bytes) through the same harness; its inbound messages are queued (emit), so 16 in one tick are held at once.`] : []),
        ...(espruino.skipped ? [espruino.skipped] : []),
        ...(result.errors.length ? ["errors: " + result.errors.join("; ")] : []),
        ...(theirs?.errors.length ? ["MQTT.js errors: " + theirs.errors.join("; ")] : []),
      ],
    },
  ];
}
