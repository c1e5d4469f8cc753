// `espnode build ENTRY`: a user's TypeScript checked against the ESP32 board library and built for the board, with
// every finding at the user's own file:line:column.
import { describe, it, expect, beforeAll, afterAll } from "vitest";
import { mkdtempSync, mkdirSync, writeFileSync, symlinkSync, readFileSync, rmSync } from "node:fs";
import { execFileSync } from "node:child_process";
import { tmpdir } from "node:os";
import path from "node:path";
import { build } from "../../host-tools/commands/build.ts";
import { checkDeviceCode } from "../../firmware/build/check-output.ts";
import { runCli, startSim, waitForConsole } from "../cli/support/sim.ts";

const repo = path.resolve(import.meta.dirname, "../..");
let project: string;

/**
 * A project as `espnode init` makes it, with node_modules/espnode pointing at this checkout's firmware through the
 * package "exports" the published package declares.
 */
function makeProject(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "espnode-user-build-"));
  mkdirSync(path.join(dir, "src"));
  mkdirSync(path.join(dir, "node_modules/espnode"), { recursive: true });
  symlinkSync(path.join(repo, "firmware"), path.join(dir, "node_modules/espnode/firmware"));
  writeFileSync(path.join(dir, "node_modules/espnode/package.json"), JSON.stringify({
    name: "espnode",
    type: "module",
    exports: {
      "./mqtt": "./firmware/board/mqtt-link.ts",
      "./telemetry": "./firmware/protocol/telemetry-line.ts",
      "./outbox": "./firmware/app/outbox.ts",
      "./config": "./firmware/app/config-store.ts",
      "./bme280": "./firmware/sensors/bme280.ts",
    },
  }));
  return dir;
}

function write(file: string, lines: string[]): string {
  writeFileSync(path.join(project, file), lines.join("\n") + "\n");
  return file;
}

async function findings(entry: string): Promise<string[]> {
  try {
    await build({ entries: [entry], cwd: project, outDir: "out-fail" });
  } catch (e) {
    expect((e as { kind?: string }).kind).toBe("usage");
    return (e as Error).message.split("\n").slice(1);
  }
  throw new Error(`${entry} built, but it should not have`);
}

const GOOD = [
  'import { telemetryLine } from "espnode/telemetry";',
  "class Average { sum = 0; n = 0; add(v: number) { this.sum += v; this.n++; return this; } get value() { return this.sum / this.n; } }",
  "const avg = [21.5, 22.5].reduce((a, v) => a.add(v), new Average());",
  'const tags = ["a", "b"].map((t) => t.padStart(3, "-"));',
  'print(telemetryLine(JSON.stringify({ t: avg.value, tags: tags, crc: E.CRC32("abc"), has: [1, 2].includes(2) })));',
];
const GOOD_OUTPUT = '@tlm {"t":22,"tags":["--a","--b"],"crc":891568578,"has":true}';

beforeAll(() => {
  project = makeProject();
});
afterAll(() => rmSync(project, { recursive: true, force: true }));

describe("espnode build ENTRY: what the board lacks is an error at the user's line", () => {
  it("reports Map, Array.from, Math.trunc and an async function at their own file:line:column", async () => {
    write("src/bad.ts", [
      "const counts = new Map<string, number>();",
      "const xs = Array.from([1, 2]);",
      "const n = Math.trunc(2.5);",
      "async function later() { return 1; }",
      "print(counts, xs, n, later);",
    ]);
    expect(await findings("src/bad.ts")).toEqual([
      "src/bad.ts:1:20 Cannot find name 'Map' (an ESP32 running Espruino 2v29 does not have it)",
      "src/bad.ts:2:18 Property 'from' does not exist on type 'ArrayConstructor' (an ESP32 running Espruino 2v29 does not have it)",
      "src/bad.ts:3:16 Property 'trunc' does not exist on type 'Math' (an ESP32 running Espruino 2v29 does not have it)",
      "src/bad.ts:4:1 async functions and await are not supported on the board: lowered to ES5 they need the __awaiter/__generator runtime, which is large in JsVars; use Promise.then() or callbacks",
    ]);
  });

  it("refuses generators, and Object.freeze / RangeError / Symbol which the ES5 library would have let through", async () => {
    write("src/more.ts", [
      "function* ids() { yield 1; }",
      "const frozen = Object.freeze({ a: 1 });",
      'const err = new RangeError("x");',
      'const key = Symbol("k");',
      "print(ids, frozen, err, key);",
    ]);
    const got = await findings("src/more.ts");
    expect(got[0]).toBe("src/more.ts:1:1 generators (function*, yield) are not supported on the board: lowered to ES5 they need the __generator state-machine runtime, which is large in JsVars; keep the state in an object");
    expect(got.slice(1)).toEqual([
      "src/more.ts:2:23 Property 'freeze' does not exist on type 'ObjectConstructor'.",
      "src/more.ts:3:17 'RangeError' only refers to a type, but is being used as a value here (an ESP32 running Espruino 2v29 does not have it)",
      "src/more.ts:4:13 'Symbol' only refers to a type, but is being used as a value here (an ESP32 running Espruino 2v29 does not have it)",
    ]);
  });

  it("places a device-check finding on the output (TypeScript accepts it) back at the TypeScript line through the source maps", async () => {
    write("src/regex.ts", [
      "// the board's RegExp engine has no ? quantifier",
      "const isSecure = (url: string) => /mqtts?:/.test(url);",
      'print(isSecure("mqtts://broker"));',
    ]);
    expect(await findings("src/regex.ts")).toEqual([
      "src/regex.ts:2:35 regular expression /mqtts?:/ uses the ? quantifier, which Espruino's RegExp engine does not support",
    ]);
  });
});

describe("espnode build ENTRY: a good file", () => {
  it("builds dist/<name>.js that passes the device check and prints its telemetry line on the virtual board", { timeout: 30_000 }, async () => {
    write("src/main.ts", GOOD);
    const r = await build({ entries: ["src/main.ts"], cwd: project });
    expect(r.files).toEqual([{ name: "main.js", path: path.join(project, "dist/main.js"), bytes: expect.any(Number) }]);
    const code = readFileSync(path.join(project, "dist/main.js"), "utf8");
    expect(r.files[0].bytes).toBe(Buffer.byteLength(code));
    expect(checkDeviceCode(code)).toEqual([]);
    const sim = await startSim({ app: code });
    try {
      // the deploy already ran it once, before the console was watched: boot into it again
      sim.board.port.write("\x10load()\r");
      await waitForConsole(sim, /@tlm [^\r\n]*\r\n/);
      expect(sim.console()).toContain(GOOD_OUTPUT + "\r\n");
    } finally {
      await sim.close();
    }
  });

  it.skipIf(!process.env.ESPNODE_REFERENCE_ESPRUINO)("runs the same on the reference interpreter", async () => {
    write("src/main.ts", GOOD);
    await build({ entries: ["src/main.ts"], cwd: project, outDir: "ref" });
    let printed = "";
    try {
      printed = execFileSync("timeout", ["5", process.env.ESPNODE_REFERENCE_ESPRUINO!, path.join(project, "ref/main.js")], { encoding: "latin1", cwd: project }); // any flash file it makes stays there
    } catch (e) {
      printed = (e as { stdout: string }).stdout; // `timeout` ends the interpreter's prompt with status 124
    }
    expect(printed).toContain(GOOD_OUTPUT + "\r\n");
    expect(printed).not.toMatch(/Uncaught/);
  });

  it("bundles only what the file imports: the telemetry line without the MQTT link", async () => {
    write("src/tlm-only.ts", ['import { telemetryLine } from "espnode/telemetry";', 'print(telemetryLine("{}"));']);
    write("src/with-mqtt.ts", [
      'import { telemetryLine } from "espnode/telemetry";',
      'import { openEspruinoLink } from "espnode/mqtt";',
      'print(telemetryLine("{}"));',
      'setTimeout(() => openEspruinoLink(null as any, "broker", 1883, false), 1000);',
    ]);
    const r = await build({ entries: ["src/tlm-only.ts", "src/with-mqtt.ts"], cwd: project, outDir: "shake" });
    const [tlmOnly, withMqtt] = r.files.map((f) => readFileSync(f.path, "utf8"));
    // mqtt-link opens the socket with require("tls") / require("net") and wires "drain"
    expect(withMqtt).toContain('"drain"');
    expect(tlmOnly).not.toContain('"drain"');
    expect(tlmOnly).not.toContain("tls");
    expect(tlmOnly.length).toBeLessThan(100);
  });

  it("builds the package.json \"espnode\": {\"entry\"} when no entry is given", async () => {
    write("src/main.ts", GOOD);
    writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "my-node", espnode: { entry: "src/main.ts" } }));
    try {
      const r = await build({ cwd: project, outDir: "from-pkg" });
      expect(r.files.map((f) => f.path)).toEqual([path.join(project, "from-pkg/main.js")]);
    } finally {
      rmSync(path.join(project, "package.json"));
    }
  });
});

describe("espnode build ENTRY (CLI)", () => {
  it("--json lists the files written with their sizes", { timeout: 30_000 }, async () => {
    write("src/main.ts", GOOD);
    const r = await runCli(["build", "src/main.ts", "--out", "cli-out", "--json"], { cwd: project });
    expect(r.code).toBe(0);
    const bytes = Buffer.byteLength(readFileSync(path.join(project, "cli-out/main.js")));
    expect(JSON.parse(r.stdout)).toEqual({ ok: true, files: [{ name: "main.js", path: path.join(project, "cli-out/main.js"), bytes }] });
  });

  it("exits 2 with each finding as file:line:column message", { timeout: 30_000 }, async () => {
    write("src/cli-bad.ts", ["const xs = Array.from([1]);", "print(xs);"]);
    const r = await runCli(["build", "src/cli-bad.ts"], { cwd: project });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("src/cli-bad.ts:1:18 Property 'from' does not exist on type 'ArrayConstructor' (an ESP32 running Espruino 2v29 does not have it)");
  });
});
