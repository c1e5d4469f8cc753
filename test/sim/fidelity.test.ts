// Details of the virtual board checked against the Espruino firmware source (each test names the source it follows):
// the boot logo and what reset()/load() print, `=value` formatting, console line handling, Storage.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { formatValue, PRINT_FORMAT } from "../../host-tools/sim/runtime/format-value.ts";
import { startBoard, sleep, type TestBoard } from "./support/sim-console.ts";

let t: TestBoard;

beforeAll(async () => {
  t = await startBoard();
});

afterAll(async () => {
  await t?.close();
});

const LOGO =
  "\x1b[?7l\r\n" +
  " ____                 _ \r\n" +
  "|  __|___ ___ ___ _ _|_|___ ___ \r\n" +
  "|  __|_ -| . |  _| | | |   | . |\r\n" +
  "|____|___|  _|_| |___|_|_|_|___|\r\n" +
  "         |_| espruino.com\r\n" +
  " 2v29 (c) 2025 G.Williams\r\n" +
  "\r\n" +
  "Espruino is Open Source. Our work is supported\r\n" +
  "only by sales of official boards and donations:\r\n" +
  "http://espruino.com/Donate\r\n";

describe("boot and reset output (jsiSemiInit / jsiIdle in src/jsinteractive.c)", () => {
  it("prints the logo exactly, after boot code has run, then a blank line and the prompt", async () => {
    await t.type("E.setBootCode(\"print('boot code ran')\")");
    t.board.powerCut();
    await t.board.whenReady();
    const boot = await t.out.waitFor(/\r\n>$/);
    expect(boot).toContain("entry 0x40080680\r\nboot code ran\r\n" + LOGO + "\r\n>");
  });

  it("reset() prints =undefined, then the logo (boot code is not run again)", async () => {
    expect(await t.type("reset()")).toBe("reset()\r\n=undefined\r\n" + LOGO + "\r\n>");
  });

  it("load() brings back boot code without the logo; load(file) prints the logo before running the file", async () => {
    const plain = await t.type("load()");
    expect(plain).toContain("boot code ran\r\n>");
    expect(plain).not.toContain("espruino.com");
    await t.type('require("Storage").write("app.js", "print(\'app ran\')")');
    expect(await t.type('load("app.js")')).toBe('load("app.js")\r\n=undefined\r\n' + LOGO + "\r\napp ran\r\n>");
    await t.type('E.setBootCode(""); require("Storage").erase("app.js")');
  });
});

describe("=value formatting (jsfGetJSONWithCallback in src/jswrap_json.c)", () => {
  const cases: Array<[string, string]> = [
    ["1.5", "=1.5"],
    ['"a\\tb\\x01c\\x017"', '="a\\tb\\1c\\x017"'],
    ["[]", "=[  ]"],
    ["({})", "={  }"],
    ["[1,2,3]", "=[ 1, 2, 3 ]"],
    ['[1,"x",2]', '=[ 1, \r\n  "x", \r\n  2 ]'],
    ["({a:1,b:2,c:3,d:4,e:5,f:6})", "={ a: 1, b: 2, c: 3, d: 4, \r\n  e: 5, f: 6 }"],
    ['({"$k":1, "a-b":3, n_1:2})', '={ "$k": 1, "a-b": 3, n_1: 2 }'],
    ['({"7":1})', "={ 7: 1 }"],
    ["({a:{b:1}})", "={ \r\n  a: { b: 1 }\r\n }"],
    ["new Array(20).fill(7)", "=[ 7, 7, 7, 7, 7,  ... 7, 7, 7, 7, 7 ]"],
    ['"x".repeat(70)', '="xxxxxxxxxxxxxxxxxxxxxxxxxxx" ... "xxxxxxxxxxxxxxxxxxxxxxxxxxx"'],
    ["new Uint8Array([1,2])", "=new Uint8Array([1, 2])"],
    ["new Uint8Array(4)", "=new Uint8Array(4)"],
    ["new Uint8Array([1,2]).buffer", "=new Uint8Array([1, 2]).buffer"],
    ["(function (a, b) { return a + b })", "=function (a,b) { ... }"],
    ["function Point(){ this.x = 1 }; new Point()", "=Point: { x: 1 }"],
    ["D5", "=D5"],
  ];
  for (const [input, shown] of cases) {
    it(`${input} → ${JSON.stringify(shown)}`, async () => {
      expect(await t.type(input)).toBe(`${input}\r\n${shown}\r\n>`);
    });
  }

  it("print() shows objects without the console's limits and with quoted keys", async () => {
    expect(await t.type('print({a:1, s:"x".repeat(45)})')).toContain(`{ "a": 1, \r\n  "s": "${"x".repeat(45)}"\r\n }\r\n`);
    expect(formatValue(new Array(20).fill(0), PRINT_FORMAT)).not.toContain("...");
  });

  it("a thrown non-Error prints with %v: no quotes (jsiCheckErrors)", async () => {
    expect(await t.type('throw "plain text"')).toBe('throw "plain text"\r\nUncaught plain text\r\n>');
  });
});

describe("console line handling (jsiHandleChar / jsiConsoleRemoveInputLine)", () => {
  it("a DLE line is silent: no echo, no result; output it makes follows the old prompt, then a new prompt", async () => {
    t.board.port.write("\x10print('quiet')\r");
    expect(await t.out.waitFor(/>$/)).toBe("quiet\r\n>");
    t.board.port.write("\x10var q = 1\r");
    await sleep(100);
    expect(t.out.since()).toBe("");
  });

  it("output while a line is half typed erases it (cursor back, \\r, ESC[J) and redraws it", async () => {
    await t.type("setTimeout(function(){ print('tick') }, 150)");
    t.board.port.write("abc");
    expect(await t.out.waitFor(/tick\r\n>abc$/, 3000)).toBe("abc\x1b[D\x1b[D\x1b[D\r\x1b[Jtick\r\n>abc");
    t.board.port.write("\x03");
    expect(await t.out.waitFor(/>$/)).toBe("\x1b[D\x1b[D\x1b[D\r\x1b[J>");
  });
});

describe("Storage (jsfWriteFile / jsfListFiles in src/jsflash.c, jswrap_storage.c)", () => {
  it("lists files in flash order; a file written anew moves to the end", async () => {
    await t.type('var S = require("Storage"); S.eraseAll(); S.write("b", "1"); S.write("a", "2"); S.write("c", "3")');
    expect(await t.type("S.list().join()")).toContain('="b,a,c"');
    await t.type('S.write("b", "changed")');
    expect(await t.type("S.list().join()")).toContain('="a,c,b"');
    expect(await t.type("S.list(/^[ab]$/).join()")).toContain('="a,b"');
    // the filter is String.match: a string is searched for as plain text, not turned into a RegExp
    expect(await t.type('S.list("^[ab]$").join()')).toContain('=""');
  });

  it("stores a plain object as JSON, refuses an empty file, and clips read() offsets", async () => {
    await t.type('S.write("obj", {x: 1}, 5, 100)');
    expect(await t.type('S.read("obj")')).toContain('="{\\"x\\":1}"');
    expect(await t.type('S.write("empty", "")')).toContain("Uncaught Error: Can't create zero length file");
    expect(await t.type('S.write("nofile", "x", 3)')).toContain("Uncaught Error: Unable to find or create file");
    await t.type('S.write("abc", "abcdef")');
    expect(await t.type('[S.read("abc", 2, 2), S.read("abc", 4, 0), S.read("abc", 9)].join("|")')).toContain('="cd|ef|"');
    expect(await t.type('Object.keys(S.getStats()).join() == "totalBytes,freeBytes,fileBytes,fileCount,trashBytes,trashCount"')).toContain("=true");
  });
});

describe("process (jswrap_process.c)", () => {
  it("memory() has gc/gctime only after a collection, and no ARM-only fields; env lists the build", async () => {
    expect(await t.type("Object.keys(process.memory(false)).join()")).toContain('="free,usage,total,history,blocksize"');
    expect(await t.type('Object.keys(process.memory()).join() == "free,usage,total,history,gc,gctime,blocksize"')).toContain("=true");
    const keys = "VERSION,GIT_COMMIT,BOARD,RAM,FLASH,SPIFLASH,STORAGE,SERIAL,CONSOLE,MODULES,EXPTR";
    expect(await t.type(`Object.keys(process.env).join() == "${keys}"`)).toContain("=true");
    expect(await t.type("process.env.SERIAL == getSerial()")).toContain("=true");
  });
});
