// The on-board MQTT memory benchmark (dist/firmware/mqtt-memory.js as built) runs to its MQTT_MEMORY line on the
// real interpreter too (the Linux build named by ESPNODE_REFERENCE_ESPRUINO; skipped without it). A removeCached of
// a module that was never cached throws there, which once stopped the benchmark on a board.
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { buildMemoryBench, RESULT_LINE } from "./support/memory-bench.ts";

const REFERENCE = process.env.ESPNODE_REFERENCE_ESPRUINO;

/** Runs a file on the reference interpreter until `until` shows in its output (or 20 s pass); returns the output. */
function runOnReference(file: string, until: RegExp): Promise<string> {
  return new Promise((resolve) => {
    // in the file's folder: the interpreter keeps its flash (espruino.flash) in the current directory
    const child = spawn(REFERENCE!, [file], { cwd: path.dirname(file), stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    const stop = () => {
      clearTimeout(timer);
      child.kill("SIGKILL"); // it hooks SIGTERM and keeps running
    };
    const timer = setTimeout(stop, 20_000);
    const take = (b: Buffer) => {
      out += b.toString("latin1");
      if (until.test(out)) stop();
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    child.on("close", () => resolve(out));
  });
}

describe("the MQTT memory benchmark on the reference interpreter", () => {
  it.skipIf(!REFERENCE)("reaches its MQTT_MEMORY line with no uncaught error", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "espnode-membench-ref-"));
    try {
      const file = path.join(dir, "mqtt-memory.js");
      writeFileSync(file, await buildMemoryBench(), "latin1");
      const out = await runOnReference(file, /MQTT_MEMORY \{.*\}\r?\n|Uncaught/);
      expect(out).not.toContain("Uncaught");
      const m = RESULT_LINE.exec(out.replace(/\r?\n/g, "\r\n"));
      expect(m, out.slice(-1500)).not.toBeNull();
      const result = JSON.parse(m![1]!);
      expect(result.errors).toEqual([]);
      expect(result.figures.map((f: { name: string }) => f.name)).toContain("QoS0 publish, 5 B payload");
      // Issue 10's goals, as the real interpreter counts (meaningful with the ESP32 memory model: 14-byte JsVars)
      const figure = (name: string) => result.figures.find((f: { name: string }) => f.name === name);
      if (result.blocksize === 14) {
        expect(result.loaded).toBeLessThanOrEqual(300);
        expect(result.client).toBeLessThanOrEqual(80);
        expect(figure("QoS0 publish, 5 B payload").transient).toBeLessThanOrEqual(14);
        expect(figure("QoS0 publish, 300 B payload").transient).toBe(figure("QoS0 publish, 5 B payload").transient);
        expect(figure("inbound QoS0 message, 300 B payload as a zero-copy view").transient).toBeLessThanOrEqual(30);
        for (const f of result.figures) if (!f.name.startsWith("QoS1")) expect(f.retained, f.name).toBe(0);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
