// The source rewriting that gives the sandbox Espruino's semantics must keep code valid and meaning the same
// (apart from hoisting and let/const scope), including minified code with nested functions at one position.
import vm from "node:vm";
import { describe, expect, it } from "vitest";
import {
  FUNCTION_BIND,
  FUNCTION_ENTER,
  FUNCTION_LEAVE,
  FUNCTION_SCOPE,
  INTERRUPT_CHECK,
  needsMoreInput,
  REGEXP_LITERAL,
  transformSource,
} from "../../host-tools/sim/runtime/source-transform.ts";

function run(source: string): unknown {
  const { code, syntaxError } = transformSource(source);
  if (syntaxError) throw new Error(syntaxError.message);
  const context = vm.createContext({
    [INTERRUPT_CHECK]: () => {},
    [FUNCTION_ENTER]: () => {},
    [FUNCTION_LEAVE]: () => {},
    [FUNCTION_SCOPE]: () => ({}),
    [FUNCTION_BIND]: (fn: unknown) => fn,
  });
  return vm.runInContext(code, context);
}

describe("transformSource", () => {
  it("keeps minified class IIFEs working (function declaration right after a body's opening brace)", () => {
    expect(run("var e=function(){function t(a){this.a=a}return t.prototype.get=function(){return this.a},t}();new e(5).get()")).toBe(5);
    expect(run("var f=function(){function g(){function h(){return 2}return h()}return g()}();f")).toBe(2);
  });

  it("instruments loops without braces, nested loops and arrow bodies", () => {
    expect(run("var n=0;for(var i=0;i<3;i++)for(var j=0;j<3;j++)n++;n")).toBe(9);
    expect(run("var k=0;while(k<5)k++;k")).toBe(5);
    expect(run("[1,2].map(x=>({v:x}))[1].v")).toBe(2);
    expect(run("var c=0;do c++;while(c<4);c")).toBe(4);
  });

  it("turns let/const into var and function declarations into assignments in place", () => {
    expect(run("var fs=[];for(let i=0;i<3;i++)fs.push(function(){return i});fs[0]()")).toBe(3);
    expect(() => run("early();function early(){}")).toThrow(/not a function/);
  });

  it("reports the first refused statement and keeps the ones before it", () => {
    const t = transformSource("var a = 1;\nvar b = {...a};\nvar c = 3;");
    // `;a`: the console's =value of a declaration is its value (see the =value transform)
    expect(t.code).toBe("var a = 1;;a");
    expect(t.syntaxError?.message).toBe("Got '...' expected EOF");
  });

  it("maps generated offsets back to the original source", () => {
    const source = "while(x){y()}\nfoo()";
    const t = transformSource(source);
    const at = t.code.indexOf("foo");
    expect(t.originalOffset(at)).toBe(source.indexOf("foo"));
  });

  it("turns regex literals into calls of the hidden RegExp constructor, read as Espruino's lexer reads them", () => {
    expect(transformSource("var r = /a\\/b/gi;").code).toBe(`var r = ${REGEXP_LITERAL}("a\\\\/b", "gi");;r`);
    expect(transformSource("x = /(/").code).toBe(`x = ${REGEXP_LITERAL}("(")`);
    // the pattern ends at the first unescaped '/', even inside [...]; only g/i/m/y/u are flags
    expect(transformSource("/[/]/").syntaxError?.message).toBe("Got ']' expected EOF");
    expect(transformSource("/a/s").syntaxError?.message).toBe("Got ID:s expected EOF");
    expect(needsMoreInput("f(/(/")).toBe(true);
  });

  it("knows when a console line needs more input", () => {
    expect(needsMoreInput("function f() {")).toBe(true);
    expect(needsMoreInput("f(1,")).toBe(true);
    expect(needsMoreInput("`a${")).toBe(true);
    expect(needsMoreInput("f()")).toBe(false);
    expect(needsMoreInput("'unterminated")).toBe(false);
  });
});
