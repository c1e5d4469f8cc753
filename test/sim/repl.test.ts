// The virtual board's Espruino console over the in-process port: banner, echo, results, errors, Ctrl-C, Ctrl-E,
// DLE echo-off, and the interpreter's language limits (missing globals, refused syntax, no hoisting).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startBoard, sleep, type TestBoard } from "./support/sim-console.ts";

let t: TestBoard;

beforeAll(async () => {
  t = await startBoard();
});

afterAll(async () => {
  await t?.close();
});

describe("console", () => {
  it("boots with the ESP32 ROM report, the Espruino logo and a prompt", async () => {
    t.board.powerCut();
    await t.board.whenReady();
    const boot = await t.out.waitFor(/\r\n>$/);
    expect(boot).toMatch(/rst:0x1 \(POWERON_RESET\)/);
    expect(boot).toContain("|_| espruino.com\r\n 2v29 (c) 2025 G.Williams\r\n");
    expect(boot.endsWith("\r\n>")).toBe(true);
  });

  it("echoes the line and prints the result as =value", async () => {
    expect(await t.type("1+2")).toBe("1+2\r\n=3\r\n>");
    expect(await t.type('"a"+"b"')).toBe('"a"+"b"\r\n="ab"\r\n>');
    // jsfGetJSONWithCallback (src/jswrap_json.c): non-numeric items start a new line after ", "
    expect(await t.type("({a:1,b:[1,2]})")).toContain("={ a: 1, \r\n  b: [ 1, 2 ]\r\n }\r\n>");
    expect(await t.type("undefined")).toContain("=undefined\r\n>");
  });

  it("turns echo off for a line that starts with DLE (no echo, no result, no new prompt)", async () => {
    t.board.port.write("\x10var quiet = 41 + 1\r");
    await sleep(100);
    expect(t.out.since()).toBe("");
    expect(await t.type("quiet")).toContain("=42");
  });

  it("turns all echo off with echo(0) and back on with echo(1)", async () => {
    t.board.port.write("echo(0)\r");
    await t.out.waitFor(/echo\(0\)\r\n/);
    t.board.port.write("print('shown'); 5\r");
    await t.out.waitFor(/shown\r\n/);
    await sleep(50);
    expect(t.out.since()).toBe("");
    t.board.port.write("echo(1)\r");
    await t.out.waitFor(/>$/);
    expect(await t.type("6")).toContain("=6");
  });

  it("prints errors the way Espruino does, with the board's stack (checked on the reference interpreter)", async () => {
    const ref = await t.type("nothingHere + 1");
    // the board's lexer had read the `+` when it needed the missing variable's value
    expect(ref).toContain('Uncaught ReferenceError: "nothingHere" is not defined\r\n    at REPL (:1:13)\r\nnothingHere + 1\r\n            ^\r\n>');
    const thrown = await t.type('throw new Error("boom")');
    expect(thrown).toContain('Uncaught Error: boom\r\n    at REPL (:1:23)\r\nthrow new Error("boom")\r\n' + " ".repeat(22) + "^\r\n>");
    const call = await t.type("var o = {}; o.missing()");
    expect(call).toContain('Uncaught Error: Function "missing" not found!');
  });

  it("continues a line while brackets are open, showing ':'", async () => {
    t.board.port.write("function add(a, b) {\r");
    await t.out.waitFor(/\r\n:$/);
    const done = await t.type("  return a + b; }");
    // a function declaration's value is the function (jspeStatement), as on the reference interpreter
    expect(done).toContain("=function (a,b) { ... }\r\n");
    expect(await t.type("add(2, 3)")).toContain("=5");
  });

  it("interrupts a running loop with Ctrl-C and keeps the RAM", async () => {
    await t.type("var before = 'kept'");
    t.board.port.write("while(1){}\r");
    await sleep(150);
    t.board.port.write("\x03");
    const out = await t.out.waitFor(/Execution Interrupted\r\n>$/);
    expect(out).toContain("Execution Interrupted");
    expect(await t.type("before")).toContain('="kept"');
  });

  it("interrupts a loop even when user code catches the exception", async () => {
    t.board.port.write("try { while(1){} } catch (e) { print('caught') }\r");
    await sleep(100);
    t.board.port.write("\x03");
    const out = await t.out.waitFor(/Execution Interrupted\r\n>$/);
    expect(out).not.toMatch(/\r\ncaught\r\n/);
  });

  it("clears a half-typed line with Ctrl-C", async () => {
    t.board.port.write("garbage that is never run");
    await t.out.waitFor(/never run$/);
    t.board.port.write("\x03");
    expect(await t.type("7*6")).toContain("=42");
  });

  it("answers Ctrl-E on an empty line with the version", async () => {
    t.board.port.write("\x05");
    expect(await t.out.waitFor(/Espruino 2v29 ESP32\r\n/)).toContain("Espruino 2v29 ESP32");
  });

  it("locks the console with E.setPassword + E.lockConsole until the password is typed", async () => {
    await t.type('E.setPassword("letmein")');
    t.board.port.write("E.lockConsole()\r");
    // jsiConsoleReturnInputLine / jsiHandleChar (src/jsinteractive.c): "password>" prompt, nothing echoed
    await t.out.waitFor(/password>$/);
    t.board.port.write("1+1\r");
    const refused = await t.out.waitFor(/password>$/);
    expect(refused).toBe("\r\n  Invalid password\r\npassword>");
    t.board.port.write("letmein\r");
    expect(await t.out.waitFor(/>$/)).toBe("\r\n  Logged in.\r\n>");
    expect(await t.type("3+3")).toContain("=6");
    await t.type("E.setPassword()");
  });

  it("reports unhandled promise rejections and keeps going", async () => {
    t.board.port.write("Promise.reject(new Error('nobody listens'))\r");
    // jswrap_promise.c: a new Error with the reason as text, then the reason's own stack
    expect(await t.out.waitFor(/Error: nobody listens[^]*\^\r\n/)).toContain(
      "Uncaught Error: Unhandled promise rejection: Error: nobody listens\r\n    at REPL (:1:42)\r\n" +
        "Promise.reject(new Error('nobody listens'))\r\n" + " ".repeat(41) + "^\r\n",
    );
    await t.out.waitFor(/>$/);
    expect(await t.type("Serial1.write('a\\nb'); 1")).toContain("a\nb=1");
  });

  it("runs timers and queued events, printing output on its own line", async () => {
    await t.type("setTimeout(function(){ print('tick') }, 30)");
    expect(await t.out.waitFor(/tick\r\n>$/)).toContain("tick");
    const order = await t.type("var log=[]; var ev={}; ev.on('x', function(v){ log.push('listener '+v) }); ev.emit('x', 1); log.push('after emit'); log.length");
    expect(order).toContain("=1");
    expect(await t.type("log")).toContain('=[ \r\n  "after emit", \r\n  "listener 1"\r\n ]');
  });
});

describe("language limits of the real interpreter", () => {
  it("lacks the globals Espruino does not have", async () => {
    for (const name of ["Map", "Set", "WeakMap", "Symbol", "Proxy", "Reflect", "TextEncoder", "Buffer", "Intl", "WebAssembly", "queueMicrotask", "structuredClone", "fetch"]) {
      expect(await t.type(`typeof ${name}`), name).toContain('="undefined"');
    }
    for (const expr of ["Array.from", "Object.freeze", "Math.trunc", "Math.imul", "Number.isInteger", "Number.isFinite", "Number.isNaN", "Number.MAX_SAFE_INTEGER", "Error.captureStackTrace"]) {
      expect(await t.type(`typeof ${expr}`), expr).toContain('="undefined"');
    }
    expect(await t.type("typeof Promise + typeof DataView + typeof btoa")).toContain('="functionfunctionfunction"');
  });

  it("refuses syntax the interpreter does not parse, after running the statements before it", async () => {
    const out = await t.type("var ranFirst = 1; var {a} = {a: 2}; var ranAfter = 1");
    expect(out).toContain("Uncaught SyntaxError: Got '{' expected ID");
    expect(await t.type("typeof ranFirst + ' ' + typeof ranAfter")).toContain('="number undefined"');
    for (const code of ["function f(x = 1) {}", "[...[1]]", "var o = {['k']: 1}", "a?.b", "2 ** 3", "outer: for(;;) break outer", "function* g(){}", "async function h(){}", "String.raw`x`", "10n"]) {
      expect(await t.type(code), code).toContain("Uncaught SyntaxError");
    }
  });

  it("does not hoist function declarations", async () => {
    const out = await t.type("later(); function later() { return 1 }");
    expect(out).toContain('Function "later" not found!');
    expect(await t.type("typeof later")).toContain('="undefined"');
  });

  it("scopes let/const to the function, so loop closures share the last value", async () => {
    await t.type("var fns = []; for (let i = 0; i < 3; i++) fns.push(function(){ return i })");
    expect(await t.type("fns.map(function(f){ return f() }).join()")).toContain('="3,3,3"');
  });

  it("stringifies non-strings the Espruino way and has Espruino helpers", async () => {
    expect(await t.type("String(new Uint8Array([1,2,3]))")).toContain('="1,2,3"');
    expect(await t.type("E.CRC32('hello')")).toContain("=907060870");
    expect(await t.type("E.toString([104, 105])")).toContain('="hi"');
    expect(await t.type("process.env.VERSION + ' ' + process.env.BOARD + ' ' + process.env.CONSOLE")).toContain('="2v29 ESP32 Serial1"');
    const memory = await t.type("var m = process.memory(); [m.blocksize, m.total > m.usage, m.free + m.usage == m.total]");
    expect(memory).toContain("=[ 14, true, true ]");
  });

  it("counts JsVars honestly: a big array costs more than an empty one", async () => {
    await t.type("var base = process.memory().usage");
    await t.type("var big = []; for (var i = 0; i < 500; i++) big.push('item number ' + i)");
    expect(await t.type("process.memory().usage - base > 500")).toContain("=true");
    expect(await t.type("E.getSizeOf(big) > E.getSizeOf([])")).toContain("=true");
  });
});
