// The command line itself: help, documented exit codes, list degrading gracefully without udevadm.
import { describe, expect, it } from "vitest";
import { runCli } from "./support/sim.ts";

describe("espnode command line", () => {
  it("shows every command and the exit codes in --help", async () => {
    const r = await runCli(["--help"]);
    expect(r.code).toBe(0);
    for (const cmd of ["list", "flash", "build", "deploy", "provision", "monitor", "sim", "demo"]) expect(r.stdout).toMatch(new RegExp(`\\n  ${cmd}\\b`));
    expect(r.stdout).toMatch(/Exit codes:[\s\S]*2 +usage error[\s\S]*3 +port problem/);
  });

  it("exits 2 on an unknown option or a bad value", async () => {
    const unknown = await runCli(["deploy", "--frobnicate"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown option/);
    const badBaud = await runCli(["monitor", "--port", "/dev/null", "--baud", "fast"]);
    expect(badBaud.code).toBe(2);
    expect(badBaud.stderr).toMatch(/--baud fast is not a baud rate/);
  });

  it("lists ports without failing where serialport's listing cannot run, in text and JSON", async () => {
    const r = await runCli(["list", "--json"]);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.ok).toBe(true);
    expect(Array.isArray(out.ports)).toBe(true);
    const text = await runCli(["list"]);
    expect(text.code).toBe(0);
    expect(text.stdout.length).toBeGreaterThan(0);
  });

  it("reports a port that auto-detection cannot find with exit code 3 and a next step", async () => {
    const r = await runCli(["deploy", "--json"]);
    // No USB adapters on a CI machine: auto finds nothing.
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).error).toMatchObject({ kind: "port" });
    expect(r.stderr).toMatch(/next: .*--port/);
  });
});
