// CLI benchmarks: deploy throughput at 115200 baud on the paced virtual board (packet protocol and the
// Storage.write-lines fallback) against the wire limit and against the EspruinoTools `espruino` CLI uploading
// the same file to the same board; monitor parsing rate and CPU on a paced 921600-baud stream; `--help` start-up.
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { VirtualBoard } from "../../host-tools/sim/board.ts";
import { deploy } from "../../host-tools/commands/deploy.ts";
import { InProcessTransport } from "../../host-tools/transport/in-process-transport.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const BIN = join(ROOT, "host-tools/bin/espnode.js");

/** A 32 KB app that parses and runs (a comment-free body of string assignments). */
function app32k(): Buffer {
  let s = 'print("bench app running");\nvar t = [];\n';
  let i = 0;
  while (s.length < 32 * 1024 - 64) s += `t.push("${(i++).toString(36).padStart(6, "0")}-${"abcdefghij".repeat(5)}");\n`;
  return Buffer.from(s);
}

async function withBoard<T>(baud: number, fn: (board: VirtualBoard) => Promise<T>): Promise<T> {
  const stateDir = await mkdtemp(join(tmpdir(), "espnode-bench-"));
  const board = await VirtualBoard.start({ stateDir, baud });
  try {
    return await fn(board);
  } finally {
    await board.close();
    await rm(stateDir, { recursive: true, force: true });
  }
}

/**
 * The EspruinoTools CLI cannot open a pty by path here (it insists on finding the port in a listing that needs
 * udevadm), so it reaches the same board through a transparent socat TCP bridge to the pty.
 */
async function runEspruinoCli(pty: string, file: string): Promise<{ seconds: number; ok: boolean; note: string }> {
  const { createServer } = await import("node:net");
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const port = (probe.address() as { port: number }).port;
  await new Promise((r) => probe.close(r));
  const bridge = spawn("socat", [`TCP-LISTEN:${port},bind=127.0.0.1,reuseaddr`, `${pty},raw,echo=0`], { stdio: "ignore" });
  await new Promise((r) => setTimeout(r, 300));
  try {
    return await new Promise((done) => {
      const t0 = performance.now();
      const child = spawn(join(ROOT, "node_modules/.bin/espruino"), ["--no-ble", "-p", `tcp://127.0.0.1:${port}`, "--storage", "bench.js:-", file], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      let out = "";
      child.stdout.on("data", (d) => (out += d));
      child.stderr.on("data", (d) => (out += d));
      const timer = setTimeout(() => child.kill("SIGKILL"), 120_000);
      child.on("close", (code) => {
        clearTimeout(timer);
        done({ seconds: (performance.now() - t0) / 1000, ok: code === 0, note: code === 0 ? "" : (out.trim().split("\n").pop() ?? "") });
      });
    });
  } finally {
    if (bridge.pid) process.kill(bridge.pid);
  }
}

export default async function bench(): Promise<{ title: string; rows: Record<string, string | number>[] }> {
  const rows: Record<string, string | number>[] = [];
  const data = app32k();
  const wireLimit = 115200 / 10; // 8N1: 10 bits per byte

  for (const method of ["packet", "lines"] as const) {
    await withBoard(115200, async (board) => {
      const t0 = performance.now();
      const r = await deploy({ transport: new InProcessTransport(board.port), data, method, force: true, noRestart: true });
      const total = (performance.now() - t0) / 1000;
      rows.push({
        case: `espnode deploy 32 KB @115200 (${method})`,
        "upload B/s": r.bytesPerSecond,
        "of wire limit": `${Math.round((r.bytesPerSecond / wireLimit) * 100)}%`,
        "total s": total.toFixed(2),
      });
    });
  }

  // Like for like with the espruino CLI below: the whole `espnode deploy` run (start-up, connect, upload, CRC
  // check) as a user starts it, on the board's pty.
  await withBoard(115200, async (board) => {
    const pty = await board.openPty();
    const dir = await mkdtemp(join(tmpdir(), "espnode-bench-app-"));
    const file = join(dir, "app.js");
    await writeFile(file, data);
    const t0 = performance.now();
    // Not spawnSync: the virtual board runs in this process and must keep answering.
    const child = spawn(process.execPath, [BIN, "deploy", file, "--port", pty, "--force", "--no-restart", "--quiet"], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => (stderr += d));
    const status = await new Promise<number | null>((r) => child.on("close", r));
    const seconds = (performance.now() - t0) / 1000;
    const ok = status === 0;
    rows.push({
      case: "espnode deploy CLI 32 KB @115200 (pty)",
      "upload B/s": ok ? Math.round(data.length / seconds) : "-",
      "of wire limit": ok ? `${Math.round((data.length / seconds / wireLimit) * 100)}%` : "-",
      "total s": seconds.toFixed(2),
      note: ok ? "whole CLI run incl. start-up and connect, CRC-verified" : `failed: ${stderr.trim().split("\n").pop()}`,
    });
    await rm(dir, { recursive: true, force: true });
  });

  await withBoard(115200, async (board) => {
    const pty = await board.openPty();
    const dir = await mkdtemp(join(tmpdir(), "espnode-bench-app-"));
    const file = join(dir, "app.js");
    await writeFile(file, data);
    const r = await runEspruinoCli(pty, file);
    const stored = board.storage.read("bench.js");
    // The CLI may rewrite code on the way (e.g. its pretokeniser); count what it stored.
    const ok = stored !== undefined && stored.length > data.length * 0.9;
    rows.push({
      case: "espruino CLI --storage 32 KB @115200",
      "upload B/s": ok ? Math.round(data.length / r.seconds) : "-",
      "of wire limit": ok ? `${Math.round((data.length / r.seconds / wireLimit) * 100)}%` : "-",
      "total s": r.seconds.toFixed(2),
      note: ok
        ? `whole CLI run incl. connect; stored ${stored!.length} B${Buffer.from(stored!, "latin1").equals(data) ? " (identical)" : " (rewritten by the CLI)"}`
        : `upload failed${r.note ? `: ${r.note}` : ""}`,
    });
    await rm(dir, { recursive: true, force: true });
  });

  // Monitor: the board prints records as fast as a 921600-baud console carries them; `espnode monitor --json` runs
  // as its own process on the pty (records to a file), so its CPU time (bash's `times` for its children) is the
  // monitor's alone, not the virtual board's.
  await withBoard(921600, async (board) => {
    const t = new InProcessTransport(board.port);
    const floodApp =
      'var seq=0;function burst(){for(var i=0;i<20;i++){seq++;print("@tlm "+JSON.stringify({seq:seq,up:1,rssi:-50,mem:1000,temp:21.5}));}}setInterval(burst,2);';
    await deploy({ transport: t, data: Buffer.from(floodApp) });
    await t.close();
    const pty = await board.openPty();
    const dir = await mkdtemp(join(tmpdir(), "espnode-bench-mon-"));
    const records = join(dir, "records.ndjson");
    const seconds = 3;
    const cmd = `"${process.execPath}" "${BIN}" monitor --port ${pty} --baud 921600 --duration ${seconds} --json > "${records}" 2>/dev/null; times`;
    const child = spawn("bash", ["-c", cmd], { stdio: ["ignore", "pipe", "inherit"] });
    let timesOut = "";
    child.stdout.on("data", (d) => (timesOut += d));
    const t0 = performance.now();
    await new Promise((r) => child.on("close", r));
    const wall = (performance.now() - t0) / 1000;
    // `times`: the shell's own user/sys, then its children's: "0m1.234s 0m0.056s"
    const childLine = timesOut.trim().split("\n")[1] ?? "";
    const cpuSeconds = [...childLine.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, m) => sum + Number(m[1]) * 60 + Number(m[2]), 0);
    const lines = (await readFile(records, "utf8")).split("\n").filter(Boolean).map((l) => JSON.parse(l));
    const recs = lines.filter((l) => l.type === "record");
    const summary = lines.find((l) => l.type === "summary") ?? {};
    rows.push({
      case: `espnode monitor CLI @921600 (${seconds} s, pty, --json)`,
      "records/s": Math.round(recs.length / seconds),
      "lines lost": summary.missing ?? "?",
      "CPU % (monitor process)": Math.round((cpuSeconds / wall) * 100),
      note: "CPU includes the CLI's start-up (≈0.5 s of tsx) over the whole run",
    });
    await rm(dir, { recursive: true, force: true });
  });

  const times: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t0 = performance.now();
    spawnSync(process.execPath, [BIN, "--help"], { stdio: "ignore" });
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  rows.push({ case: "espnode --help start-up", "median ms": Math.round(times[2]) });
  return { title: "espnode CLI", rows };
}
