// require("Storage") on the virtual board: flash semantics, persistence across restart and power cut,
// save()/load()/boot code, and the host-side view.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FlashStorage } from "../../host-tools/sim/storage/flash-storage.ts";
import { startBoard, sleep, type TestBoard } from "./support/sim-console.ts";

let stateDir: string;
let t: TestBoard;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), "espnode-sim-storage-"));
  t = await startBoard({ stateDir });
});

afterAll(async () => {
  await t?.close();
  await rm(stateDir, { recursive: true, force: true });
});

describe("Storage API", () => {
  it("reads undefined for a missing file and strings for written ones", async () => {
    expect(await t.type('require("Storage").read("nope")')).toContain("=undefined");
    await t.type('require("Storage").write("hello.txt", "Hello")');
    expect(await t.type('require("Storage").read("hello.txt")')).toContain('="Hello"');
    expect(t.board.storage.read("hello.txt")).toBe("Hello");
    expect(t.board.storage.list()).toContain("hello.txt");
  });

  it("pre-sizes a file: unwritten bytes read 0xFF, writes inside only land on erased bytes, offset 0 replaces", async () => {
    await t.type('var S = require("Storage"); S.write("pre", "AB", 0, 6)');
    expect(await t.type('S.read("pre")')).toContain('="AB\\xFF\\xFF\\xFF\\xFF"');
    await t.type('S.write("pre", "CD", 2)');
    expect(await t.type('S.read("pre")')).toContain('="ABCD\\xFF\\xFF"');
    // jsfWriteFile (src/jsflash.c) refuses to write over bytes that are not 0xFF, even with the same data
    expect(await t.type('S.write("pre", "\\x0F", 1)')).toContain("Uncaught Error: File already written with different data");
    expect(await t.type('S.write("pre", "B", 1)')).toContain("Uncaught Error: File already written with different data");
    expect(await t.type('S.read("pre")')).toContain('="ABCD\\xFF\\xFF"');
    expect(await t.type('S.write("pre", "EF", 4)')).toContain("=true");
    await t.type('S.write("pre", "new")');
    expect(await t.type('S.read("pre")')).toContain('="new"');
    expect(await t.type('S.write("pre", "toolong", 1)')).toContain("Uncaught Error: Too much data for file size");
  });

  it("has readJSON/writeJSON, readArrayBuffer, list with a regex, erase, getFree, getStats", async () => {
    await t.type('S.writeJSON("cfg.json", {a: 1, b: "two"})');
    expect(await t.type('S.readJSON("cfg.json").b')).toContain('="two"');
    expect(await t.type('new Uint8Array(S.readArrayBuffer("hello.txt"))[0]')).toContain("=72");
    expect(await t.type("S.list(/\\.json$/)")).toContain('=[ \r\n  "cfg.json"\r\n ]');
    const freeBefore = Number(/=(\d+)/.exec(await t.type("S.getFree()"))![1]);
    await t.type('S.write("big", "x".repeat(1000))');
    const freeAfter = Number(/=(\d+)/.exec(await t.type("S.getFree()"))![1]);
    expect(freeBefore - freeAfter).toBeGreaterThanOrEqual(1000);
    await t.type('S.erase("big")');
    expect(await t.type('S.read("big")')).toContain("=undefined");
    expect(await t.type("S.getStats().trashCount > 0")).toContain("=true");
    await t.type("S.compact()");
    expect(await t.type("S.getStats().trashBytes")).toContain("=0");
  });

  it("truncates names to 28 characters, so long names collide", async () => {
    await t.type('S.write("a_very_long_file_name_that_goes_on_1", "one")');
    await t.type('S.write("a_very_long_file_name_that_goes_on_2", "two")');
    expect(await t.type('S.read("a_very_long_file_name_that_goes_on_1")')).toContain('="two"');
    expect(t.board.storage.list()).toContain("a_very_long_file_name_that_g");
  });
});

describe("persistence", () => {
  it("keeps Storage across power cut and reset, but loses RAM", async () => {
    await t.type('var inRam = 1; S.write("survives", "yes")');
    t.board.powerCut();
    await t.board.whenReady();
    t.out.since();
    expect(await t.type('S === undefined ? 1 : 2')).toContain('"S" is not defined');
    expect(await t.type('require("Storage").read("survives") + typeof inRam')).toContain('="yesundefined"');
    t.board.reset();
    await t.board.whenReady();
    t.out.since();
    expect(await t.type('require("Storage").read("survives")')).toContain('="yes"');
  });

  it("leaves a file partial when power is cut in the middle of a multi-part write", async () => {
    await t.type('var S = require("Storage"); S.write("partial", "firsthalf", 0, 18)');
    t.board.powerCut();
    await t.board.whenReady();
    expect(t.board.storage.read("partial")).toBe("firsthalf" + "\xff".repeat(9));
  });

  it("survives a whole new board instance on the same state directory", async () => {
    await t.close();
    t = await startBoard({ stateDir });
    expect(await t.type('require("Storage").read("survives")')).toContain('="yes"');
  });

  it("runs .bootcde at boot, and E.setBootCode(code, true) also after reset()", async () => {
    await t.type('E.setBootCode("var bootRan = (typeof bootRan == \\"number\\" ? bootRan : 0) + 1;")');
    t.board.reset();
    await t.board.whenReady();
    t.out.since();
    expect(await t.type("bootRan")).toContain("=1");
    await t.type("reset()", /\r\n>$/);
    await sleep(50);
    t.out.since();
    expect(await t.type("typeof bootRan")).toContain('="undefined"');
    await t.type('E.setBootCode("var bootRan2 = 1;", true)');
    await t.type("reset()");
    await sleep(50);
    t.out.since();
    expect(await t.type("typeof bootRan2")).toContain('="number"');
    await t.type('E.setBootCode("")');
  });

  it("save() stores the code typed since reset, and it runs again at power on with E.on('init')", async () => {
    await t.type("reset()");
    await sleep(50);
    t.out.since();
    await t.type("var saved = 42; E.on('init', function(){ print('init ran ' + saved) })");
    await t.type("save()", /Compressed \d+ bytes to \d+\r\n/);
    expect(t.board.storage.list()).toContain(".varimg");
    // like the firmware, save() re-initialises afterwards, so the init handlers run once here
    await t.out.waitFor(/init ran 42\r\n>$/);
    t.board.powerCut();
    await t.board.whenReady();
    // jsiSemiInit: saved code and init handlers run, then no logo (saved code was loaded), a blank line, the prompt
    const boot = await t.out.waitFor(/init ran 42\r\n\r\n>$/);
    expect(boot).not.toContain("espruino.com");
    expect(await t.type("saved")).toContain("=42");
    expect(await t.type("load()", /init ran 42\r\n>$/)).toContain("=undefined");
    await t.type('require("Storage").erase(".varimg")');
  });
});

describe("FlashStorage (host side)", () => {
  it("reports an out-of-space write instead of silently truncating", async () => {
    const dir = await mkdtemp(join(tmpdir(), "espnode-flash-"));
    try {
      const flash = new FlashStorage(dir);
      // jsfWriteFile's texts (src/jsflash.c)
      expect(flash.write("huge", Buffer.alloc(10), 0, 10_000_000)).toEqual({ ok: false, error: "Unable to find or create file" });
      expect(flash.write("missing", Buffer.from("x"), 5)).toEqual({ ok: false, error: "Unable to find or create file" });
      expect(flash.write("empty", Buffer.alloc(0))).toEqual({ ok: false, error: "Can't create zero length file" });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
