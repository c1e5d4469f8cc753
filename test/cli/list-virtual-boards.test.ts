// `espnode list` shows the pty of a running `espnode sim` as a virtual board, `--port auto` finds it when no real
// adapter is plugged in, several boards without a TTY fail with exit 3, and a stopped (or killed) sim disappears.
// Two real `espnode sim` processes, each with its own state, sharing a temporary registry directory.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isKnownAdapter, listPorts } from "../../host-tools/transport/ports.ts";
import { runCli } from "./support/sim.ts";

const BIN = resolve(import.meta.dirname, "../../host-tools/bin/espnode.js");

interface RunningSim {
  child: ChildProcessWithoutNullStreams;
  port: string;
  tcpPort: number;
}

let dir: string;
let registry: string;
let env: NodeJS.ProcessEnv;
const sims: RunningSim[] = [];

async function startSim(name: string): Promise<RunningSim> {
  const child = spawn(process.execPath, [BIN, "sim", "--state", join(dir, name), "--baud", "0", "--tcp", "0", "--json"], {
    stdio: ["pipe", "pipe", "pipe"],
    env: { ...process.env, ...env },
  });
  let out = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (out += d.toString()));
  const deadline = Date.now() + 20_000;
  while (!/"port"/.test(out)) {
    if (Date.now() > deadline || child.exitCode !== null) throw new Error(`espnode sim did not start: ${out}`);
    await new Promise((r) => setTimeout(r, 20));
  }
  const info = JSON.parse(out.split("\n").find((l) => l.includes('"port"'))!) as { port: string; tcp: { port: number } };
  const sim = { child, port: info.port, tcpPort: info.tcp.port };
  sims.push(sim);
  return sim;
}

async function stop(sim: RunningSim, signal: NodeJS.Signals): Promise<number | null> {
  if (sim.child.exitCode !== null || sim.child.signalCode !== null) return sim.child.exitCode;
  const exited = new Promise<number | null>((r) => sim.child.once("exit", (code) => r(code)));
  process.kill(sim.child.pid!, signal);
  return exited;
}

interface ListedPort {
  path: string;
  label: string | null;
  virtual: boolean;
  esp32: boolean;
  virtualBoard?: { pid: number; stateDir: string; tcp?: { host: string; port: number } };
}

async function listJson(): Promise<ListedPort[]> {
  const r = await runCli(["list", "--json"], { env });
  expect(r.code).toBe(0);
  return (JSON.parse(r.stdout) as { ports: ListedPort[] }).ports;
}

let a: RunningSim;
let b: RunningSim;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "espnode-list-sims-"));
  registry = join(dir, "registry");
  env = { ESPNODE_RUNTIME_DIR: registry };
  [a, b] = await Promise.all([startSim("a"), startSim("b")]);
}, 60_000);

afterAll(async () => {
  for (const sim of sims) await stop(sim, "SIGKILL");
  await rm(dir, { recursive: true, force: true });
});

describe("espnode list with running virtual boards", () => {
  it("shows each sim's pty as a virtual board, in JSON and in the table", async () => {
    const ports = await listJson();
    for (const sim of [a, b]) {
      expect(ports.find((p) => p.path === sim.port)).toMatchObject({
        label: `virtual board (espnode sim, pid ${sim.child.pid})`,
        virtual: true,
        esp32: true,
        virtualBoard: { pid: sim.child.pid, stateDir: join(dir, sim === a ? "a" : "b"), tcp: { host: "127.0.0.1", port: sim.tcpPort } },
      });
    }
    const text = await runCli(["list"], { env });
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/PORT\s+VID:PID\s+ADAPTER\s+MANUFACTURER/);
    for (const sim of [a, b]) {
      const line = text.stdout.split("\n").find((l) => l.includes(sim.port + " "));
      expect(line).toMatch(new RegExp(`virtual board \\(espnode sim, pid ${sim.child.pid}\\)\\s+tcp 127\\.0\\.0\\.1:${sim.tcpPort}$`));
    }
  });

  it("without a TTY, --port auto with several boards fails with exit 3 and names them", async (ctx) => {
    // A USB adapter plugged into this machine would rightly win over the virtual boards.
    if ((await listPorts()).some(isKnownAdapter)) ctx.skip();
    const r = await runCli(["monitor", "--duration", "1", "--json"], { env });
    expect(r.code).toBe(3);
    expect(JSON.parse(r.stdout).error).toMatchObject({ kind: "port", message: expect.stringContaining("Several ESP32 boards") });
    expect(r.stderr).toContain(`${a.port} (virtual board (espnode sim, pid ${a.child.pid}))`);
    expect(r.stderr).toContain(`${b.port} (virtual board (espnode sim, pid ${b.child.pid}))`);
    expect(r.stderr).toMatch(/next: .*--port PATH/);
  });

  it("a sim stopped with SIGTERM takes its entry with it; --port auto then uses the one left", async (ctx) => {
    expect(await stop(b, "SIGTERM")).toBe(0);
    expect(await readdir(registry)).toEqual([`sim-${a.child.pid}.json`]);
    const ports = await listJson();
    expect(ports.some((p) => p.path === b.port && p.virtual)).toBe(false);
    expect(ports.some((p) => p.path === a.port && p.virtual)).toBe(true);

    if ((await listPorts()).some(isKnownAdapter)) ctx.skip();
    const r = await runCli(["monitor", "--duration", "1", "--json"], { env });
    expect(r.stderr).not.toMatch(/error/i);
    expect(r.stderr).toContain(`using ${a.port} (virtual board (espnode sim, pid ${a.child.pid}))`);
    expect(r.stderr).toContain(`monitoring ${a.port}`);
    expect(r.code).toBe(0);
  });

  it("the entry a killed sim leaves behind is ignored and cleaned up", async () => {
    await stop(a, "SIGKILL");
    expect(await readdir(registry)).toEqual([`sim-${a.child.pid}.json`]); // SIGKILL: no chance to remove it
    const ports = await listJson();
    expect(ports.some((p) => p.virtual)).toBe(false);
    expect(await readdir(registry)).toEqual([]);
  });
});
