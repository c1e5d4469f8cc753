// Board-level behaviour: UART pacing and the receive FIFO, watchdog, reboot, deep sleep, modules.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { RX_FIFO_BYTES } from "../../host-tools/sim/board.ts";
import { startBoard, sleep, type TestBoard } from "./support/sim-console.ts";

describe("UART pacing", () => {
  let t: TestBoard;
  beforeAll(async () => {
    t = await startBoard({ baud: 9600 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("moves bytes no faster than 8N1 at the configured baud (960 bytes/s at 9600)", async () => {
    const line = `print("${"y".repeat(200)}")`;
    const started = Date.now();
    const reply = await t.type(line, /\r\n>$/);
    const elapsed = Date.now() - started;
    // echo of the line + the printed text both cross the paced link; each direction alone needs ≥ bytes/960 s
    const bytesBack = reply.length;
    expect(elapsed).toBeGreaterThanOrEqual((bytesBack / 960) * 1000 * 0.9);
  });
});

describe("receive FIFO while JavaScript is busy", () => {
  let t: TestBoard;
  beforeAll(async () => {
    t = await startBoard({ baud: 115200 });
  });
  afterAll(async () => {
    await t?.close();
  });

  it("sends XOFF near full, drops what does not fit, then reports FIFO_FULL and XON", async () => {
    t.board.port.write("var end = Date.now() + 1200; while (Date.now() < end) {}\r");
    await sleep(150);
    t.board.port.write(" ".repeat(RX_FIFO_BYTES + 1000));
    await t.out.waitFor(/New interpreter error: FIFO_FULL/, 5000);
    const all = t.out.all();
    const xoff = all.indexOf("\x13");
    expect(xoff).toBeGreaterThan(all.indexOf("while (Date.now() < end) {}\r\n"));
    expect(all.indexOf("\x11", xoff)).toBeGreaterThan(xoff);
    t.board.port.write("\x03");
    await sleep(100);
    expect(await t.type("E.getErrorFlags()")).toContain('=[ \r\n  "FIFO_FULL"\r\n ]');
  });
});

describe("reboots", () => {
  let t: TestBoard;
  beforeAll(async () => {
    t = await startBoard();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("the watchdog reboots a board stuck in a loop", async () => {
    t.board.port.write("E.enableWatchdog(0.3, true); while(1){}\r");
    expect(await t.out.waitFor(/TG0WDT_SYS_RESET[\s\S]*Donate\r\n\r\n>$/, 5000)).toContain("rst:0x7");
  });

  it("the watchdog without auto-kick reboots unless kicked", async () => {
    await t.type("E.enableWatchdog(0.4, false); var kicker = setInterval(function(){ E.kickWatchdog() }, 100)");
    await sleep(700);
    expect(t.out.since()).not.toContain("TG0WDT");
    await t.type("clearInterval(kicker)");
    expect(await t.out.waitFor(/TG0WDT_SYS_RESET[\s\S]*>$/, 5000)).toContain("rst:0x7");
  });

  it("E.reboot() restarts the chip from software", async () => {
    t.board.port.write("E.reboot()\r");
    expect(await t.out.waitFor(/SW_CPU_RESET[\s\S]*Donate\r\n\r\n>$/)).toContain("rst:0xc");
  });

  it("ESP32.deepSleep(us) goes dark, ignores input, and wakes with a deep-sleep reset", async () => {
    await t.type("var lost = 1");
    t.board.port.write("ESP32.deepSleep(300000)\r");
    await sleep(100);
    t.board.port.write("print('while asleep')\r");
    const boot = await t.out.waitFor(/DEEPSLEEP_RESET[\s\S]*Donate\r\n\r\n>$/, 5000);
    expect(boot).not.toContain("while asleep\r\n");
    expect(await t.type("typeof lost")).toContain('="undefined"');
  });
});

describe("modules and errors in callbacks", () => {
  let t: TestBoard;
  beforeAll(async () => {
    t = await startBoard();
  });
  afterAll(async () => {
    await t?.close();
  });

  it("require() finds Modules.addCached modules and Storage files, and refuses unknown ones", async () => {
    await t.type('Modules.addCached("twice", function(){ exports.twice = function(x){ return 2*x } })');
    expect(await t.type('require("twice").twice(21)')).toContain("=42");
    await t.type('require("Storage").write("lib.js", "exports.name = function(){ return \\"lib\\" };")');
    expect(await t.type('require("lib.js").name()')).toContain('="lib"');
    expect(await t.type('require("nonexistent")')).toContain('Uncaught Error: Module "nonexistent" not found');
    expect(await t.type('require("ESP32") === ESP32')).toContain("=true");
  });

  it("reports an error thrown in a timer with the callback's own position and no name (2v29)", async () => {
    t.board.port.write("setTimeout(function(){ throw new Error('late') }, 10)\r");
    expect(await t.out.waitFor(/Uncaught Error: late[^]*\^\r\n/)).toContain(
      "Uncaught Error: late\r\n    at :1:23\r\nthrow new Error('late')\r\n" + " ".repeat(22) + "^\r\n",
    );
  });
});
