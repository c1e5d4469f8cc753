// The promise of `espnode sim --state DIR`: stop the sim process and start a new one on the same directory, and
// the board still holds what was written to its Storage: the deployed app boots again and a file written from
// the console reads back. Each step is a separate process, as a user runs it.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { SerialPort } from "serialport";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "../cli/support/sim.ts";
import { ConsoleRecorder } from "./support/sim-console.ts";

const BIN = resolve(import.meta.dirname, "../../host-tools/bin/espnode.js");
const APP = `var bootedApp = "restart-v1";\nprint("app restart-v1 running");\n`;
const NOTE = { name: "note.txt", text: "kept across restarts" };

interface SimProcess {
  child: ChildProcessWithoutNullStreams;
  port: string;
  output(): string;
  stop(): Promise<number | null>;
}

let dir: string;
let stateDir: string;
let appPath: string;
const running = new Set<SimProcess>();

async function startSimProcess(): Promise<SimProcess> {
  const child = spawn(process.execPath, [BIN, "sim", "--state", stateDir, "--baud", "0", "--json"], {
    stdio: ["pipe", "pipe", "pipe"],
    // keep this sim out of the user's registry of running virtual boards (and out of other tests' `--port auto`)
    env: { ...process.env, ESPNODE_RUNTIME_DIR: join(dir, "registry") },
  });
  let text = "";
  child.stdout.on("data", (d: Buffer) => (text += d.toString("utf8")));
  child.stderr.on("data", (d: Buffer) => (text += d.toString("utf8")));
  const sim: SimProcess = {
    child,
    port: "",
    output: () => text,
    async stop() {
      running.delete(sim);
      if (child.exitCode !== null || child.signalCode !== null) return child.exitCode;
      const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
      process.kill(child.pid!, "SIGTERM");
      return exited;
    },
  };
  running.add(sim);
  const deadline = Date.now() + 20_000;
  while (!/"port"/.test(text)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error("espnode sim did not start: " + text);
    await new Promise((r) => setTimeout(r, 20));
  }
  sim.port = JSON.parse(text.split("\n").find((l) => l.includes('"port"'))!).port;
  return sim;
}

/** Opens the sim's pty like a terminal program and types lines at the REPL. */
async function openConsole(path: string) {
  const serial = new SerialPort({ path, baudRate: 115200, autoOpen: false });
  await new Promise<void>((r, j) => serial.open((err) => (err ? j(err) : r())));
  const out = new ConsoleRecorder(serial);
  return {
    out,
    /** Prints the expression's JSON between markers and returns the parsed value. */
    async value(expr: string): Promise<unknown> {
      serial.write(`\x10print("<"+"v<"+JSON.stringify(${expr})+">v>")\r`);
      const text = await out.waitFor(/<v<([^]*?)>v>/, 5000);
      const body = /<v<([^]*?)>v>/.exec(text)![1]!;
      return body === "undefined" ? undefined : JSON.parse(body);
    },
    close: () => new Promise<void>((r) => serial.close(() => r())),
  };
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "espnode-sim-restart-"));
  stateDir = join(dir, "state");
  appPath = join(dir, "app.js");
  await writeFile(appPath, APP);
});

afterAll(async () => {
  for (const sim of [...running]) await sim.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("espnode sim restarted with the same --state", () => {
  it("keeps the deployed app and Storage files: the new process boots the app and reads the file back", { timeout: 90_000 }, async () => {
    const first = await startSimProcess();
    const deployed = await runCli(["deploy", appPath, "--port", first.port, "--json"], { timeoutMs: 30_000 });
    expect(deployed.stderr).not.toMatch(/error:/i);
    expect(deployed.code).toBe(0);
    expect(JSON.parse(deployed.stdout)).toMatchObject({ ok: true, skipped: false });

    const before = await openConsole(first.port);
    try {
      // the deploy restarted the app: it ran on this board
      expect(await before.value("typeof bootedApp === 'undefined' ? null : bootedApp")).toBe("restart-v1");
      expect(await before.value(`require("Storage").write(${JSON.stringify(NOTE.name)}, ${JSON.stringify(NOTE.text)})`)).toBe(true);
    } finally {
      await before.close();
    }
    expect(await first.stop()).toBe(0);

    const second = await startSimProcess();
    expect(second.output()).not.toMatch(/error/i);
    const after = await openConsole(second.port);
    try {
      // RAM is new (a fresh process), so bootedApp can only be set if the app ran at this boot from Storage
      expect(await after.value("typeof bootedApp === 'undefined' ? null : bootedApp")).toBe("restart-v1");
      expect(await after.value(`require("Storage").read(${JSON.stringify(NOTE.name)})`)).toBe(NOTE.text);
      expect(await after.value(`require("Storage").list().indexOf(${JSON.stringify(NOTE.name)}) >= 0`)).toBe(true);
    } finally {
      await after.close();
    }
    // espnode deploy finds the very same app (same CRC) in the active slot: nothing to upload
    const again = await runCli(["deploy", appPath, "--port", second.port, "--json"], { timeoutMs: 30_000 });
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, skipped: true });
    expect(await second.stop()).toBe(0);
  });

  it("a new state directory starts empty (the state really lives in --state)", { timeout: 60_000 }, async () => {
    const saved = stateDir;
    stateDir = join(dir, "other-state");
    try {
      const fresh = await startSimProcess();
      const c = await openConsole(fresh.port);
      try {
        expect(await c.value("typeof bootedApp === 'undefined' ? null : bootedApp")).toBeNull();
        expect(await c.value(`require("Storage").read(${JSON.stringify(NOTE.name)})===undefined`)).toBe(true);
      } finally {
        await c.close();
      }
      expect(await fresh.stop()).toBe(0);
    } finally {
      stateDir = saved;
    }
  });
});
