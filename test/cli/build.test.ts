// `espnode build`: the device files, their sizes, and the interpreter check run on them.
import { describe, it, expect, afterAll } from "vitest";
import { mkdtemp, rm, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "./support/sim.ts";
import { checkDeviceCode } from "../../firmware/build/check-output.ts";

let dir: string | undefined;
afterAll(async () => dir && rm(dir, { recursive: true, force: true }));

describe("espnode build", () => {
  it("writes app.js, mqtt.js and the memory benchmark, reports their sizes, and all pass the interpreter check", { timeout: 60_000 }, async () => {
    dir = await mkdtemp(join(tmpdir(), "espnode-build-cli-"));
    const r = await runCli(["build", "--out", dir, "--json"], { timeoutMs: 60_000 });
    expect(r.code).toBe(0);
    const result = JSON.parse(r.stdout);
    expect(result.files.map((f: { name: string }) => f.name).sort()).toEqual(["app.js", "mqtt-memory.js", "mqtt.js"]);
    for (const f of result.files) {
      const code = await readFile(f.path, "utf8");
      expect(f.bytes).toBe(Buffer.byteLength(code));
      expect(checkDeviceCode(code)).toEqual([]);
      expect(r.stderr).toContain(`${f.name}`);
    }
  });
});
