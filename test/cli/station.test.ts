// `espnode station`: four virtual boards, each on its own pseudo-terminal, deployed with the real firmware and
// provisioned in parallel from one CSV, verified online at a real broker (Mosquitto when installed, and aedes so
// the test never skips entirely). One row names an unreachable broker: it fails alone, named in the report, and a
// second run retries only that row.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort, startAedes, startMosquitto, mosquittoPath, type RunningBroker, type MosquittoBroker } from "../helpers/brokers.ts";
import { runCli, startSim, TEST_AP, type SimUnderTest } from "./support/sim.ts";
import { buildFirmware } from "../../firmware/build/build.ts";
import { crc32 } from "../../host-tools/device/espruino/storage.ts";
import { CONFIG_FILE } from "../../firmware/protocol/config.ts";
import { readReport } from "../../host-tools/commands/station-report.ts";
import { watchForOnline } from "../../host-tools/commands/broker-verify.ts";

const BOARDS = 4;
let sims: SimUnderTest[] = [];
let ptys: string[] = [];
let dir: string;
let appPath: string;
let appCrc: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "espnode-station-"));
  appPath = (await buildFirmware({ outDir: join(dir, "fw") })).files.find((f) => f.name === "app.js")!.path;
  appCrc = crc32(await readFile(appPath)).toString(16).padStart(8, "0");
  // Distinct seeds: distinct MAC addresses, as four real boards have.
  sims = await Promise.all(Array.from({ length: BOARDS }, (_, i) => startSim({ seed: 0x10 + i })));
  ptys = await Promise.all(sims.map((s) => s.board.openPty()));
}, 90_000);

afterAll(async () => {
  await Promise.all(sims.map((s) => s.close()));
  await rm(dir, { recursive: true, force: true });
});

const env = { ESPNODE_WIFI_PASSWORD: TEST_AP.password };
const events = (stdout: string) => stdout.trim().split("\n").map((l) => JSON.parse(l));

async function devicesCsv(name: string, brokerUrl: string, badBroker: string, prefix: string): Promise<string> {
  const file = join(dir, name);
  await writeFile(
    file,
    "device-id,ssid,broker,interval,sensors\n" +
      `${prefix}-1,${TEST_AP.ssid},${brokerUrl},2,temp\n` +
      `${prefix}-2,${TEST_AP.ssid},${brokerUrl},2,temp\n` +
      `${prefix}-bad,${TEST_AP.ssid},${badBroker},2,temp\n` +
      `${prefix}-4,${TEST_AP.ssid},${brokerUrl},2,"temp"\n`,
  );
  return file;
}

function station(csv: string, report: string) {
  return runCli(["station", csv, "--ports", ptys.join(","), "--deploy", appPath, "--report", report, "--verify-timeout", "8", "--json"], {
    env,
    timeoutMs: 60_000,
  });
}

const brokers: { name: string; skip: boolean; start: () => Promise<RunningBroker & { cleanup?: () => void }> }[] = [
  { name: "Mosquitto", skip: mosquittoPath === null, start: () => startMosquitto() as Promise<MosquittoBroker> },
  { name: "aedes", skip: false, start: () => startAedes() },
];

describe.each(brokers)("espnode station against $name", ({ name, skip, start }) => {
  it.skipIf(skip)("provisions four boards in parallel; the unreachable broker fails alone; a re-run retries only it", { timeout: 120_000 }, async () => {
    const broker = await start();
    try {
      const url = `mqtt://127.0.0.1:${broker.port}`;
      const closed = `mqtt://127.0.0.1:${await freePort()}`; // nothing listens there
      const prefix = name === "aedes" ? "sa" : "sm";
      const csv = await devicesCsv(`devices-${prefix}.csv`, url, closed, prefix);
      const report = join(dir, `report-${prefix}.csv`);

      const first = await station(csv, report);
      expect(first.stderr).not.toMatch(/error:/);
      expect(first.code).toBe(5); // the only failure is a verification
      const ev = events(first.stdout);
      const summary = ev.at(-1);
      expect(summary).toMatchObject({ event: "summary", devices: 4, done: 3, skipped: 0, failed: 1, exitCode: 5, report });
      // All four boards worked at once: each one was deploying before the first one was done.
      const firstDone = ev.findIndex((e) => e.event === "done");
      expect(new Set(ev.slice(0, firstDone).filter((e) => e.event === "step" && e.step === "deploy").map((e) => e.port))).toEqual(new Set(ptys));
      // Byte progress per board (the config upload; the app upload only where the board did not hold it yet).
      for (const port of ptys) expect(ev.some((e) => e.event === "progress" && e.port === port && e.step === "provision" && e.done === e.total)).toBe(true);

      const records = await readReport(report);
      expect(records.map((r) => [r.id, r.port, r.result, r.step])).toEqual([
        [`${prefix}-1`, ptys[0], "ok", ""],
        [`${prefix}-2`, ptys[1], "ok", ""],
        [`${prefix}-bad`, ptys[2], "failed", "verify"],
        [`${prefix}-4`, ptys[3], "ok", ""],
      ]);
      expect(records.map((r) => r.mac)).toEqual(["24:0a:c4:00:00:10", "24:0a:c4:00:00:11", "24:0a:c4:00:00:12", "24:0a:c4:00:00:13"]);
      expect(records.every((r) => r.appCrc === appCrc)).toBe(true);
      expect(records[2].reason).toMatch(new RegExp(`^The device did not report "online" on espnode/${prefix}-bad/status within 8 s \\(broker: .*ECONNREFUSED`));
      for (const r of records) expect(r.seconds).toBeGreaterThan(0);
      // Each board holds its own row's config.
      for (let i = 0; i < BOARDS; i++) expect(JSON.parse(sims[i].board.storage.read(CONFIG_FILE)!).id).toBe(records[i].id);
      const text = first.stdout + first.stderr + (await readFile(report, "utf8"));
      expect(text).not.toContain(TEST_AP.password);

      const second = await station(csv, report);
      expect(second.code).toBe(5);
      const ev2 = events(second.stdout);
      expect(ev2.filter((e) => e.event === "skip").map((e) => e.id)).toEqual([`${prefix}-1`, `${prefix}-2`, `${prefix}-4`]);
      expect(ev2.filter((e) => e.event === "done").map((e) => [e.id, e.record.port, e.record.result])).toEqual([[`${prefix}-bad`, ptys[2], "failed"]]);
      expect(new Set(ev2.filter((e) => e.event === "step").map((e) => e.id))).toEqual(new Set([`${prefix}-bad`]));
      expect(ev2.at(-1)).toMatchObject({ event: "summary", done: 3, skipped: 3, failed: 1 });
      const again = await readReport(report);
      // The boards done earlier keep their records as they were.
      expect(again.filter((r) => r.result === "ok")).toEqual(records.filter((r) => r.result === "ok"));

      // Fixing the row's broker retries it on the same board, and now everything is done.
      await writeFile(csv, (await readFile(csv, "utf8")).replace(closed, url));
      const third = await station(csv, report);
      expect(third.code).toBe(0);
      expect(events(third.stdout).filter((e) => e.event === "done").map((e) => [e.id, e.record.port, e.record.result])).toEqual([[`${prefix}-bad`, ptys[2], "ok"]]);
      expect((await readReport(report)).map((r) => r.result)).toEqual(["ok", "ok", "ok", "ok"]);
    } finally {
      await broker.stop();
      broker.cleanup?.();
    }
  });
});

describe("espnode station's device list", () => {
  it("checks the whole CSV before touching a board and names every bad row (exit 2)", async () => {
    const csv = join(dir, "bad.csv");
    await writeFile(
      csv,
      "device-id,ssid,broker,interval,serial\n" +
        "ok-1,home,mqtt://127.0.0.1:1883,10,\n" +
        "bad/id,home,mqtt://127.0.0.1:1883,10,\n" +
        "ok-2,home,http://example.com,10,\n" +
        "ok-3,home,mqtt://127.0.0.1:1883,0,\n" +
        "ok-4,,mqtt://127.0.0.1:1883,10,\n" +
        "ok-5,home,mqtt://127.0.0.1:1883,10,A1\n" +
        "ok-6,home,mqtt://127.0.0.1:1883,10,A1\n" +
        "ok-1,home,mqtt://127.0.0.1:1883,10,A2\n",
    );
    const before = sims[0].board.storage.read(CONFIG_FILE);
    const report = join(dir, "bad-report.csv");
    const r = await runCli(["station", csv, "--ports", ptys[0], "--report", report], { env });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain(
      `error: ${csv} has 6 bad rows; no board was touched:\n` +
        "  line 3 (bad/id): --device-id must be one MQTT topic level: no / + # and at most 64 characters\n" +
        "  line 4 (ok-2): --broker must look like mqtt://host:1883 or mqtts://host:8883\n" +
        "  line 5 (ok-3): --interval must be at least 1 second\n" +
        "  line 6 (ok-4): --ssid is required\n" +
        "  line 8 (ok-6): serial A1 is already on line 7\n" +
        "  line 9 (ok-1): device id ok-1 is already on line 2\n",
    );
    expect(sims[0].board.storage.read(CONFIG_FILE)).toBe(before);
    expect(existsSync(report)).toBe(false);
  });

  it("refuses a password column and an unknown column, and a missing Wi-Fi password", async () => {
    const withPassword = join(dir, "pw.csv");
    await writeFile(withPassword, "device-id,ssid,broker,wifi-password\nx,home,mqtt://h:1883,secret123\n");
    const r1 = await runCli(["station", withPassword, "--ports", "/dev/null"], { env });
    expect(r1.code).toBe(2);
    expect(r1.stderr).toMatch(/contains a password \(wifiPassword\)/);
    expect(r1.stderr).not.toContain("secret123");

    const typo = join(dir, "typo.csv");
    await writeFile(typo, "device-id,ssid,broker,intervall\nx,home,mqtt://h:1883,5\n");
    const r2 = await runCli(["station", typo, "--ports", "/dev/null"], { env });
    expect(r2.code).toBe(2);
    expect(r2.stderr).toContain(`error: ${typo} has a column espnode does not know: intervall.`);

    const ok = join(dir, "nopw.csv");
    await writeFile(ok, "device-id,ssid,broker\nx,home,mqtt://h:1883\ny,home,mqtt://h:1883\n");
    const r3 = await runCli(["station", ok, "--ports", "/dev/null"], { env: { ESPNODE_WIFI_PASSWORD: undefined } });
    expect(r3.code).toBe(2);
    expect(r3.stderr).toContain("has 2 bad rows; no board was touched:\n  line 2 (x): No Wi-Fi password given\n  line 3 (y): No Wi-Fi password given\n");
  });
});

describe("espnode station, interrupted and watching", () => {
  it("stops cleanly on Ctrl-C: the board keeps the config it was given, the report says where it stopped (exit 130)", { timeout: 60_000 }, async () => {
    const csv = join(dir, "stop.csv");
    await writeFile(csv, `device-id,ssid,broker\nstop-1,${TEST_AP.ssid},mqtt://127.0.0.1:${await freePort()}\n`);
    const report = join(dir, "stop-report.json");
    let sent = false;
    const r = await runCli(["station", csv, "--ports", ptys[0], "--report", report, "--verify-timeout", "30"], {
      env,
      timeoutMs: 40_000,
      onStderr: (text, child) => {
        if (!sent && text.includes(`stop-1 ${ptys[0]}: verify: waiting up to 30 s for "online" on espnode/stop-1/status`)) {
          sent = true;
          child.kill("SIGINT");
        }
      },
    });
    expect(sent).toBe(true);
    expect(r.code).toBe(130);
    // Plain lines, one per step, when the output is not a terminal.
    expect(r.stderr).toContain(`• stop-1 ${ptys[0]}: connect: connecting to ${ptys[0]}\n• stop-1 ${ptys[0]}: provision: writing the config for stop-1\n`);
    expect(r.stdout).toContain("stop-1: ✖ interrupted at verify: stopped by Ctrl-C while waiting for the broker (the board holds its new config)\n");
    const [rec] = JSON.parse(await readFile(report, "utf8"));
    expect(rec).toMatchObject({ id: "stop-1", port: ptys[0], result: "interrupted", step: "verify", mac: "24:0a:c4:00:00:10" });
    expect(JSON.parse(sims[0].board.storage.read(CONFIG_FILE)!).id).toBe("stop-1");
  });

  it("gives every broker watch its own client id, so watches started together do not take each other's session", async () => {
    const aedes = await startAedes();
    try {
      const seen: string[] = [];
      aedes.broker.on("client", (c) => seen.push(c.id));
      const config = { v: 1, id: "x", ssid: "s", wifiPass: "", broker: `mqtt://127.0.0.1:${aedes.port}`, prefix: "espnode", interval: 10, qos: 1, sensors: ["temp"] } as const;
      const watches = await Promise.all([1, 2, 3, 4].map((i) => watchForOnline({ ...config, id: `w${i}`, sensors: ["temp"] }, { timeoutMs: 5000 })));
      await Promise.all(watches.map((w) => w.subscribed));
      for (const w of watches) w.stop();
      expect(new Set(seen).size).toBe(4);
      expect(seen.length).toBe(4); // nobody was thrown out and came back
    } finally {
      await aedes.stop();
    }
  });
});
