// The registry through which a running `espnode sim` makes its pty discoverable: atomic entries, removal, and the
// cleanup of entries left behind by sims that died (SIGKILL) or whose pty is gone.
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listPorts } from "../../host-tools/transport/ports.ts";
import {
  listVirtualBoards,
  parseVirtualBoardEntry,
  registerVirtualBoard,
  virtualBoardRegistryDir,
  type VirtualBoardEntry,
} from "../../host-tools/transport/virtual-board-registry.ts";

let root: string;
let dir: string;
let existingPort: string; // stands in for a pty path that exists
let deadPid: number;

const entry = (pid: number, port = existingPort, started = "2025-01-01T00:00:00.000Z"): VirtualBoardEntry => ({
  pid,
  port,
  stateDir: "/tmp/some-state",
  control: "/tmp/some-state/control.sock",
  started,
});

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), "espnode-registry-test-"));
  existingPort = join(root, "pts-stand-in");
  await writeFile(existingPort, "");
  // A pid that certainly belonged to a process which has exited.
  const child = spawn(process.execPath, ["-e", ""], { stdio: "ignore" });
  await new Promise((r) => child.once("exit", r));
  deadPid = child.pid!;
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let n = 0;
beforeEach(async () => {
  dir = join(root, `registry-${n++}`);
});

describe("virtual board registry", () => {
  it("registers an entry atomically and removes it again", async () => {
    const reg = await registerVirtualBoard(entry(process.pid), dir);
    expect(reg.file).toBe(join(dir, `sim-${process.pid}.json`));
    expect(await readdir(dir)).toEqual([`sim-${process.pid}.json`]); // no temp file left behind
    expect(await listVirtualBoards({ dir })).toEqual([entry(process.pid)]);
    reg.remove();
    reg.remove(); // twice is harmless (stop handler and exit handler both call it)
    expect(await listVirtualBoards({ dir })).toEqual([]);
  });

  it("removes entries of dead processes and of ptys that are gone, keeps live ones", async () => {
    await registerVirtualBoard(entry(process.pid), dir);
    await registerVirtualBoard(entry(deadPid), dir);
    await writeFile(join(dir, `sim-${deadPid}.json.tmp`), "{"); // a writer killed mid-write
    await writeFile(join(dir, `sim-${process.ppid}.json`), JSON.stringify(entry(process.ppid, join(root, "no-such-pts"))));
    expect(await listVirtualBoards({ dir })).toEqual([entry(process.pid)]);
    expect((await readdir(dir)).sort()).toEqual([`sim-${process.pid}.json`]);
  });

  it("ignores, but does not delete, entries it cannot trust while their process lives", async () => {
    await mkdir(dir, { recursive: true });
    await writeFile(join(dir, `sim-${process.pid}.json`), "not json");
    await writeFile(join(dir, `sim-${process.ppid}.json`), JSON.stringify(entry(process.pid))); // pid ≠ file name
    await writeFile(join(dir, `sim-${process.pid}.json.tmp`), "{"); // being written right now
    await writeFile(join(dir, "notes.txt"), "not an entry");
    expect(await listVirtualBoards({ dir })).toEqual([]);
    expect((await readdir(dir)).length).toBe(4);
  });

  it("lists several boards oldest first", async () => {
    await registerVirtualBoard(entry(process.pid, existingPort, "2025-01-02T00:00:00.000Z"), dir);
    await registerVirtualBoard(entry(process.ppid, existingPort, "2025-01-01T00:00:00.000Z"), dir);
    expect((await listVirtualBoards({ dir })).map((e) => e.pid)).toEqual([process.ppid, process.pid]);
  });

  it("reads nothing from a missing directory or one reached through a symlink", async () => {
    expect(await listVirtualBoards({ dir: join(root, "never-created") })).toEqual([]);
    await registerVirtualBoard(entry(process.pid), dir);
    const link = join(root, `link-${n}`);
    await symlink(dir, link);
    expect(await listVirtualBoards({ dir: link })).toEqual([]);
  });

  it("checks every field of an entry", () => {
    expect(parseVirtualBoardEntry(JSON.stringify(entry(12)))).toEqual(entry(12));
    expect(parseVirtualBoardEntry(JSON.stringify({ ...entry(12), tcp: { host: "127.0.0.1", port: 5 } }))?.tcp).toEqual({
      host: "127.0.0.1",
      port: 5,
    });
    expect(parseVirtualBoardEntry(JSON.stringify({ ...entry(12), pid: "12" }))).toBeUndefined();
    expect(parseVirtualBoardEntry(JSON.stringify({ ...entry(12), port: "" }))).toBeUndefined();
    expect(parseVirtualBoardEntry(JSON.stringify({ ...entry(12), tcp: { host: "x" } }))).toBeUndefined();
    expect(parseVirtualBoardEntry("null")).toBeUndefined();
  });

  it("lives in ESPNODE_RUNTIME_DIR, else $XDG_RUNTIME_DIR/espnode, else a per-user temp directory", () => {
    expect(virtualBoardRegistryDir({ ESPNODE_RUNTIME_DIR: "/x/reg", XDG_RUNTIME_DIR: "/run/user/1" })).toBe("/x/reg");
    expect(virtualBoardRegistryDir({ XDG_RUNTIME_DIR: "/run/user/1" })).toBe("/run/user/1/espnode");
    expect(virtualBoardRegistryDir({})).toBe(join(tmpdir(), `espnode-${process.getuid!()}`));
  });

  it("listPorts reports a registered board as a virtual board port", async () => {
    await registerVirtualBoard(entry(process.pid), dir);
    const saved = process.env.ESPNODE_RUNTIME_DIR;
    process.env.ESPNODE_RUNTIME_DIR = dir;
    try {
      const ports = await listPorts();
      expect(ports.find((p) => p.path === existingPort)).toEqual({
        path: existingPort,
        virtualBoard: { pid: process.pid, stateDir: "/tmp/some-state", control: "/tmp/some-state/control.sock", started: entry(0).started },
      });
    } finally {
      if (saved === undefined) delete process.env.ESPNODE_RUNTIME_DIR;
      else process.env.ESPNODE_RUNTIME_DIR = saved;
    }
    expect(existsSync(join(dir, `sim-${process.pid}.json`))).toBe(true);
  });
});
