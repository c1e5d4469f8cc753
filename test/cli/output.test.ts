// Output decides colour, spinners and panel redraws per stream: each stream gets escape codes only when that
// stream itself is a terminal (and NO_COLOR/CI do not say otherwise).
import { describe, expect, it } from "vitest";
import { Output, wantsColour, type OutputStream } from "../../host-tools/cli/output.ts";
import { MonitorView } from "../../host-tools/cli/monitor-view.ts";

const ESC = "\x1b";

function stream(isTTY: boolean): OutputStream & { text: string } {
  const s = {
    isTTY,
    columns: 80,
    text: "",
    write(chunk: string | Uint8Array) {
      s.text += String(chunk);
      return true;
    },
  };
  return s as OutputStream & { text: string };
}

const TERMINAL_ENV = { TERM: "xterm-256color" };

function writeEverything(out: Output): void {
  out.step("a step");
  out.warn("a warning");
  out.success("a result");
  out.say(`${out.colors.green("●")} a listed port`);
  out.write(`${out.colors.cyan("live")} view\n`);
}

describe("colour per stream", () => {
  it("stdout redirected to a file stays plain while stderr on a terminal keeps its colour", () => {
    const stdout = stream(false);
    const stderr = stream(true);
    writeEverything(new Output({}, stdout, stderr, TERMINAL_ENV));
    expect(stdout.text).toContain("a result");
    expect(stdout.text).toContain("● a listed port");
    expect(stdout.text).not.toContain(ESC);
    expect(stderr.text).toContain(`${ESC}[2m•${ESC}[22m a step`);
    expect(stderr.text).toContain(`${ESC}[33mwarning:`);
  });

  it("stdout on a terminal gets colour even when stderr is piped (and stderr then stays plain)", () => {
    const stdout = stream(true);
    const stderr = stream(false);
    writeEverything(new Output({}, stdout, stderr, TERMINAL_ENV));
    expect(stdout.text).toContain(`${ESC}[32m✔`);
    expect(stderr.text).toBe("• a step\nwarning: a warning\n");
  });

  it("under --json the human text moves to stderr and takes stderr's colour; stdout holds only JSON", () => {
    const stdout = stream(false);
    const stderr = stream(true);
    const out = new Output({ json: true }, stdout, stderr, TERMINAL_ENV);
    writeEverything(out);
    out.result({ ok: true });
    expect(stdout.text).toBe('{"ok":true}\n');
    expect(stderr.text).toContain(`${ESC}[32m✔${ESC}[39m a result`);
    expect(stderr.text).toContain(`${ESC}[36mlive${ESC}[39m view`);
  });

  it("NO_COLOR, CI and TERM=dumb turn colour off on a terminal; FORCE_COLOR turns it on for a file", () => {
    expect(wantsColour({ isTTY: true }, TERMINAL_ENV)).toBe(true);
    expect(wantsColour({ isTTY: true }, { ...TERMINAL_ENV, NO_COLOR: "1" })).toBe(false);
    expect(wantsColour({ isTTY: true }, { ...TERMINAL_ENV, CI: "true" })).toBe(false);
    expect(wantsColour({ isTTY: true }, { TERM: "dumb" })).toBe(false);
    expect(wantsColour({ isTTY: false }, TERMINAL_ENV)).toBe(false);
    expect(wantsColour({ isTTY: false }, { FORCE_COLOR: "1" })).toBe(true);
    expect(wantsColour({ isTTY: true }, { ...TERMINAL_ENV, FORCE_COLOR: "0" })).toBe(false);
    expect(wantsColour({ isTTY: false }, { FORCE_COLOR: "1", NO_COLOR: "1" })).toBe(false);
  });
});

describe("spinner for long steps", () => {
  it("draws on a terminal stderr, gives way to other lines, and ends with the outcome", () => {
    const stdout = stream(false);
    const stderr = stream(true);
    const out = new Output({}, stdout, stderr, TERMINAL_ENV);
    const task = out.task("building the firmware");
    expect(stderr.text).toContain("building the firmware");
    out.step("something else happened");
    task.done("firmware built");
    // The spinner line was erased before the step was printed, so the step starts on a clean line.
    expect(stderr.text).toMatch(/\r\x1b\[K\x1b\[2m•\x1b\[22m something else happened\n/);
    expect(stderr.text).toMatch(/\x1b\[32m✔\x1b\[39m firmware built \x1b\[2m\(\d+\.\d s\)\x1b\[22m\n/);
    expect(stdout.text).toBe("");
  });

  it("is plain step lines when stderr is not a terminal, and nothing at all under --quiet", () => {
    const stderr = stream(false);
    const task = new Output({}, stream(false), stderr, TERMINAL_ENV).task("building the firmware");
    task.update("running terser");
    task.done("firmware built");
    expect(stderr.text).toBe("• building the firmware\n• firmware built\n");

    const quiet = stream(true);
    new Output({ quiet: true }, stream(true), quiet, TERMINAL_ENV).task("building").done("built");
    expect(quiet.text).toBe("");
  });

  it("is not drawn under --json even on a terminal", () => {
    const stderr = stream(true);
    new Output({ json: true }, stream(false), stderr, TERMINAL_ENV).task("connecting").done("connected");
    expect(stderr.text).not.toContain("\r");
    expect(stderr.text).toContain("connecting\n");
  });

  it("a failure marks the running step failed before the error", () => {
    const stderr = stream(true);
    const out = new Output({}, stream(false), stderr, TERMINAL_ENV);
    out.task("connecting to the bootloader");
    out.fail(new Error("no answer"));
    expect(stderr.text).toMatch(/\x1b\[31m✖\x1b\[39m connecting to the bootloader .*\n[^]*\x1b\[31merror:\x1b\[39m no answer\n/);
  });
});

describe("monitor --plot panel", () => {
  const record = (seq: number) => ({ kind: "record" as const, time: Date.now(), record: { seq, up: seq, rssi: -50, mem: 1000, t: 20 + seq } });

  it("redraws in place only when stdout is a terminal", () => {
    const tty = stream(true);
    const live = new MonitorView(new Output({}, tty, stream(true), TERMINAL_ENV), { plot: true });
    for (let i = 1; i <= 3; i++) live.event(record(i));
    expect(tty.text).toMatch(/\x1b\[\d+A\x1b\[J/); // cursor up over the old panel, erase below

    const file = stream(false);
    const appended = new MonitorView(new Output({}, file, stream(true), TERMINAL_ENV), { plot: true });
    for (let i = 1; i <= 3; i++) appended.event(record(i));
    expect(file.text).not.toContain(ESC);
    expect(file.text.split("\n").filter((l) => l.startsWith("t "))).toHaveLength(3);
  });
});
