// `espnode monitor` end to end over a pty: NDJSON records, gaps counted, garbage survived, and a link that is
// unplugged and plugged back (a socat bridge at a fixed path, killed and restarted) picked up again.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli, sleep, startSim, type SimUnderTest } from "./support/sim.ts";

let sim: SimUnderTest;
let pty: string;
let dir: string;

// Prints a record every 100 ms; skips seq 4 and 5 (a gap of 2) and emits garbage bytes and a half line.
const TELEMETRY_APP = `
var seq = 0;
setInterval(function () {
  seq++;
  if (seq === 4) seq = 6;
  print("@tlm " + JSON.stringify({ seq: seq, up: seq, rssi: -50, mem: 1000, temp: 20 + seq % 7 }));
  if (seq === 2) print(String.fromCharCode(0, 255, 254, 7) + "garbage");
  if (seq === 3) print("log: sensor read");
}, 100);
`;

beforeAll(async () => {
  sim = await startSim({ app: TELEMETRY_APP });
  dir = await mkdtemp(join(tmpdir(), "espnode-mon-"));
  pty = await sim.board.openPty();
});
afterAll(async () => {
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

describe("espnode monitor", () => {
  it("prints NDJSON records with host timestamps, counts the gap, keeps log lines, and summarises", async () => {
    const csv = join(dir, "t.csv");
    let reset = false;
    const r = await runCli(["monitor", "--port", pty, "--json", "--duration", "4", "--csv", csv], {
      // Restart the app once we are watching, so the sequence starts at 1 in front of us.
      onStderr: (text) => {
        if (!reset && text.includes("monitoring")) {
          reset = true;
          sim.board.reset();
        }
      },
    });
    expect(r.code).toBe(0);
    const rows = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    const records = rows.filter((x) => x.type === "record");
    const summary = rows[rows.length - 1];
    expect(summary.type).toBe("summary");
    expect(records.length).toBeGreaterThanOrEqual(5);
    for (const rec of records) {
      expect(Date.parse(rec.t)).toBeGreaterThan(Date.now() - 60_000);
      expect(rec.record).toMatchObject({ rssi: -50, mem: 1000 });
    }
    const seqs = records.map((x) => x.record.seq);
    expect(seqs.slice(0, 4)).toEqual([1, 2, 3, 6]);
    expect(records.find((x) => x.record.seq === 6).gap).toEqual({ expected: 4, got: 6, missing: 2 });
    expect(summary).toMatchObject({ records: records.length, gaps: 1, missing: 2 });
    expect(rows.some((x) => x.type === "log" && x.line === "log: sensor read")).toBe(true);
    expect(rows.some((x) => x.type === "log" && /garbage$/.test(x.line))).toBe(true);
    const csvText = await readFile(csv, "utf8");
    expect(csvText.split("\n")[0]).toBe("time,seq,up,rssi,mem,temp");
    expect(csvText.trim().split("\n")).toHaveLength(records.length + 1);
  });

  it("appends every line, timestamped, to --log and draws a sparkline per numeric field with --plot", async () => {
    const log = join(dir, "monitor.log");
    const r = await runCli(["monitor", "--port", pty, "--duration", "2", "--log", log, "--plot"]);
    expect(r.code).toBe(0);
    const lines = (await readFile(log, "utf8")).trim().split("\n");
    expect(lines.length).toBeGreaterThanOrEqual(5);
    for (const l of lines) expect(l).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z /);
    expect(lines.some((l) => / @tlm \{"seq":\d+/.test(l))).toBe(true);
    // Not a TTY: each record prints the panel as plain rows, one per numeric field but seq.
    expect(r.stdout).toMatch(/^temp +[▁▂▃▄▅▆▇█]+ +\d+$/m);
    expect(r.stdout).toMatch(/^rssi +[▁▂▃▄▅▆▇█]+ +-50$/m);
    expect(r.stdout).not.toMatch(/^seq /m);
  });

  it("filters and shows a human live view with a summary", async () => {
    const r = await runCli(["monitor", "--port", pty, "--duration", "1", "--filter", "seq\":(1[0-9]|[2-9][0-9])"]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/\d\d:\d\d:\d\d\.\d{3} ▸ seq \d\d/);
    expect(r.stdout).not.toMatch(/▸ seq [1-9] /);
    expect(r.stderr).toMatch(/\d+ records \(.*\), \d+ log lines, \d+ bytes in/);
  });

  it("survives the port going away and coming back at the same path, and ends cleanly on Ctrl-C", async () => {
    const link = join(dir, "ttyESP");
    const bridge = (): ChildProcess => spawn("socat", [`pty,raw,echo=0,link=${link}`, `${pty},raw,echo=0`], { stdio: "ignore" });
    let socat = bridge();
    let phase = "start";
    let recordsAfterReplug = 0;
    try {
      while (!existsSync(link)) await sleep(20);
      const r = await runCli(["monitor", "--port", link, "--json"], {
        onStderr: (text) => {
          if (phase === "start" && text.includes("monitoring")) {
            phase = "unplugging";
            setTimeout(() => socat.kill(), 500);
          } else if (phase === "unplugging" && text.includes("disconnected")) {
            phase = "replugging";
            setTimeout(() => (socat = bridge()), 500);
          } else if (phase === "replugging" && text.includes("reconnected")) phase = "replugged";
        },
        onStdout: (text, child) => {
          if (phase !== "replugged") return;
          recordsAfterReplug = text.split("\n").filter((l) => l.includes('"type":"record"')).length;
          if (recordsAfterReplug >= 3) {
            phase = "done";
            child.kill("SIGINT");
          }
        },
      });
      expect(phase).toBe("done");
      expect(r.code).toBe(0);
      const rows = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
      const summary = rows[rows.length - 1];
      expect(summary).toMatchObject({ type: "summary", reconnects: 1 });
      expect(summary.records).toBeGreaterThanOrEqual(3);
    } finally {
      socat.kill();
    }
  });
});
