// The ESP32 board library (firmware/types): our device library typechecks under it, what the board has is
// declared, and what it lacks (checked on the reference interpreter) is a type error.
import { describe, it, expect } from "vitest";
import path from "node:path";
import ts from "typescript";

const repo = path.resolve(import.meta.dirname, "../..");
const BOARD_TYPES = path.join(repo, "firmware/types/espruino-esp32.d.ts");

function diagnostics(configPath: string, extraFiles: Record<string, string> = {}): string[] {
  const parsed = ts.getParsedCommandLineOfConfigFile(configPath, {}, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => {} })!;
  const host = ts.createCompilerHost(parsed.options);
  const readFile = host.readFile.bind(host);
  host.readFile = (f) => extraFiles[f] ?? readFile(f);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (f) => f in extraFiles || fileExists(f);
  const program = ts.createProgram([...parsed.fileNames, ...Object.keys(extraFiles)], parsed.options, host);
  return ts.getPreEmitDiagnostics(program).map((d) => {
    const text = ts.flattenDiagnosticMessageText(d.messageText, " ");
    if (!d.file) return text;
    const { line } = d.file.getLineAndCharacterOfPosition(d.start!);
    return `${path.basename(d.file.fileName)}:${line + 1} ${text}`;
  });
}

/** Typechecks one line of device code with the board config; its errors. */
function check(line: string): string[] {
  return diagnostics(path.join(repo, "firmware/types/tsconfig.board.json"), { [path.join(repo, "firmware/types/probe.ts")]: line + "\nexport {};\n" });
}

describe("the ESP32 board library", () => {
  it("typechecks the firmware library users import (firmware/tsconfig.json)", () => {
    expect(diagnostics(path.join(repo, "firmware/tsconfig.json"))).toEqual([]);
  });

  it("declares what Espruino 2v29 on an ESP32 has", () => {
    const has = [
      "var a = [1, 2].find(function (v) { return v > 1; }); [1].findIndex(function (v) { return v > 0; }); [1].includes(1); [0].fill(1);",
      "var s = 'a'.padStart(2) + 'a'.padEnd(2) + 'ab'.startsWith('a') + 'ab'.endsWith('b') + 'ab'.includes('a') + 'a'.repeat(2) + ' a '.trim();",
      "Object.assign({}, { a: 1 }); Object.keys({}); Object.values({}); Object.entries({}); Object.setPrototypeOf({}, null); Object.getPrototypeOf({});",
      "new Promise<number>(function (res) { res(1); }).then(function (v) { return v; }); Promise.all([Promise.resolve(1)]);",
      "var u = new Uint8Array(4); u.fill(0); u.set([1]); u.subarray(1); new DataView(new ArrayBuffer(2)).getUint8(0); globalThis;",
      "var f: string | undefined = require('Storage').read('x'); require('Storage').write('x', 'y', 0, 10); require('Wifi').getIP();",
      "require('net').connect({ host: 'h', port: 1 }, function (s) { s.write('x'); }); require('tls').connect({ host: 'h', port: 8883 });",
      "var n: number = E.CRC32('x') + E.getSizeOf({}); E.toString('x'); E.enableWatchdog(5, false); process.memory(false).usage; process.env.VERSION;",
      "setTimeout(function () {}, 1); var i = setInterval(function () {}, 1); changeInterval(i, 2); clearInterval(i); getTime();",
      "print(1); console.log(1); digitalWrite(D2, 1); analogRead(D34); peek32(0); poke8(0, 1); btoa('x'); atob('eA=='); Modules.addCached('m', '');",
      "I2C1.setup({ scl: D22, sda: D21 }); I2C1.writeTo(0x76, 0xd0); I2C1.readFrom(0x76, 1); SPI1.send('x'); Serial1.setup(115200); new Pin(2);",
      "ESP32.deepSleep(1000); load(); save(); reset(); dump(); setWatch(function () {}, D0, { repeat: true }); exports.x = 1; module.exports = 1;",
    ];
    for (const line of has) expect(check(line), line).toEqual([]);
  });

  it("leaves out what the board lacks, so it is a type error", () => {
    const lacks = [
      "new Map();", "new Set();", "Symbol('x');", "Array.from([]);", "Math.trunc(1);", "Math.log2(1);", "Math.imul(1, 2);",
      "Number.isInteger(1);", "Object.freeze({});", "new RangeError('x');", "escape('x');", "encodeURI('x');", "Promise.race([]);",
      "Promise.resolve(1).finally(function () {});", "[1].lastIndexOf(1);", "'a'.localeCompare('b');", "'a'.trimStart();",
      "(1).toPrecision(2);", "new TextEncoder();", "Buffer.from('x');", "Intl.NumberFormat;", "new WeakMap();", "Reflect.ownKeys({});",
    ];
    for (const line of lacks) expect(check(line).length, line).toBeGreaterThan(0);
  });

  it("says in its header which version and board it describes and how it was made", async () => {
    const { readFile } = await import("node:fs/promises");
    const head = (await readFile(BOARD_TYPES, "utf8")).split("\n").slice(0, 4).join("\n");
    expect(head).toContain("Espruino 2v29 on an ESP32");
    expect(head).toContain("firmware/types/generate.ts");
  });
});
