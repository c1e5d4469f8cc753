// Conversions and small answers of the virtual board checked on the Espruino 2v29 reference build (ESP32 memory model,
// 32-bit): unary `+`, isNaN/isFinite (jsvGetFloat), clearTimeout of no timer, the Array/Object methods 2v29 lacks,
// how the console shows an error.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBoard, type TestBoard } from "./support/sim-console.ts";

let t: TestBoard;
beforeAll(async () => {
  t = await startBoard();
});
afterAll(async () => {
  await t?.close();
});

/** What the line printed, with \n line ends. */
const answer = async (line: string) => (await t.answer(line)).replace(/\r\n/g, "\n");

describe("string to number (jsvGetFloat: leading blanks skipped, the rest must be the number, leading 0 is octal)", () => {
  it.each([
    ['+"  12  "', "=NaN"],
    ['+" 12"', "=12"],
    ['+"12 "', "=NaN"],
    ['+"012"', "=10"],
    ['+"0x10"', "=16"],
    ['+""', "=0"],
    ['+"1e3"+1', "=1001"],
    ["+new Date(5)", "=5"],
    ['isNaN("12 ")', "=true"],
    ['isNaN(" 12")', "=false"],
    ['isNaN("")', "=false"],
    ['isFinite("12 ")', "=false"],
    ['isFinite(" 12")', "=true"],
    ['Number(" 12 ")', "=NaN"],
  ])("%s", async (line, expected) => {
    expect(await answer(line)).toBe(expected);
  });

  it("a function's unary + on its argument", async () => {
    expect(await answer("function f(s){return +s}")).toBe("=function (s) { ... }");
    expect(await answer('[f("  12  "), f(" 12"), f("012"), f(true), f(null), f([5])]')).toBe("=[ NaN, 12, 10, 1, 0, 5 ]");
  });
});

describe("errors on the console", () => {
  it("show the constructor's name, then jswrap_error_toString", async () => {
    expect(await answer('new Error("x")')).toBe("=Error: Error: x");
    expect(await answer('new TypeError("y")')).toBe("=TypeError: TypeError: y");
    expect(await answer("new Error()")).toBe("=Error: Error");
    expect(await answer('[new Error("z")]')).toBe("=[ \n  Error: Error: z\n ]");
  });
});

describe("small answers", () => {
  it("clearTimeout/clearInterval of an id that is no timer answer =undefined", async () => {
    expect(await answer("clearTimeout(99)")).toBe("=undefined");
    expect(await answer("clearInterval(99)")).toBe("=undefined");
  });

  it("array, Object and Object.prototype methods 2v29 lacks are gone", async () => {
    const arrayMethods = '["at","flat","flatMap","keys","values","entries","lastIndexOf","reduceRight","copyWithin","findLast","findLastIndex","toReversed","toSorted","toSpliced","with","find","findIndex","fill","includes","every","some","reduce","indexOf","sort","splice","slice","concat","shift","unshift","pop","push","reverse","forEach","map","filter","join","toString","toLocaleString"]';
    expect(await answer(`print(${arrayMethods}.filter(function(k){return typeof [][k]!=="function"}).join())`)).toBe(
      "at,flat,flatMap,keys,values,entries,lastIndexOf,reduceRight,copyWithin,findLast,findLastIndex,toReversed,toSorted,toSpliced,with,toLocaleString\n=undefined",
    );
    expect(await answer('["assign","keys","values","entries","getOwnPropertyNames","getOwnPropertyDescriptor","defineProperty","create","getPrototypeOf","setPrototypeOf","fromEntries","hasOwn","groupBy"].filter(function(k){return typeof Object[k]!=="function"})')).toBe(
      '=[ \n  "hasOwn", \n  "groupBy"\n ]',
    );
    expect(await answer('["toLocaleString","propertyIsEnumerable","isPrototypeOf","__defineGetter__","valueOf"].map(function(k){return typeof ({})[k]}).join()')).toBe(
      '="undefined,undefined,undefined,undefined,function"',
    );
  });
});
