// Modules, errors, globals and peek/poke answer as the real interpreter does (expected strings printed by the
// Espruino 2v29 reference build; src/jswrap_modules.c, src/jswrap_error.c, libs/crypto/jswrap_crypto.c, src/jswrap_io.c).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBoard, type TestBoard } from "./support/sim-console.ts";

let t: TestBoard;
beforeAll(async () => {
  t = await startBoard();
});
afterAll(async () => {
  await t?.close();
});

const answer = (line: string) => t.answer(line);

describe("Modules and require (jswrap_modules.c)", () => {
  it("removeCached of a name that is not cached throws, with the name in quotes", async () => {
    expect(await answer('Modules.removeCached("x")')).toMatch(/^Uncaught Error: Module "x" not found\r\n/);
    expect(await answer('Modules.addCached("m","exports.a=1")')).toBe("=undefined");
    expect(await answer('Modules.removeCached("m")')).toBe("=undefined");
    expect(await answer('Modules.removeCached("m")')).toMatch(/^Uncaught Error: Module "m" not found\r\n/);
  });

  it("require of an unknown module throws `Module \"nope\" not found`; Modules is a function; crypto exists", async () => {
    expect(await answer('require("nope")')).toMatch(/^Uncaught Error: Module "nope" not found\r\n/);
    expect(await answer("typeof Modules")).toBe('="function"');
    expect(await answer('print([].slice.call(new Uint8Array(require("crypto").SHA1("abc"))).join())')).toBe(
      "169,153,62,54,71,6,129,106,186,62,37,113,120,80,194,108,156,208,216,157\r\n=undefined",
    );
    expect(await answer('require("crypto").SHA256("abc").byteLength')).toBe("=32");
    expect(await answer('[].slice.call(new Uint8Array(require("crypto").PBKDF2("pw","salt",{iterations:2,keySize:2,hasher:"SHA256"}))).join()')).toBe(
      '="6,29,246,22,52,60,185,136"',
    );
  });
});

describe("errors (jswrap_error.c)", () => {
  it("have no name; String() is `<type>: <message>`", async () => {
    expect(await answer('new Error("x").name')).toBe("=undefined");
    expect(await answer('String(new Error("x"))')).toBe('="Error: x"');
    expect(await answer('String(new TypeError("t"))')).toBe('="TypeError: t"');
    expect(await answer("String(new Error())")).toBe('="Error"');
    expect(await answer('String(new InternalError("i"))')).toBe('="InternalError: i"');
    expect(await answer("try { null.x } catch (e) { print(typeof e.name) }")).toBe("undefined\r\n=undefined");
  });

  it("use Espruino's messages when uncaught", async () => {
    expect(await answer("undefinedFn()")).toMatch(/^Uncaught ReferenceError: "undefinedFn" is not defined\r\n/);
    expect(await answer("var a=null; a.x")).toMatch(/^Uncaught Error: Can't read property 'x' of null\r\n/);
    expect(await answer("var b; b.x")).toMatch(/^Uncaught Error: Can't read property 'x' of undefined\r\n/);
    expect(await answer("var c = {}; c.foo()")).toMatch(/^Uncaught Error: Function "foo" not found!\r\n/);
  });
});

describe("globals of an ESP32 build", () => {
  it("lacks RangeError, URIError, EvalError, escape, Math.log2, Number.parseFloat; has InternalError, peek/poke", async () => {
    const names = ["RangeError", "URIError", "EvalError", "escape", "unescape", "encodeURI", "Math.log2", "Math.log10",
      "Number.parseFloat", "Number.EPSILON", "Object.is", "Promise.race", "String.raw", "Date.UTC"];
    expect(await answer(`print([${names.map((n) => `typeof ${n}`).join(",")}].join())`)).toBe(`${names.map(() => "undefined").join(",")}\r\n=undefined`);
    const present = ["InternalError", "Object.fromEntries", "Math.sign", "peek8", "peek16", "peek32", "poke8", "poke16", "poke32"];
    expect(await answer(`print([${present.map((n) => `typeof ${n}`).join(",")}].join())`)).toBe(`${present.map(() => "function").join(",")}\r\n=undefined`);
  });

  it("peek/poke a little-endian byte memory (jswrap_io_peek/poke)", async () => {
    expect(await answer("poke32(0x3FFE0000, 0x12345678)")).toBe("=undefined");
    expect(await answer("peek8(0x3FFE0000)")).toBe("=120");
    expect(await answer("peek16(0x3FFE0002)")).toBe("=4660");
    expect(await answer("peek32(0x3FFE0000)")).toBe("=305419896");
    expect(await answer("peek8(0x3FFE0000, 4)")).toBe("=new Uint8Array([120, 86, 52, 18])");
    expect(await answer("poke8(0x3FFE0010, [1, 2, 3]); peek8(0x3FFE0010, 3)")).toBe("=new Uint8Array([1, 2, 3])");
    expect(await answer("poke32(0x3FFE0000, -1); peek32(0x3FFE0000)")).toBe("=4294967295");
    expect(await answer("peek32(0x3FFE0100)")).toBe("=0");
  });
});

describe("functions as text (jsvAsString of a function: the code the board keeps)", () => {
  it("gives `function (params) {code}` as written, never the sandbox's rewriting; built-ins are native", async () => {
    await t.type("function f(a,b){ var x=1; return a+b; }");
    // each string typed on the reference interpreter (2v29, 32-bit ESP32 memory model)
    expect(
      await answer(
        'print(JSON.stringify([f.toString(), ""+f, String((a,b)=>a+b), String(print), String(function named(q){return q}),' +
          " String(function(){ return 1 /* c */; }), String(function(){ /* lead */ return 2; }), String(E.toString), String(x=>{ return x*2; })]))",
      ),
    ).toBe(
      '["function (a,b) {var x=1; return a+b;}","function (a,b) {var x=1; return a+b;}","function (a,b) {return a+b}",' +
        '"function () { [native code] }","function (q) {return q}","function () {return 1 /* c */;}","function () {return 2;}",' +
        '"function () { [native code] }","function (x) {return x*2;}"]\r\n=undefined',
    );
    expect(await answer("print")).toBe("=function () { [native code] }");
  });
});

describe("eval (jswrap_eval): its code runs as the board runs code", () => {
  it("formats numbers as the board, keeps the function's text, and is rewritten like console input", async () => {
    await t.type('eval("function g(a){ var y=a+1; return y; }")');
    // typed on the reference interpreter (2v29, 32-bit ESP32 memory model)
    expect(await answer("print(JSON.stringify([eval(\"'x'+(0.1+0.2)\"), String(g), eval(\"var q=5; q*2\"), q]))")).toBe(
      '["x0.3","function (a) {var y=a+1; return y;}",10,5]\r\n=undefined',
    );
  });
});
