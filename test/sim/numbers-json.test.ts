// Numbers, JSON and strings as the board writes them (each expected line was printed by Espruino 2v29's Linux
// build without Unicode support): ftoa/itostr in src/jsutils.c, jswrap_number.c, jswrap_math.c, jswrap_json.c,
// jswrap_string.c, jswrap_functions.c. See runtime/builtins/*.ts.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBoard, type TestBoard } from "./support/sim-console.ts";

let t: TestBoard;

beforeAll(async () => {
  t = await startBoard();
});

afterAll(async () => {
  await t?.close();
});

/** Types a line as UTF-8 bytes (as a terminal sends it); returns what the board printed after the echo. */
async function answer(line: string): Promise<string> {
  const echo = Buffer.from(line, "utf8").toString("latin1");
  t.board.port.write(Buffer.from(line + "\r", "utf8"));
  const out = await t.out.waitFor(/\r\n>$/);
  return out.slice(echo.length + 2, -3).replace(/\r\n/g, "\n");
}

function check(cases: Array<[string, string]>): void {
  it.each(cases)("%s", async (line, expected) => {
    expect(await answer(line)).toBe(expected);
  });
}

describe("number to text (ftoa_bounded_extra / itostr)", () => {
  check([
    ["0.1+0.2", "=0.3"],
    ["100/3", "=33.33333333333"],
    ["1e21", "=10e+20"],
    ["-1e21", "=-10e+20"],
    ["Math.PI", "=3.14159265358"],
    ["5e-324", "=4.94065645841e-324"],
    ["1.7976931348623157e308", "=1.79769313486e+308"],
    ["1e-7", "=1e-7"],
    ["123456789012", "=123456789012"],
    ["99999999999999999999", "=7766279631452241920"],
    ["String(0.1+0.2)", '="0.3"'],
    ['(0.1+0.2)+""', '="0.3"'],
    ["(0.1+0.2).toString()", '="0.3"'],
    ["print(0.1+0.2)", "0.3\n=undefined"],
    ["`${0.1+0.2}`", '="0.3"'],
    ["[0.1+0.2, 1/3].join()", '="0.3,0.33333333333"'],
    ['[0.1+0.2, 1/3]+""', '="0.3,0.33333333333"'],
    ["new Float32Array([1.1,2.5]).join()", '="1.10000002384,2.5"'],
    ['var s="";s+=0.1+0.2;s', '="0.3"'],
    ['var o={v:0.1+0.2};o.v+=""', '="0.3"'],
    ['1+2+"x"+(0.1+0.2)', '="3x0.3"'],
    ['"x".concat(1.1+2.2,null)', '="x3.3null"'],
    ["(255.5).toString(16)", '="ff.8"'],
    ["(-255).toString(2)", '="-11111111"'],
    ["(123.456).toString(36)", '="3f.gez4w97ry0a"'],
  ]);
});

describe("toFixed, Math, Number(), parseInt/parseFloat", () => {
  check([
    ["(-7.5).toFixed(0)", '="-7"'],
    ["(2.345).toFixed(2)", '="2.34"'],
    ["(1.45).toFixed(1)", '="1.5"'],
    ["(1e21).toFixed(2)", '="1000000000000000000000.00"'],
    ["(5).toFixed()", '="5"'],
    ["Math.round(-2.5)", "=-3"],
    ["Math.round(2.5)", "=3"],
    ["Math.sqrt(2)", "=1.41421356237"],
    ["Math.pow(-8,1/3)", "=NaN"],
    ["Math.clip(5,1,3)", "=3"],
    ["Math.wrap(370,360)", "=10"],
    ["typeof Math.log10", '="undefined"'],
    ["typeof (1).toPrecision", '="undefined"'],
    ['Number("  12  ")', "=NaN"],
    ['Number("010")', "=8"],
    ['Number("-0x10")', "=-16"],
    ['Number("5.")', "=5"],
    ['parseInt("1e21")', "=1"],
    ["parseInt(1e21)", "=10"],
    ['parseFloat("010")', "=8"],
    ['parseFloat("0x10")', "=16"],
  ]);
});

describe("JSON.stringify and E.toJS (jsfGetJSONWithCallback)", () => {
  check([
    ["JSON.stringify({a:0.1+0.2, b:100/3})", '="{\\"a\\":0.3,\\"b\\":33.33333333333}"'],
    ["JSON.stringify({a:1,b:[1,2],c:{}},null,2)", '="{ \\n  \\"a\\": 1, \\n  \\"b\\": [ \\n    1, \\n    2\\n   ], \\n  \\"c\\": {  }\\n }"'],
    ['JSON.stringify([1,[2,{x:3}]],null,"--")', '="[ \\n--1, \\n--[ \\n----2, \\n----{ \\n------\\"x\\": 3\\n---- }\\n-- ]\\n ]"'],
    ["var q=[1];q.x=2;JSON.stringify(q,null,1)", '="[ \\n 1, \\n \\"x\\": 2\\n ]"'],
    ["JSON.stringify([],null,2)", '="[  ]"'],
    ["JSON.stringify([function(){},undefined,NaN])", '="[undefined,null,null]"'],
    ["JSON.stringify(undefined)", '="null"'],
    ["JSON.stringify(function(){})", '="undefined"'],
    ['JSON.stringify({a:undefined,f:function(){},s:"\\u00e9\\x01\\x7f\\v"})', '="{\\"s\\":\\"\\\\u00E9\\\\u0001\\\\u007F\\\\u000B\\"}"'],
    ['JSON.stringify("é")', '="\\"\\\\u00C3\\\\u00A9\\""'],
    ["JSON.stringify(new Uint8Array([1,2]))", '="[1,2]"'],
    ["JSON.stringify({u:new Float32Array([0.1]),b:new Uint8Array([3]).buffer})", '="{\\"u\\":[0.10000000149],\\"b\\":[3]}"'],
    ['JSON.stringify({a:{toJSON:function(k){return "k="+k}}})', '="{\\"a\\":\\"k=a\\"}"'],
    ['E.toJS({a:1,"b c":[1,"x"],d:0.1+0.2})', '="{a:1,\\"b c\\":[1,\\"x\\"],d:0.3}"'],
  ]);
});

describe("strings are bytes; String built-ins", () => {
  check([
    ['"é".length', "=2"],
    ['"é".charCodeAt(0)', "=195"],
    ["String.fromCharCode(256)", '="\\0"'],
    ["String.fromCharCode(65, 322)", '="AB"'],
    ['encodeURIComponent(" a&b=c/d?")', '="%20a%26b%3Dc%2Fd%3F"'],
    ["encodeURIComponent(\"-_.!~*()'\")", "=\"-_.!~*()'\""],
    ["(function(a,b){return arguments.length})(1)", "=2"],
    ["(function(a,b){return arguments.length})(1,2,3)", "=3"],
    ['"abc".replace("b", 0.1+0.2)', '="a0.3c"'],
    ['typeof "x".trimStart', '="undefined"'],
    ['"x".repeat(70)', '="xxxxxxxxxxxxxxxxxxxxxxxxxxx" ... "xxxxxxxxxxxxxxxxxxxxxxxxxxx"'],
  ]);
});

describe("Storage bytes", () => {
  check([
    ['require("Storage").write("b", "a\\xE9\\x01")', "=true"],
    ['JSON.stringify(require("Storage").readArrayBuffer("b"))', '="[97,233,1]"'],
    ['require("Storage").write("", "x")', "=true"],
    ['require("Storage").read("")', '="x"'],
    ['require("Storage").list().indexOf("")', "=-1"],
  ]);
});
