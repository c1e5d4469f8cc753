// `espnode flash` as a user runs it, against a ROM on a real pseudo-terminal: --json result, exit code, files.
import { Command } from "commander";
import { afterEach, describe, expect, it, vi } from "vitest";
import { registerFlashCommand } from "../../host-tools/cli/flash-command.ts";
import { imageInfo } from "../../host-tools/sim/rom/image-info.ts";
import { fakeEspruinoRelease } from "./support/fake-firmware.ts";
import { PtyRom } from "./support/pty-rom.ts";
import { tempFlashFile } from "./support/raw-rom.ts";

let pty: PtyRom | null = null;
afterEach(() => {
  pty?.close();
  pty = null;
  vi.restoreAllMocks();
  process.exitCode = 0;
});

async function run(args: string[]): Promise<{ stdout: string; code: number }> {
  let stdout = "";
  vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
    stdout += chunk.toString();
    return true;
  });
  vi.spyOn(process.stderr, "write").mockImplementation(() => true);
  const program = new Command("espnode");
  program.exitOverride();
  registerFlashCommand(program);
  process.exitCode = 0;
  await program.parseAsync(["node", "espnode", ...args]);
  const code = Number(process.exitCode ?? 0);
  vi.restoreAllMocks();
  return { stdout, code };
}

describe("espnode flash (CLI) over a pseudo-terminal", () => {
  it("flashes a release folder with the flasher stub and prints a JSON result", async () => {
    const fw = fakeEspruinoRelease(30_000);
    pty = new PtyRom(tempFlashFile());
    const { stdout, code } = await run(["flash", "--firmware", fw.dir, "--port", pty.path, "--baud", "230400", "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
    // No reset lines on a pty: the stub reboots the chip into the app (FLASH_END "reboot").
    expect(result).toMatchObject({ ok: true, chip: { chip: "ESP32" }, loader: "stub", reset: "soft-reset" });
    expect(result.files).toHaveLength(3);
    expect(imageInfo(pty.rom.flash.path).espruino).toBe(true);
    expect(pty.rom.mode).toBe("quiet"); // left the stub
  });

  it("--no-stub flashes through the ROM loader only", async () => {
    const fw = fakeEspruinoRelease(30_000);
    pty = new PtyRom(tempFlashFile());
    const { stdout, code } = await run(["flash", "--firmware", fw.dir, "--port", pty.path, "--no-stub", "--json"]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(result).toMatchObject({ ok: true, loader: "rom", reset: "run-user-code" });
    expect(imageInfo(pty.rom.flash.path).espruino).toBe(true);
  });

  it("says to use --no-stub when the stub does not start and the board cannot be reset from here", async () => {
    const fw = fakeEspruinoRelease(1000);
    pty = new PtyRom(tempFlashFile(), { runsFlasherStub: false });
    const { stdout, code } = await run(["flash", "--firmware", fw.dir, "--port", pty.path, "--json"]);
    expect(code).toBe(4);
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(result.error.kind).toBe("device");
    expect(result.error.message).toMatch(/flasher stub did not start/);
    expect(result.error.hint).toMatch(/--no-stub/);
  }, 20_000);

  it("exits with the board-problem code and a JSON error when nothing answers", async () => {
    const fw = fakeEspruinoRelease(1000);
    pty = new PtyRom(tempFlashFile());
    pty.rom.close(); // a port with nothing behind it
    const { stdout, code } = await run(["flash", "--firmware", fw.dir, "--port", pty.path, "--before", "no-reset", "--json"]);
    expect(code).toBe(4);
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(result.error.kind).toBe("device");
    expect(result.error.message).toMatch(/not in download mode/);
  }, 20_000);

  it("refuses a --sim-state without a running sim's control socket as a usage error", async () => {
    const fw = fakeEspruinoRelease(1000);
    pty = new PtyRom(tempFlashFile());
    const { stdout, code } = await run(["flash", "--firmware", fw.dir, "--port", pty.path, "--sim-state", "/nonexistent/espnode-state", "--json"]);
    expect(code).toBe(2);
    const result = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(result.error.message).toBe("No simulator control socket at /nonexistent/espnode-state/control.sock.");
  });
});
