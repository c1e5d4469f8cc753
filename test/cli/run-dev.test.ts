// `espnode run` (a program in the board's RAM, flash untouched, console until idle) and `espnode dev` (rebuild on
// save, deploy, restart; a bad build leaves the last good app running), through the CLI against a virtual board's pty.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn } from "node:child_process";
import { mkdtemp, rm, writeFile, mkdir } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runCli, startSim, type SimUnderTest } from "./support/sim.ts";
import { APP_SLOTS, BOOT_POINTER } from "../../host-tools/commands/deploy.ts";

const BIN = resolve(import.meta.dirname, "../../host-tools/bin/espnode.js");

let sim: SimUnderTest;
let pty: string;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "espnode-run-dev-"));
  sim = await startSim({ baud: 115200 });
  pty = await sim.board.openPty();
}, 60_000);

afterAll(async () => {
  await sim?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

describe("espnode run", () => {
  it("builds a .ts file, runs it from RAM until no timer is left, and leaves flash as it was", { timeout: 60_000 }, async () => {
    const file = join(dir, "blink.ts");
    await writeFile(file, 'print("hello from RAM");\nvar n = 0;\nvar t = setInterval(function () {\n  print("tick " + ++n);\n  if (n === 3) clearInterval(t);\n}, 200);\n');
    const before = sim.board.storage.list();
    const r = await runCli(["run", file, "--port", pty, "--json"], { timeoutMs: 50_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, ended: "idle" });
    expect(r.stderr).toMatch(/hello from RAM[^]*tick 1[^]*tick 2[^]*tick 3/);
    // our idle probes never show
    expect(r.stderr).not.toMatch(/espnode-run (done|timers)/);
    expect(sim.board.storage.list()).toEqual(before);
  });

  it("exits 1 when the program stops with an uncaught error", { timeout: 60_000 }, async () => {
    const file = join(dir, "broken.js");
    await writeFile(file, 'print("before the error");\nundefinedFunction();\n');
    const r = await runCli(["run", file, "--port", pty], { timeoutMs: 50_000 });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("before the error");
    expect(r.stderr).toMatch(/uncaught error: Uncaught ReferenceError: "undefinedFunction" is not defined/);
  });

  it("--duration stops watching a program that never goes idle", { timeout: 60_000 }, async () => {
    const file = join(dir, "forever.js");
    await writeFile(file, 'var k = 0; setInterval(function () { print("still here " + ++k); }, 300);\n');
    const r = await runCli(["run", file, "--port", pty, "--duration", "2", "--json"], { timeoutMs: 50_000 });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ ok: true, ended: "duration" });
    expect(r.stderr).toContain("still here 2");
    sim.board.reset(); // the program keeps running in RAM until a reset
    await sim.board.whenReady();
  });
});

describe("espnode dev", () => {
  it("deploys on start and on every save; a build error keeps the last good app running", { timeout: 120_000 }, async () => {
    const project = join(dir, "project");
    await mkdir(join(project, "src"), { recursive: true });
    await writeFile(join(project, "package.json"), JSON.stringify({ name: "dev-test", private: true, espnode: { entry: "src/main.ts" } }));
    const main = join(project, "src/main.ts");
    await writeFile(main, 'print("app version 1");\n');
    const child = spawn(process.execPath, [BIN, "dev", "--port", pty], { cwd: project, env: { ...process.env, NO_COLOR: "1" }, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d) => (out += d));
    child.stderr.on("data", (d) => (out += d));
    const waitFor = async (re: RegExp, ms = 30_000) => {
      const deadline = Date.now() + ms;
      while (!re.test(out)) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`dev never printed ${re}; output:\n${out}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    };
    try {
      await waitFor(/app version 1/);
      await waitFor(/watching/);
      await writeFile(main, 'print("app version 2");\n');
      await waitFor(/app version 2/);
      const good = sim.board.storage.read(sim.board.storage.read(BOOT_POINTER)!);
      expect(good).toContain("app version 2");
      out = "";
      await writeFile(main, 'var cache = new Map();\nprint("app version 3");\n');
      await waitFor(/keeps running its last good app/);
      expect(out).toMatch(/src\/main\.ts:1:17 Cannot find name 'Map'/);
      // nothing was sent: the pointer still names the version-2 slot
      const active = sim.board.storage.read(BOOT_POINTER)!;
      expect(APP_SLOTS).toContain(active);
      expect(sim.board.storage.read(active)).toBe(good);
    } finally {
      const exited = new Promise((r) => child.once("exit", r));
      child.kill("SIGINT");
      await exited;
    }
  });
});
