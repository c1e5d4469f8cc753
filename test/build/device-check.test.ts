// The firmware build refuses what the Espruino interpreter cannot run, and what it emits passes its own check.
import { describe, it, expect } from "vitest";
import { mkdtempSync, readFileSync, writeFileSync, mkdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { checkDeviceCode } from "../../firmware/build/check-output.ts";
import { buildFirmware, compileDeviceEntry, DEVICE_ENTRIES } from "../../firmware/build/build.ts";

const messages = (code: string) => checkDeviceCode(code).map((p) => p.message);

describe("the device-code check", () => {
  it("accepts plain ES5 that declares before it calls", () => {
    expect(messages("function f(){return 1} var x = f(); try { x() } catch (e) { print(e) }")).toEqual([]);
    // A call inside a function body runs later, so a function declared after it is fine.
    expect(messages("function g(){ return h(); } function h(){ return 2 } setTimeout(g, 1);")).toEqual([]);
  });

  it("refuses syntax newer than ES5 (the build lowers everything, so this is a bug)", () => {
    expect(messages("let {a} = b;")[0]).toMatch(/not ES5/);
    expect(messages("var f = (a = 1) => a;")[0]).toMatch(/not ES5/);
  });

  it("refuses globals and members the interpreter lacks", () => {
    expect(messages("var m = new Map();")).toEqual(["Map does not exist on Espruino"]);
    expect(messages("var s = Symbol('x');")).toEqual(["Symbol does not exist on Espruino"]);
    expect(messages("var a = Array.from(x);")).toContain("Array.from does not exist on Espruino");
    expect(messages("Math.trunc(1.5)")).toEqual(["Math.trunc does not exist on Espruino"]);
    expect(messages("fooBar()")).toEqual(["unknown global fooBar"]);
  });

  it("refuses what an ESP32 build lacks although V8 has it (typeof on the reference interpreter: undefined)", () => {
    for (const name of ["RangeError", "URIError", "EvalError", "escape", "unescape", "encodeURI"])
      expect(messages(`var f = ${name};`)).toEqual([`${name} does not exist on Espruino`]);
    expect(messages("var e = {}; if (e instanceof RangeError) {}")).toEqual(["RangeError does not exist on Espruino"]);
    expect(messages("var b = Math.log2(8);")).toEqual(["Math.log2 does not exist on Espruino"]);
    expect(messages("var b = Number.parseFloat('1');")).toEqual(["Number.parseFloat does not exist on Espruino"]);
    expect(messages("var e = Number.EPSILON;")).toEqual(["Number.EPSILON does not exist on Espruino"]);
    expect(messages("var b = parseFloat('1') + Math.sign(-1) + Object.fromEntries([]).x;")).toEqual([]);
  });

  it("refuses reading the name of a caught error (Espruino errors have no name), not of other objects", () => {
    expect(messages("function f() {} try { f(); } catch (e) { print(e.name); }")[0]).toMatch(
      /^e\.name is undefined on Espruino \(errors have no name\)/,
    );
    expect(messages("function f() {} try { f(); } catch (e) { print(e.message); }")).toEqual([]);
    expect(messages("function f(o) { return o.name; } try { f({}); } catch (e) { var x = function (e) { return e.name; }; }")).toEqual([]);
  });

  it("refuses a call before the function's declaration (no hoisting on the board)", () => {
    expect(messages("f(); function f(){}")).toEqual(["f() is used before its declaration (no hoisting on Espruino)"]);
    expect(messages("function outer(){ g(); function g(){} }")).toEqual(["g() is used before its declaration (no hoisting on Espruino)"]);
  });

  it("refuses a callback made before a declaration it calls, which may run at once (as a minifier can arrange)", () => {
    // terser turns `if (!ok) return; … function h(){}` into `if (ok) { … } function h(){}`
    const late = "function run(ok){ if (ok) { [1].forEach(function(){ h(); }); } function h(){} }";
    expect(messages(late)).toEqual(["h() may be called before its declaration is reached (no hoisting on Espruino): declare it before the code that uses it"]);
    // fine: the function is declared first, a declaration's body runs only when called, and inner names shadow
    expect(messages("function h(){} [1].forEach(function(){ h(); });")).toEqual([]);
    expect(messages("function a(){ b(); } function b(){}")).toEqual([]);
    expect(messages("var o = { m: function(){ var h = 1; return h + o.h; } }; function h(){}")).toEqual([]);
  });

  it("refuses a var declared in a branch, loop or try block and used outside it (declared only when its statement runs)", () => {
    const msg = (name: string) =>
      `var ${name} is declared inside a branch, loop or try block but used outside it: Espruino declares a var only when its statement runs, so declare it before the branch`;
    // a minifier's `if (c) { var a = 1 } else a = 2`: the else branch writes a global on the board
    expect(messages("function f(c){ if (c) { var a = 1; } else a = 2; return a; }")).toEqual([msg("a")]);
    expect(messages("function f(l){ for (var i = 0; i < l.length; i++) { var last = l[i]; } return last; }")).toEqual([msg("last")]);
    expect(messages("function f(){ try { var v = g(); } catch (e) {} return v; } function g(){}")).toEqual([msg("v")]);
    // fine: declared where it always runs, used only inside its block, a catch parameter, a for-loop's own var
    expect(messages("function f(c){ var a; if (c) { a = 1; } else a = 2; return a; }")).toEqual([]);
    expect(messages("function f(c){ if (c) { var a = 1; return a + 1; } return 0; }")).toEqual([]);
    expect(messages("function f(){ try { return 1; } catch (e) { return e; } }")).toEqual([]);
    expect(messages("function f(l){ for (var i = 0; i < l.length; i++) {} return i; }")).toEqual([]);
  });

  it("refuses regular expressions beyond Espruino's engine, and accepts what it has", () => {
    const re = (src: string) => messages(`var r = ${src};`);
    expect(re("/^[a-z0-9_.-]+$/i")).toEqual([]);
    expect(re("/^a\\d*b|c$/")).toEqual([]);
    expect(re("/(ab)c/")).toEqual([]);
    expect(re("/mqtts?:/")[0]).toMatch(/the \? quantifier/);
    expect(re("/a{1,2}/")[0]).toMatch(/\{n,m\} quantifier/);
    expect(re("/^(temp|bme280)$/")[0]).toMatch(/\| inside a group/);
    expect(re("/(?:x)/")[0]).toMatch(/\(\?\.\.\.\) group/);
    expect(re("/(ab)+/")[0]).toMatch(/quantified group/);
    expect(re("/[\\u0000]/")[0]).toMatch(/escape \\u/);
    expect(re("/\\bword/")[0]).toMatch(/word boundary/);
    expect(re("/[a|b]/")[0]).toMatch(/character class/);
  });

  it("refuses labels", () => {
    expect(messages("a: for(;;){ break a; }")[0]).toMatch(/labels/);
  });
});

describe("the firmware build", () => {
  it("lowers TypeScript with classes, arrows, let-in-loops and templates to ES5 that passes the check", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "espnode-build-"));
    try {
      const entry = path.join(dir, "entry.ts");
      writeFileSync(entry, [
        "class Counter { n = 0; add = (k: number) => { this.n += k; return this; }; get twice() { return this.n * 2; } }",
        "const fns: (() => number)[] = [];",
        "for (let i = 0; i < 3; i++) fns.push(() => i);",
        "const c = new Counter().add(2);",
        "print(`n=${c.n} twice=${c.twice} ${fns.map((f) => f()).join(',')}`);",
      ].join("\n"));
      const code = await compileDeviceEntry(entry);
      expect(checkDeviceCode(code)).toEqual([]);
      // Run it with print captured: the lowered closures still see their own i.
      const printed: string[] = [];
      new Function("print", code)((s: string) => printed.push(s));
      expect(printed).toEqual(["n=2 twice=4 0,1,2"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("puts a class's methods straight in the enclosing scope (each wrapper level costs a JsVar per call on the board)", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "espnode-build-"));
    try {
      const entry = path.join(dir, "entry.ts");
      writeFileSync(entry, [
        "class Base { v: number; constructor(v: number) { this.v = v; } get() { return this.v; } }",
        "function make(n: number) { class Local { n = n; twice() { return this.n * 2; } } return new Local(); }",
        "print(new Base(3).get() + ' ' + make(4).twice());",
      ].join("\n"));
      const code = await compileDeviceEntry(entry, { minify: false });
      expect(checkDeviceCode(code)).toEqual([]);
      expect(code).toMatch(/\n {4}function Base\(v\)/);
      expect(code).toMatch(/\n {8}function Local\(\)/);
      expect(code).not.toContain("@class");
      const printed: string[] = [];
      new Function("print", code)((s: string) => printed.push(s));
      expect(printed).toEqual(["3 8"]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("refuses an entry that uses Map, naming the problem", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "espnode-build-"));
    try {
      const entry = path.join(dir, "bad.ts");
      writeFileSync(entry, "const m = new Map<string, number>(); m.set('a', 1); print(m.size);\n");
      await expect(compileDeviceEntry(entry)).rejects.toThrow(/Map does not exist on Espruino/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("builds the stand-alone MQTT module, minified, exporting the client", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "espnode-dist-"));
    try {
      const r = await buildFirmware({ outDir: dir, entries: DEVICE_ENTRIES.filter((e) => e.name === "mqtt.js") });
      expect(r.files).toHaveLength(1);
      const code = readFileSync(r.files[0].path, "utf8");
      // A module has a scope of its own on the board: no wrapper function around it, none around the class.
      expect(code).not.toMatch(/^[!(]function/);
      expect(code).not.toMatch(/=\s*\(?function\s*\(\)\s*\{\s*function\s+\w+\(/);
      expect(r.files[0].bytes).toBe(Buffer.byteLength(code));
      expect(code.split("\n").length).toBeLessThanOrEqual(2);
      const exportsObj: any = {};
      new Function("exports", "require", "setInterval", "getTime", code)(exportsObj, () => ({}), () => 0, () => 0);
      expect(typeof exportsObj.MqttClient).toBe("function");
      expect(typeof exportsObj.connect).toBe("function");
      expect(exportsObj.closeReasonName(2, 4)).toBe("connection refused: bad user name or password");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
