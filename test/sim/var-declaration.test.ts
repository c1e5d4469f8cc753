// Espruino declares a `var` when its statement runs (jspeStatementVar in src/jsparse.c), in the scope of the function
// running it, and looks names up from the innermost function scope out to the globals. The virtual board must do
// the same instead of V8's hoisting: a var in a branch that did not run leaves the name to the global.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCOPE_GLOBALS, SCOPE_MASK, transformSource } from "../../host-tools/sim/runtime/source-transform.ts";
import { startBoard, type TestBoard } from "./support/sim-console.ts";

let t: TestBoard;

beforeAll(async () => {
  t = await startBoard();
});

afterAll(async () => {
  await t?.close();
});

/** Types a line and returns its `=value` (or the error text when it failed). */
async function value(line: string): Promise<string> {
  const out = await t.type(line);
  const result = /\r\n=([^\r]*)\r\n>$/.exec(out);
  if (result) return result[1]!;
  return out.slice(line.length).replace(/\r\n>$/, "").trim();
}

describe("a var is declared when its statement runs", () => {
  it("a var in a branch that did not run: the other branch assigns the global, and reads it back", async () => {
    await t.type("function f(c) { if (c) { var a = 1; } else a = 2; return a; }");
    expect(await value("f(false)")).toBe("2");
    expect(await value("a")).toBe("2");
    // the branch that declares it keeps the value local
    expect(await value("f(true)")).toBe("1");
    expect(await value("a")).toBe("2");
  });

  it("an assignment before the var statement sets the global; the var then declares an undefined local", async () => {
    await t.type("function g() { x = 5; var x; return x; }");
    expect(await value("g()")).toBe("undefined");
    expect(await value("x")).toBe("5");
  });

  it('reading before the var statement: Uncaught ReferenceError: "y" is not defined, at the name', async () => {
    await t.type("function h() { return y; var y = 1; }");
    const out = await t.type("h()");
    // the position is in h's own code, which the board keeps without its leading `return`
    expect(out).toContain('Uncaught ReferenceError: "y" is not defined\r\n    at h (:1:1)\r\ny; var y = 1;\r\n^\r\n    at REPL (:1:3)\r\nh()\r\n  ^\r\n>');
  });

  it("typeof does not throw before the var runs, and sees the local after", async () => {
    await t.type("function ty(c) { var before = typeof tz; if (c) { var tz = 'here'; } return before + ',' + typeof tz; }");
    expect(await value("ty(true)")).toBe('"undefined,string"');
    expect(await value("ty(false)")).toBe('"undefined,undefined"');
  });

  it("var x = init declares x before the initialiser runs (it reads the new local)", async () => {
    await t.type("var vx = 10; function self() { if (true) { var vx = vx; } return vx; }");
    expect(await value("self()")).toBe("undefined");
    expect(await value("vx")).toBe("10");
  });

  it("a closure made before the var ran, called after, sees the local; called before, the global", async () => {
    await t.type("var cz = 'global'; function later() { var get = function () { return cz; }; var first = get(); if (true) { var cz = 'local'; } return first + ',' + get(); }");
    expect(await value("later()")).toBe('"global,local"');
    expect(await value("cz")).toBe('"global"');
  });

  it("each activation has its own declarations (recursion)", async () => {
    await t.type("var rv = 'g'; function rec(n) { if (n > 0) { var rv = n; return rec(n - 1) + ',' + rv; } return rv; }");
    expect(await value("rec(2)")).toBe('"g,1,2"');
  });

  it("++, --, compound assignment and delete go to whichever variable the name means at that moment", async () => {
    await t.type("var cnt = 10; function ops(c) { cnt++; cnt += 5; if (c) { var cnt = 1; } cnt++; --cnt; cnt *= 3; return cnt; }");
    expect(await value("ops(false)")).toBe("48");
    expect(await value("cnt")).toBe("48");
    await t.type("cnt = 10;");
    expect(await value("ops(true)")).toBe("3");
    expect(await value("cnt")).toBe("16");
    // an implicit global, so V8 lets delete remove it (a top-level var would be non-configurable)
    await t.type("gone = 1; function del(c) { if (c) { var gone = 2; } return delete gone; }");
    expect(await value("del(true)")).toBe("false");
    expect(await value("typeof gone")).toBe('"number"');
    expect(await value("del(false)")).toBe("true");
    expect(await value("typeof gone")).toBe('"undefined"');
  });

  it("for (var k in o) declares k when the loop starts; for (k in o) assigns whatever k means there", async () => {
    await t.type("function keys(o) { var r = []; for (var k in o) r.push(k); return r.join() + '/' + k; }");
    expect(await value("keys({a: 1, b: 2})")).toBe('"a,b/b"');
    expect(await value("keys({})")).toBe('"/undefined"');
    await t.type("function assignKey(o, c) { for (fk in o) {} if (c) { var fk = 'local'; } return fk; }");
    expect(await value("assignKey({p: 1, q: 2}, false)")).toBe('"q"');
    expect(await value("fk")).toBe('"q"');
    await t.type("function loopDecl() { var seen = []; for (var i = 0; i < 3; i++) { for (lk in {m: 1}) {} var lk; seen.push(lk); } return seen.join(); }");
    // first pass: the loop assigns the global, then `var lk` declares an undefined local; later passes keep the local
    expect(await value("loopDecl()")).toBe('",m,m"');
    expect(await value("lk")).toBe('"m"');
  });

  it("a var statement that runs again keeps its value (loops)", async () => {
    await t.type("function again() { var out = []; for (var i = 0; i < 3; i++) { var kept; kept = (kept || 0) + 1; out.push(kept); } return out.join(); }");
    expect(await value("again()")).toBe('"1,2,3"');
  });

  it("parameters, catch parameters and inner functions' own vars shadow as on the board", async () => {
    await t.type("var sp = 'g'; function param(sp) { if (false) { var sp = 'never'; } return sp; }");
    expect(await value("param('arg')")).toBe('"arg"');
    await t.type("function caught() { var e = 'outer', seen; try { throw 'thrown'; } catch (e) { seen = e; } return seen + ',' + e; }");
    expect(await value("caught()")).toBe('"thrown,outer"');
    // an inner function whose var did not run yet sees the outer function's variable
    await t.type("function outer(ov) { function inner(c) { if (c) { var ov = 'inner'; } return ov; } return inner(false) + ',' + inner(true) + ',' + ov; }");
    expect(await value("outer('outer')")).toBe('"outer,inner,outer"');
    await t.type("function outerVar() { var ow = 'outer'; var read = function (c) { if (c) { var ow = 'inner'; } return ow; }; return read(false) + ',' + read(true); }");
    expect(await value("outerVar()")).toBe('"outer,inner"');
  });

  it("a function declaration in a branch that did not run is a global (or not defined)", async () => {
    await t.type("function decl(c) { if (c) { function helper() { return 'local'; } } return helper(); }");
    expect(await value("decl(true)")).toBe('"local"');
    expect(await t.type("decl(false)")).toContain('Uncaught ReferenceError: "helper" is not defined');
    await t.type("function helper() { return 'global'; }");
    expect(await value("decl(false)")).toBe('"global"');
  });

  it("shorthand properties and calls read the name as it is at that moment", async () => {
    await t.type("var sh = 'g'; function short(c) { var o = {sh}; if (c) { var sh = 'l'; } return o.sh + ',' + ({sh}).sh; }");
    expect(await value("short(true)")).toBe('"g,l"');
    await t.type("function callLate(c) { if (c) { var fnl = function () { return 1; }; } return fnl(); }");
    expect(await t.type("callLate(false)")).toContain('Uncaught ReferenceError: "fnl" is not defined');
    await t.type("var fnl = 5;");
    expect(await t.type("callLate(false)")).toContain('Function "fnl" not found!');
  });
});

describe("ordinary code behaves as before", () => {
  it("vars declared at the top of a function and for (var i…) loops", async () => {
    await t.type("function sum(list) { var total = 0, i; for (i = 0; i < list.length; i++) total += list[i]; return total; }");
    expect(await value("sum([1, 2, 3, 4])")).toBe("10");
    await t.type("function squares(n) { var out = []; for (var i = 0; i < n; i++) { var sq = i * i; out.push(sq); } return out.join() + ' ' + i + ' ' + sq; }");
    expect(await value("squares(4)")).toBe('"0,1,4,9 4 9"');
    expect(await value("typeof i + typeof sq + typeof total")).toBe('"undefinedundefinedundefined"');
  });

  it("let/const in loops stay function-scoped (closures see the last value)", async () => {
    await t.type("function closures() { var fs = []; for (let j = 0; j < 3; j++) { const c = j; fs.push(function () { return c; }); } return fs.map(function (f) { return f(); }).join(); }");
    expect(await value("closures()")).toBe('"2,2,2"');
  });

  it("top-level vars are globals as before (V8 hoists them: a top-level var that did not run exists, undefined)", async () => {
    await t.type("var top = 1; if (false) { var never = 2; }");
    expect(await value("top + ',' + typeof never + ',' + ('never' in this)")).toBe('"1,undefined,true"');
  });
});

describe("the rewriting", () => {
  it("leaves functions whose vars are declared before their uses as they were (no masks, no cost)", () => {
    const source = "function s(l){var t=0;for(var i=0;i<l.length;i++){var v=l[i];t+=v}return t+i}";
    const { code } = transformSource(source);
    expect(code).not.toMatch(/__espnode(M|Global|T\b|V)/);
    // (`+` goes through __espnodeAdd, which writes numbers joined to strings as the board does)
    expect(code).toContain("var t=0;for(var i=0;i<l.length;i++){__espnodeCheck();var v=l[i];t=__espnodeAdd(t,v)}return  __espnodeAdd(t,i)");
  });

  it("tests a mask only where the declaration may not have run, and maps errors there back to the name", () => {
    const source = "function f(c){if(c){var a=1}return a}";
    const t = transformSource(source);
    expect(t.code).toContain(`${SCOPE_MASK}1_0|=1,1`);
    const at = t.code.indexOf(SCOPE_GLOBALS);
    expect(t.originalOffset(at)).toBe(source.lastIndexOf("a"));
  });
});
