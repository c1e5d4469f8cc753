// Uncaught errors print the board's 2v29 stack (src/jslex.c jslPrintStackTrace): one block per running function,
// positions inside a function relative to its own code, the column where the board's lexer stood. Every expected
// text below was printed by the reference interpreter (2v29, its 64-bit build with the source-line marker fixed).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBoard, type TestBoard } from "./support/sim-console.ts";

let t: TestBoard;

beforeAll(async () => {
  t = await startBoard();
});

afterAll(async () => {
  await t?.close();
});

const caret = (col: number) => " ".repeat(col - 1) + "^\r\n";

describe("uncaught error stacks", () => {
  it("points at the board's token: `.` of a member, the operator after a missing name, `)` of a condition", async () => {
    expect(await t.type("var a=null;a.x")).toContain("Uncaught Error: Can't read property 'x' of null\r\n    at REPL (:1:13)\r\nvar a=null;a.x\r\n" + caret(13) + ">");
    expect(await t.type("x.y")).toContain('Uncaught ReferenceError: "x" is not defined\r\n    at REPL (:1:2)\r\nx.y\r\n' + caret(2) + ">");
    expect(await t.type("if (x) 1")).toContain('"x" is not defined\r\n    at REPL (:1:6)\r\nif (x) 1\r\n' + caret(6) + ">");
    expect(await t.type("var y = x;")).toContain('"x" is not defined\r\n    at REPL (:1:9)\r\nvar y = x;\r\n' + caret(9) + ">");
    expect(await t.type("undefined.foo")).toContain("    at REPL (:1:10)\r\nundefined.foo\r\n" + caret(10) + ">");
    expect(await t.type("var o={}; o.nope()")).toContain('Uncaught Error: Function "nope" not found!\r\n    at REPL (:1:13)\r\nvar o={}; o.nope()\r\n' + caret(13) + ">");
    expect(await t.type("new Foo()")).toContain('"Foo" is not defined\r\n    at REPL (:1:5)\r\nnew Foo()\r\n' + caret(5) + ">");
  });

  it("lists each function with its position in its own code, named as it was called", async () => {
    t.board.port.write("function f(q){\r");
    await t.out.waitFor(/\r\n:$/);
    await t.type("  return q.x;\r}");
    await t.type("function g(){f(null)}");
    expect(await t.type("g()")).toContain(
      "Uncaught Error: Can't read property 'x' of null\r\n" +
        "    at f (:1:2)\r\nq.x;\r\n" + caret(2) +
        "    at g (:1:7)\r\nf(null)\r\n" + caret(7) +
        "    at REPL (:1:3)\r\ng()\r\n" + caret(3) + ">",
    );
    await t.type("function k(){\r  var z = 1;\r  if (z) {\r    return z.y.w;\r  }\r}");
    expect(await t.type("k()")).toContain("    at k (:3:15)\r\n    return z.y.w;\r\n" + caret(15) + "    at REPL (:1:3)\r\n");
    await t.type("var o2={n:function(){ nope4(); }}");
    expect(await t.type("o2.n()")).toContain('"nope4" is not defined\r\n    at n (:1:1)\r\nnope4();\r\n' + caret(1) + "    at REPL (:1:6)\r\n");
    expect(await t.type("(function(){nope5()})()")).toContain("    at function () {nope5()} (:1:1)\r\nnope5()\r\n" + caret(1) + "    at REPL (:1:23)\r\n");
  });

  it("a callback called by a native has no name; the caller's line follows; a timer's stands alone", async () => {
    expect(await t.type("[1,2].forEach(function(v){ nope6(v); })")).toContain(
      '"nope6" is not defined\r\n    at :1:1\r\nnope6(v);\r\n' + caret(1) + "    at REPL (:1:39)\r\n[1,2].forEach(function(v){ nope6(v); })\r\n" + caret(39) + ">",
    );
    t.board.port.write("setTimeout(function(){ nope2(); },1)\r");
    expect(await t.out.waitFor(/nope2[^]*\^\r\n>/)).toContain('Uncaught ReferenceError: "nope2" is not defined\r\n    at :1:1\r\nnope2();\r\n' + caret(1) + ">");
  });

  it("cuts a long line to 60 characters with ... around the position", async () => {
    expect(await t.type("var aaaaaaaaaa = 1, bbbbbbbbbbbbbbbb = 2, cccccccccccccccccc = 3, dddd = nope + 1, eeeeeeeeeeeeeeeeeeeeee = 5")).toContain(
      "    at REPL (:1:79)\r\n...cccccccccccc = 3, dddd = nope + 1, eeeeeeeeeeeeeeeeeeeeee = ...\r\n" + caret(34) + ">",
    );
  });

  it("a syntax error, a thrown string and a stored error", async () => {
    expect(await t.type("var a = ;")).toContain("Uncaught SyntaxError: Got ';' expected EOF\r\n    at REPL (:1:9)\r\nvar a = ;\r\n" + caret(9) + ">");
    expect(await t.type('throw "str"')).toContain("Uncaught str\r\n>");
    await t.type('var e = new Error("late");');
    expect(await t.type("throw e")).toContain('Uncaught Error: late\r\n    at REPL (:1:25)\r\nvar e = new Error("late");\r\n' + caret(25) + ">");
  });

  it("names code run from Storage as the board does (ESP32: positions without the file name)", async () => {
    // jsfLoadBootCodeFromFlash / load(file): "boot code" or the file name; on an ESP32 the code is a memory-mapped
    // string that jsfFindFileFromAddr does not find, so no `t.js:` before the position (the Linux build prints it)
    await t.type('require("Storage").write("t.js", "var a=1;\\nfunction f(){\\n  return nope();\\n}\\nf();\\n")');
    t.board.port.write('load("t.js")\r');
    expect(await t.out.waitFor(/nope[^]*\^\r\n[^]*\^\r\n/)).toContain(
      'Uncaught ReferenceError: "nope" is not defined\r\n    at f (:1:1)\r\nnope();\r\n' + caret(1) + "    at t.js (:5:3)\r\nf();\r\n" + caret(3),
    );
  });
});

describe("the console's =value of declarations", () => {
  it("var gives the last initialiser's value, a function declaration the function", async () => {
    expect(await t.type("var x5 = 5")).toContain("=5\r\n>");
    expect(await t.type("var y5")).toContain("=undefined\r\n>");
    expect(await t.type("var z5 = 1, w5 = 2")).toContain("=2\r\n>");
    expect(await t.type("function fe(){}")).toContain("=function () {}\r\n>");
    expect(await t.type("if (1) { var r5 = 4 }")).toContain("=undefined\r\n>");
  });
});
