// Regular expressions typed on the virtual board behave as on Espruino 2v29 (src/jswrap_regexp.c, src/jswrap_string.c):
// literals and new RegExp build the board's RegExp, and String.match/replace/split use its engine.
// Comments give V8's different answer where there is one.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sleep, startBoard, type TestBoard } from "./support/sim-console.ts";

let t: TestBoard;

beforeAll(async () => {
  t = await startBoard();
});

afterAll(async () => {
  await t?.close();
});

/** The `=value` line the console answers for an expression. */
async function result(expression: string): Promise<string> {
  const out = await t.type(expression);
  const at = out.indexOf("\r\n=");
  if (at < 0) throw new Error(`no =result for ${expression}: ${JSON.stringify(out)}`);
  return out.slice(at + 2, out.lastIndexOf("\r\n>"));
}

describe("RegExp on the board", () => {
  it("has no ?, no {n} and no quantified groups", async () => {
    expect(await result('/colou?r/.test("color")')).toBe("=false"); // V8: true
    expect(await result('/a{2}/.test("aa")')).toBe("=false"); // V8: true
    expect(await result('/(ab)+/.test("abab")')).toBe("=false"); // V8: true
    expect(await result('/colou*r/.test("color")')).toBe("=true");
  });

  it("scans for | from where matching failed, so /^(a|b)c$/ accepts 'ax' and rejects 'c'", async () => {
    expect(await result('/^(a|b)c$/.test("bc")')).toBe("=true");
    expect(await result('/^(a|b)c$/.test("ax")')).toBe("=true"); // V8: false
    expect(await result('/^(a|b)c$/.test("c")')).toBe("=false");
    expect(await result('/^(a|b)c$/.exec("bc")[1]')).toBe('="b"');
  });

  it("never matches $ at the end of a non-empty string on its own", async () => {
    expect(await result('/$/.test("ab")')).toBe("=false"); // V8: true
    expect(await result('"abc".replace(/$/, "!")')).toBe('="abc"'); // V8: "abc!"
    expect(await result('/c$/.test("abc")')).toBe("=true");
  });

  it("reads the pattern as Espruino's lexer does: V8 syntax errors are fine, only g/i/m/y/u are flags", async () => {
    expect(await result('/(/.test("(")')).toBe("=true"); // V8: SyntaxError (unterminated group)
    expect(await t.type("/a/s")).toContain("Uncaught SyntaxError: Got ID:s expected EOF\r\n    at REPL (:1:4)\r\n/a/s\r\n   ^\r\n");
    // the regex ends at the first '/', even inside [...]
    expect(await t.type('/[/]/.test("/")')).toContain("Uncaught SyntaxError: Got ']' expected EOF");
  });

  it("throws the board's errors when matching reaches an unsupported part", async () => {
    expect(await t.type('/[a/.test("a")')).toContain('Uncaught Error: Unfinished character set in RegEx\r\n    at REPL (:1:14)\r\n/[a/.test("a")\r\n' + " ".repeat(13) + "^\r\n");
    expect(await t.type('/(a)\\1/.test("aa")')).toContain("Uncaught Error: Backreferences not supported\r\n");
    expect(await t.type("new RegExp(5)")).toContain("Uncaught TypeError: Expecting String as first argument, got Number\r\n");
    expect(await result('/a|[b/.test("a")')).toBe("=true");
  });

  it("is an object with source, flags (only when given) and lastIndex, and no toString of its own", async () => {
    expect(await result("/a/g")).toBe('=RegExp: { \r\n  source: "a", \r\n  flags: "g", \r\n  lastIndex: 0 }');
    expect(await result('JSON.stringify(new RegExp("x"))')).toBe('="{\\"source\\":\\"x\\",\\"lastIndex\\":0}"');
    expect(await result("String(/a/)")).toBe('="[object Object]"'); // V8: "/a/"
    expect(await result("/a/ instanceof RegExp")).toBe("=true");
    expect(await result("/a/i.global")).toBe("=undefined"); // V8: false
  });

  it("uses lastIndex as jswrap_regexp_exec does", async () => {
    expect(await result('var r = /o/g; r.exec("foo").index + "," + r.lastIndex')).toBe('="1,2"');
    // without g, exec still starts at lastIndex, then resets it
    expect(await result('var q = /o/; q.lastIndex = 2; q.exec("foo").index + "," + q.lastIndex')).toBe('="2,0"'); // V8: "1,2"
    expect(await result('var p = /x/g; p.lastIndex = 5; p.exec("x")')).toBe("=undefined"); // V8: null
  });

  it("makes + try zero characters first, and ( ) only mark positions", async () => {
    expect(await result('/a+a/.exec("a")[0]')).toBe('="a"'); // V8: no match
    expect(await result('/((a)b)/.exec("ab").join()')).toBe('="ab,,ab"'); // V8: "ab,ab,a"
  });
});

describe("String methods with a RegExp on the board", () => {
  it("match with g gives the match texts, and an empty array when there is none", async () => {
    expect(await result('"abcabc".match(/b/g).join()')).toBe('="b,b"');
    expect(await result('"abc".match(/x/g)')).toBe("=[  ]"); // V8: null
    expect(await result('"abc".match(/x/)')).toBe("=null");
    expect(await result('"Hello World".match(/W(o)rld/)')).toBe('=[ \r\n  "World", \r\n  "o", index: 6, \r\n  input: "Hello World"\r\n ]');
  });

  it("replace inserts $1..$9 only, and calls a replacer with (match, groups, index, input)", async () => {
    expect(await result('"john smith".replace(/(\\w+)\\s(\\w+)/, "$2, $1")')).toBe('="smith, john"');
    expect(await result('"abc".replace(/b/, "[$&]")')).toBe('="a[$&]c"'); // V8: "a[b]c"
    expect(await result('"a-b-c".replace(/-/g, "+")')).toBe('="a+b+c"');
    expect(await result('"a-b-c".replaceAll(/-/, "+")')).toBe('="a+b+c"'); // V8: TypeError without g
    expect(await result('"a1b2".replace(/(\\d)/g, function (m, d, i) { return "<" + d + i + ">"; })')).toBe('="a<11>b<23>"');
  });

  it("split leaves captured groups out and takes no limit", async () => {
    expect(await result('"1a2b3 4".split(/[^0-9]/).join()')).toBe('="1,2,3,4"');
    expect(await result('"a1b".split(/(\\d)/).join()')).toBe('="a,b"'); // V8: "a,1,b"
    expect(await result('"a,b,c".split(",", 1).length')).toBe("=3"); // V8: 1
  });

  it("treats a plain string as text, not as a pattern, and has no search()", async () => {
    expect(await result('"a.c".match(".").index')).toBe("=1"); // V8: 0 ("." as a regex)
    expect(await result('"aXb".replace("X", "$&$&")')).toBe('="a$&$&b"'); // V8: "aXXb"
    expect(await result('typeof "abc".search')).toBe('="undefined"');
    expect(await t.type('"abc".search(/b/)')).toContain('Uncaught Error: Function "search" not found!');
  });
});

describe("RegExp objects passed to the board's own functions", () => {
  it("Storage.list filters with String.match: a g flag lists everything, as the board does", async () => {
    await t.type('var S = require("Storage"); S.eraseAll(); S.write("espnode.app.a", "1"); S.write("espnode.app.b", "2"); S.write("notes.txt", "3")');
    expect(await result("S.list(/^espnode\\.app\\.[ab]$/).join()")).toBe('="espnode.app.a,espnode.app.b"');
    expect(await result('S.list(new RegExp("\\\\.txt$")).join()')).toBe('="notes.txt"');
    expect(await result("S.list(/nothing/g).length")).toBe("=3"); // match() gives [] (not null) with g
  });
});

describe("source positions and interrupts", () => {
  it("reports errors at the right column after a rewritten literal, and on the right line", async () => {
    expect(await t.type('var r = /abc/g; nope()')).toContain('Uncaught ReferenceError: "nope" is not defined\r\n    at REPL (:1:17)\r\n');
    expect(await t.type("if (1) {\r var r = /x/g;\r nope();\r}")).toContain('"nope" is not defined\r\n    at REPL (:3:2)\r\n nope();\r\n ^\r\n');
  });

  it("Ctrl-C stops a match that would take forever", async () => {
    t.board.port.write('/a*a*a*a*a*a*a*a*a*a*a*a*b/.test("' + "a".repeat(60) + '")\r');
    await sleep(300);
    t.board.port.write("\x03");
    const out = await t.out.waitFor(/Execution Interrupted\r\n>$/, 5000);
    expect(out).toContain("Execution Interrupted");
    expect(await result("1+1")).toBe("=2");
  });
});
