// `espnode provision --verify` with the real firmware on the virtual board, against aedes (in-process) and
// Mosquitto (a child process on a free port): the CLI waits until the device's live "online" arrives.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startAedes, startMosquitto, mosquittoPath, type AedesBroker, type MosquittoBroker } from "../helpers/brokers.ts";
import { runCli, startSim, TEST_AP, type SimUnderTest } from "./support/sim.ts";
import { buildFirmware } from "../../firmware/build/build.ts";
import { deploy } from "../../host-tools/commands/deploy.ts";
import { InProcessTransport } from "../../host-tools/transport/in-process-transport.ts";

let sim: SimUnderTest;
let pty: string;
let dir: string;
let aedes: AedesBroker | undefined;
let mosquitto: MosquittoBroker | undefined;
const hasMosquitto = mosquittoPath !== null;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "espnode-verify-"));
  const built = await buildFirmware({ outDir: join(dir, "fw") });
  const app = built.files.find((f) => f.name === "app.js")!;
  sim = await startSim();
  const t = new InProcessTransport(sim.board.port);
  await deploy({ transport: t, file: app.path });
  await t.close();
  pty = await sim.board.openPty();

  aedes = await startAedes();
  if (hasMosquitto) mosquitto = await startMosquitto();
}, 60_000);

afterAll(async () => {
  await mosquitto?.stop();
  mosquitto?.cleanup();
  await aedes?.stop();
  await sim?.close();
  await rm(dir, { recursive: true, force: true });
});

function provisionVerify(broker: string, id: string) {
  return runCli(
    ["provision", "--device-id", id, "--ssid", TEST_AP.ssid, "--broker", broker, "--interval", "2", "--port", pty, "--verify", "--verify-timeout", "20", "--json"],
    { env: { ESPNODE_WIFI_PASSWORD: TEST_AP.password }, timeoutMs: 40_000 },
  );
}

describe("espnode provision --verify", () => {
  it("waits for the device's online status on aedes", { timeout: 45_000 }, async () => {
    const r = await provisionVerify(`mqtt://127.0.0.1:${aedes!.port}`, "verify-a");
    expect(r.stderr).not.toMatch(/error:/);
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout);
    expect(out.verify).toMatchObject({ topic: "espnode/verify-a/status", payload: "online" });
    expect(out.verify.seconds).toBeGreaterThan(0);
    expect(r.stdout + r.stderr).not.toContain(TEST_AP.password);
    // The wait says what it is waiting for.
    expect(r.stderr).toMatch(/waiting up to 20 s for verify-a to report "online" on espnode\/verify-a\/status/);
  });

  it.skipIf(!hasMosquitto)("waits for the device's online status on Mosquitto", { timeout: 45_000 }, async () => {
    const r = await provisionVerify(`mqtt://127.0.0.1:${mosquitto!.port}`, "verify-m");
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).verify).toMatchObject({ topic: "espnode/verify-m/status", payload: "online" });
  });

  it("reports why when the device never comes online (wrong Wi-Fi password), exit code 5", { timeout: 45_000 }, async () => {
    const r = await runCli(
      ["provision", "--device-id", "verify-x", "--ssid", TEST_AP.ssid, "--broker", `mqtt://127.0.0.1:${aedes!.port}`, "--port", pty, "--verify", "--verify-timeout", "4"],
      { env: { ESPNODE_WIFI_PASSWORD: "wrong-password-1" }, timeoutMs: 40_000 },
    );
    expect(r.code).toBe(5);
    expect(r.stderr).toMatch(/did not report "online" on espnode\/verify-x\/status within 4 s[\s\S]*next: Check the Wi-Fi/);
  });
});
