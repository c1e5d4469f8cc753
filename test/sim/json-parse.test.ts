// JSON.parse answers as the real interpreter's (src/jswrap_json.c jswrap_json_parse_internal over the lexer of
// src/jslex.c): its error messages and the uncaught report with the JSON text as the source line, what it accepts
// that V8 refuses, and Storage.readJSON's liberal parse. Expected strings printed by the Espruino 2v29 reference
// build (ESP32 memory model, 32-bit).
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

describe("JSON.parse errors (jslMatch, jswrap_json_parse_internal)", () => {
  it.each([
    ['JSON.parse("{bad")', "Uncaught SyntaxError: Got ID:bad expected STRING\n    at :1:2\n{bad\n ^"],
    ['JSON.parse("")', "Uncaught SyntaxError: Expecting valid value, got EOF\n    at :1:1\n\n^"],
    ['JSON.parse("\\"abc")', 'Uncaught SyntaxError: Expecting valid value, got UNFINISHED STRING\n    at :1:1\n"abc\n^'],
    ["JSON.parse(undefined)", "Uncaught SyntaxError: Expecting valid value, got undefined\n    at :1:1\nundefined\n^"],
    ['JSON.parse("NaN")', "Uncaught SyntaxError: Expecting valid value, got ID\n    at :1:1\nNaN\n^"],
    ['JSON.parse("[1 2]")', "Uncaught SyntaxError: Got INT expected ','\n    at :1:4\n[1 2]\n   ^"],
    ["JSON.parse('{1:2}')", "Uncaught SyntaxError: Got INT expected STRING\n    at :1:2\n{1:2}\n ^"],
    ["JSON.parse('{true:1}')", "Uncaught SyntaxError: Got true expected STRING\n    at :1:2\n{true:1}\n ^"],
    ["JSON.parse('{\"a\"}')", "Uncaught SyntaxError: Got '}' expected ':'\n    at :1:5\n{\"a\"}\n    ^"],
    ["JSON.parse('[1,,2]')", "Uncaught SyntaxError: Expecting valid value, got ','\n    at :1:3\n[1,,2]\n  ^"],
    ["JSON.parse('{\"a\":1')", "Uncaught SyntaxError: Got EOF expected ','\n    at :1:7\n{\"a\":1\n      ^"],
    // nested: the error is at the token before the bad value (lex->tokenLastStart)
    ["JSON.parse('{\"a\":[1,{\"b\":x}]}')", 'Uncaught SyntaxError: Expecting valid value, got ID\n    at :1:13\n{"a":[1,{"b":x}]}\n            ^'],
    ["JSON.parse('  \\n [1,\\n x]')", "Uncaught SyntaxError: Expecting valid value, got ID\n    at :2:4\n [1,\n   ^"],
    // a lexer error is an Error, at the token before the string
    ["JSON.parse('[1,\"\\\\x4\"]')", 'Uncaught Error: Invalid escape sequence\n    at :1:3\n[1,"\\x4"]\n  ^'],
    // the token's name is cut to the 30-byte buffer
    ["JSON.parse('{\"a\":1 \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\":2}')",
      "Uncaught SyntaxError: Got String:'bbbbbbbbbbbbbbbbbbbbb expected ','\n    at :1:8\n{\"a\":1 \"bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb\":2}\n       ^"],
    ["JSON.parse('/x/')", "Uncaught SyntaxError: Expecting valid value, got REGEX\n    at :1:1\n/x/\n^"],
    ["JSON.parse('>>>=')", "Uncaught SyntaxError: Expecting valid value, got >>>=\n    at :1:1\n>>>=\n^"],
    ["JSON.parse('/*')", "Uncaught SyntaxError: Expecting valid value, got UNFINISHED COMMENT\n    at :1:1\n/*\n^"],
  ])("%s", async (line, expected) => {
    expect(await answer(line)).toBe(expected);
  });

  it("has no REPL frame even when called from a function: the JSON text's lexer has no caller", async () => {
    expect(await answer("function f(t){ return JSON.parse(t); }")).toBe("=function (t) { ... }");
    expect(await answer('f("[1,2,}")')).toBe("Uncaught SyntaxError: Expecting valid value, got '}'\n    at :1:5\n[1,2,}\n    ^");
  });

  it("a caught error has the board's message, type and stack text", async () => {
    expect(await answer('try { JSON.parse("{bad") } catch(e) { print(e.message, e.type, JSON.stringify(e.stack)) }')).toBe(
      'Got ID:bad expected STRING SyntaxError "    at :1:2\\n{bad\\n ^\\n"\n=undefined',
    );
    expect(await answer('var e; try { JSON.parse("{bad") } catch(x) { e = x }; e')).toBe("=SyntaxError: SyntaxError: Got ID:bad expected STRING");
  });
});

describe("what the board's JSON.parse accepts", () => {
  it.each([
    ["JSON.parse('[1,]')", "=[ 1 ]"],
    ["JSON.parse('{\"a\":1,}')", "={ a: 1 }"],
    ["JSON.parse(\"'x'\")", '="x"'],
    ['JSON.parse("01")', "=1"],
    ['JSON.parse("0777")', "=511"],
    ['JSON.parse(".5")', "=0.5"],
    ['JSON.parse("-")', "=undefined"],
    ["JSON.parse('-\"a\"')", "=undefined"],
    ["JSON.parse('- 5')", "=-5"],
    ["JSON.parse('-0')", "=0"],
    ['JSON.parse("1 2")', "=1"],
    ["JSON.parse('{\"a\":1,\"a\":2}').a", "=1"],
    ["JSON.parse('\"\\\\x41\\\\101\\\\q\"')", '="AAq"'],
    ["JSON.parse('\"\\\\u1234\"').charCodeAt(0)", "=52"],
    ['JSON.parse("0x10")', "=16"],
    ["JSON.parse('0b101')", "=5"],
    ["JSON.parse('1_000')", "=1000"],
    ["JSON.parse('12345678901234567890')", "=-6101065172474983424"],
    ["JSON.parse('-1e400')", "=-Infinity"],
    ["JSON.parse('[1/*x*/,2] // c')", "=[ 1, 2 ]"],
    ["JSON.parse('{\"x\":1.5,\"y\":-2,\"z\":\"t\\\\tu\",\"n\":[null,true,false]}')", '={ x: 1.5, y: -2, \n  z: "t\\tu", \n  n: [ null, true, false ]\n }'],
    ["JSON.parse(5)", "=5"],
  ])("%s", async (line, expected) => {
    expect(await answer(line)).toBe(expected);
  });

  it("Storage.readJSON parses liberally (JSON_DROP_QUOTES): unquoted and number keys; noExceptions gives undefined", async () => {
    expect(await answer('require("Storage").write("j","{a:1,true:3}")')).toBe("=true");
    expect(await answer('require("Storage").readJSON("j")')).toBe("={ a: 1, true: 3 }");
    expect(await answer('require("Storage").write("h","{0x10:2}")')).toBe("=true");
    expect(await answer('require("Storage").readJSON("h")[16]')).toBe("=2");
    expect(await answer('require("Storage").write("k","[1,x]")')).toBe("=true");
    expect(await answer('require("Storage").readJSON("k", true)')).toBe("=undefined");
    // the Linux build names the Storage file (`at k:1:3`): an ESP32 maps it into memory and finds no file name
    expect(await answer('require("Storage").readJSON("k")')).toBe("Uncaught SyntaxError: Expecting valid value, got ID\n    at :1:3\n[1,x]\n  ^");
  });
});
