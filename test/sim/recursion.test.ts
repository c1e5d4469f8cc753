// The virtual board's call-depth limit: like an ESP32 (jspCheckStackPosition in src/jsparse.c) a call nested deeper
// than the stack allows stops the running code with "Too much recursion - the stack is about to overflow", which
// the user's try/catch cannot catch, and the board carries on at the prompt with its timers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { transformSource, FUNCTION_ENTER, FUNCTION_LEAVE, INTERRUPT_CHECK } from "../../host-tools/sim/runtime/source-transform.ts";
import { DEFAULT_MAX_CALL_DEPTH } from "../../host-tools/sim/runtime/call-depth.ts";
import vm from "node:vm";
import { startBoard, type TestBoard } from "./support/sim-console.ts";

const TOO_DEEP = "Uncaught Error: Too much recursion - the stack is about to overflow\r\n";

let t: TestBoard;

beforeAll(async () => {
  t = await startBoard();
  await t.type("function depth(n) { return n > 0 ? depth(n - 1) + 1 : 0; }");
});

afterAll(async () => {
  await t?.close();
});

describe("call-depth limit at the console", () => {
  it("runs recursion 40 deep", async () => {
    expect(await t.type("depth(40)")).toContain("=40\r\n>");
  });

  it("allows exactly the default depth of nested calls and refuses one more", async () => {
    // depth(n) nests n + 1 calls
    expect(await t.type(`depth(${DEFAULT_MAX_CALL_DEPTH - 1})`)).toContain(`=${DEFAULT_MAX_CALL_DEPTH - 1}\r\n>`);
    expect(await t.type(`depth(${DEFAULT_MAX_CALL_DEPTH})`)).toContain(TOO_DEEP);
  });

  it("stops recursion 200 deep with the board's message, the call's position and Execution Interrupted", async () => {
    const out = await t.type("depth(200)");
    expect(out).toContain(
      TOO_DEEP +
        // every running call, innermost first, at its call's `)` in depth's own code (kept without `return`)
        ("    at depth (:1:20)\r\nn > 0 ? depth(n - 1) + 1 : 0;\r\n" + " ".repeat(19) + "^\r\n").repeat(DEFAULT_MAX_CALL_DEPTH) +
        "    at REPL (:1:10)\r\ndepth(200)\r\n" + " ".repeat(9) + "^\r\n" +
        "Execution Interrupted\r\n>",
    );
    expect(out).not.toContain("=");
  });

  it("cannot be caught: the user's catch and finally blocks do not run", async () => {
    const out = await t.type('var seen = []; try { depth(200); } catch (e) { seen.push("catch"); } finally { seen.push("finally"); }');
    expect(out).toContain(TOO_DEEP);
    expect(out).toContain("Execution Interrupted\r\n>");
    expect(await t.type("seen.length")).toContain("=0\r\n>");
    // a catch inside the recursion does not keep it either
    await t.type("function guarded(n) { try { return guarded(n + 1); } catch (e) { return -1; } }");
    const inner = await t.type("guarded(0)");
    expect(inner).toContain(TOO_DEEP);
    expect(inner).not.toContain("=-1");
  });

  it("counts callbacks called by natives such as Array.map and forEach", async () => {
    await t.type("function viaMap(n) { return n > 0 ? [n].map(function (v) { return viaMap(v - 1); })[0] + 1 : 0; }");
    expect(await t.type("viaMap(20)")).toContain("=20\r\n>");
    expect(await t.type("viaMap(100)")).toContain(TOO_DEEP);
  });

  it("keeps the board running: an interval set before still fires, the console still answers", async () => {
    await t.type("var ticks = 0; var ticker = setInterval(function () { ticks++; }, 20);");
    expect(await t.type("depth(500)")).toContain(TOO_DEEP);
    await t.type("var before = ticks;");
    await t.type('setTimeout(function () { print("ticked", ticks > before); }, 150);');
    expect(await t.out.waitFor(/ticked \w+\r\n>/)).toContain("ticked true");
    expect(await t.type("clearInterval(ticker); depth(10)")).toContain("=10\r\n>");
  });

  it("in an interval: reported as interrupted event processing, the interval is removed, other timers go on", async () => {
    // the bad interval may fire while the console is still answering the line that set it up, so the report is
    // looked for in everything printed from that line on
    const reportEnd = /Too much recursion[^]*\r\n    at :\d+:\d+\r\n.*\r\n *\^\r\n/;
    let report = await t.type(
      "var runs = 0, other = 0; var good = setInterval(function () { other++; }, 30); var bad = setInterval(function () { runs++; depth(100); }, 30);",
    );
    if (!reportEnd.test(report)) report += await t.out.waitFor(reportEnd, 3000);
    expect(report).toContain(
      "ERROR: Ctrl-C while processing interval - removing it.\r\n" + "Execution Interrupted during event processing.\r\n" + TOO_DEEP,
    );
    await t.type('var otherBefore = other; setTimeout(function () { print("after", runs, other > otherBefore); }, 200);');
    expect(await t.out.waitFor(/after \d+ \w+\r\n>/)).toMatch(/after 1 true/);
    await t.type("clearInterval(good)");
  });
});

describe("call-depth limit option", () => {
  it("follows maxCallDepth", async () => {
    const small = await startBoard({ maxCallDepth: 5 });
    try {
      await small.type("function depth(n) { return n > 0 ? depth(n - 1) + 1 : 0; }");
      expect(await small.type("depth(4)")).toContain("=4\r\n>");
      expect(await small.type("depth(5)")).toContain(TOO_DEEP);
    } finally {
      await small.close();
    }
  });
});

describe("function instrumentation", () => {
  function runCounted(source: string): { value: unknown; entered: number; depth: number } {
    const { code, syntaxError } = transformSource(source);
    if (syntaxError) throw new Error(syntaxError.message);
    let entered = 0;
    let depth = 0;
    const context = vm.createContext({
      [INTERRUPT_CHECK]: () => {},
      [FUNCTION_ENTER]: () => {
        entered++;
        depth++;
      },
      [FUNCTION_LEAVE]: () => depth--,
    });
    return { value: vm.runInContext(code, context), entered, depth };
  }

  it("counts every kind of function and balances enter/leave on return, throw and empty bodies", () => {
    expect(runCounted("var o = (x) => ({ a: x }); o(1).a")).toEqual({ value: 1, entered: 1, depth: 0 });
    expect(runCounted("var g = (x) =>\n x + 1; g(1)")).toEqual({ value: 2, entered: 1, depth: 0 });
    expect(runCounted("function e() {} e(); e()")).toEqual({ value: undefined, entered: 2, depth: 0 });
    expect(runCounted("function t() { throw 1 } var r; try { t() } catch (x) { r = x } r")).toEqual({ value: 1, entered: 1, depth: 0 });
    expect(runCounted("class A { constructor() { this.v = 2 } get w() { return this.v } } new A().w")).toEqual({ value: 2, entered: 2, depth: 0 });
  });
});
