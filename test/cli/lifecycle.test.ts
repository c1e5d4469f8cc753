// The whole life-cycle the way a user runs it, each step a separate `espnode` process against a separate
// `espnode sim` process over its pseudo-terminal: flash Espruino (download mode through the sim's control
// socket), deploy the built app, provision it against a real broker, then monitor telemetry as NDJSON.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import mqtt from "mqtt";
import { runCli } from "./support/sim.ts";
import { fakeEspruinoRelease } from "../rom/support/fake-firmware.ts";
import { startAedes, type AedesBroker } from "../helpers/brokers.ts";
import { buildFirmware } from "../../firmware/build/build.ts";

const BIN = resolve(import.meta.dirname, "../../host-tools/bin/espnode.js");
const AP = { ssid: "lifecycle-ap", password: "lifecycle-pass" };

let dir: string;
let sim: ChildProcessWithoutNullStreams;
let simOut = "";
let port: string;
let broker: AedesBroker;
let appPath: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "espnode-lifecycle-"));
  const built = await buildFirmware({ outDir: join(dir, "dist") });
  appPath = built.files.find((f) => f.name === "app.js")!.path;
  broker = await startAedes();
  const apFile = join(dir, "ap-password");
  await writeFile(apFile, AP.password);
  sim = spawn(process.execPath, [BIN, "sim", "--state", join(dir, "state"), "--baud", "0", "--ssid", AP.ssid, "--wifi-password-file", apFile, "--json"], {
    stdio: ["pipe", "pipe", "pipe"],
    // keep this sim out of the user's registry of running virtual boards (and out of other tests' `--port auto`)
    env: { ...process.env, ESPNODE_RUNTIME_DIR: join(dir, "registry") },
  });
  sim.stdout.on("data", (d: Buffer) => (simOut += d.toString()));
  sim.stderr.on("data", (d: Buffer) => (simOut += d.toString()));
  const deadline = Date.now() + 20_000;
  while (!/"port"/.test(simOut)) {
    if (Date.now() > deadline || sim.exitCode !== null) throw new Error("espnode sim did not start: " + simOut);
    await new Promise((r) => setTimeout(r, 20));
  }
  port = JSON.parse(simOut.split("\n").find((l) => l.includes('"port"'))!).port;
}, 60_000);

afterAll(async () => {
  if (sim && sim.exitCode === null) {
    const exited = new Promise((r) => sim.once("exit", r));
    process.kill(sim.pid!, "SIGTERM");
    await exited;
  }
  await broker?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe("espnode life-cycle against a running espnode sim", () => {
  it("flashes, deploys, provisions and monitors, each as its own command", { timeout: 120_000 }, async () => {
    const fw = fakeEspruinoRelease(60_000);
    // No --sim-state: the sim registered its pty and control socket, so flash finds how to reset it by itself.
    const flash = await runCli(["flash", "--firmware", fw.dir, "--port", port, "--json"], { timeoutMs: 60_000, env: { ESPNODE_RUNTIME_DIR: join(dir, "registry") } });
    expect(flash.stderr).not.toMatch(/error:/i);
    expect(flash.code).toBe(0);
    expect(JSON.parse(flash.stdout)).toMatchObject({ ok: true, loader: "stub" });

    const deploy = await runCli(["deploy", appPath, "--port", port, "--json"], { timeoutMs: 60_000 });
    expect(deploy.code).toBe(0);
    expect(JSON.parse(deploy.stdout)).toMatchObject({ ok: true, skipped: false });

    const online = mqtt.connect(`mqtt://127.0.0.1:${broker.port}`);
    const telemetry: string[] = [];
    online.on("message", (topic, payload) => topic.endsWith("/telemetry") && telemetry.push(payload.toString()));
    await online.subscribeAsync("espnode/life-1/#");
    try {
      const provision = await runCli(
        ["provision", "--device-id", "life-1", "--ssid", AP.ssid, "--broker", `mqtt://127.0.0.1:${broker.port}`, "--interval", "1",
          "--sensors", "temp,bme280", "--port", port, "--verify", "--verify-timeout", "30", "--json"],
        { env: { ESPNODE_WIFI_PASSWORD: AP.password }, timeoutMs: 60_000 },
      );
      expect(provision.stderr).not.toContain(AP.password);
      expect(provision.code).toBe(0);
      expect(JSON.parse(provision.stdout).verify).toMatchObject({ payload: "online" });

      const monitor = await runCli(["monitor", "--port", port, "--json", "--duration", "4"], { timeoutMs: 30_000 });
      expect(monitor.code).toBe(0);
      const records = monitor.stdout.trim().split("\n").map((l) => JSON.parse(l)).filter((e) => e.type === "record");
      expect(records.length).toBeGreaterThanOrEqual(2);
      const seqs = records.map((r) => r.record.seq);
      expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
      expect(records[0].record).toHaveProperty("t");
      expect(telemetry.length).toBeGreaterThan(0);
    } finally {
      await online.endAsync(true);
    }
  });
});
