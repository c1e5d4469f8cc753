// `espnode ota` as a user runs it: the key from $ESPNODE_OTA_KEY or --ota-key-file (never argv), progress per
// device on stderr, --json per device on stdout, exit 0 only when every target confirmed, 5 otherwise.
import { describe, expect, it, afterEach } from "vitest";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compileDeviceEntry } from "../../firmware/build/build.ts";
import { crc32 } from "../../host-tools/device/espruino/storage.ts";
import { crcHex } from "../../firmware/protocol/ota.ts";
import { startAedes, type AedesBroker } from "../helpers/brokers.ts";
import { simSuite, config, until } from "./sim-harness.ts";
import { runCli } from "../cli/support/sim.ts";

const KEY = "cli-owner-key-0123456789abcdef";

describe("espnode ota (CLI)", () => {
  const { bootBoard, cleanups } = simSuite();
  let broker: AedesBroker | undefined;
  afterEach(async () => {
    await broker?.stop();
    broker = undefined;
  });

  it("updates a board, exits 0 with one JSON result per device; a wrong key exits 5; no key is a usage error", async () => {
    broker = await startAedes();
    const url = `mqtt://127.0.0.1:${broker.port}`;
    const dir = mkdtempSync(join(tmpdir(), "espnode-ota-cli-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const app = Buffer.concat([Buffer.from(await compileDeviceEntry("firmware/app/main.ts")), Buffer.from("\n// cli v2\n")]);
    const appFile = join(dir, "app.js");
    writeFileSync(appFile, app);
    const board = await bootBoard(config(broker.port, { id: "k1", otaKey: KEY }));
    await until(() => board.console().includes("mqtt: connected"), 20_000, "connected", board.console);

    const noKey = await runCli(["ota", appFile, "--broker", url, "--device", "k1"], { env: { ESPNODE_OTA_KEY: "" } });
    expect(noKey.code).toBe(2);
    expect(noKey.stderr).toContain("No OTA key given.");
    // --device is variadic: an app path after the ids is caught, not taken for a device.
    const stray = await runCli(["ota", "--broker", url, "--device", "k1", appFile], { env: { ESPNODE_OTA_KEY: KEY } });
    expect(stray.code).toBe(2);
    expect(stray.stderr).toContain(`--device ${appFile} is not a device id (one topic level).`);

    const wrongKeyFile = join(dir, "wrong.key");
    writeFileSync(wrongKeyFile, "someone-elses-key-0000\n");
    const wrong = await runCli(["ota", "--broker", url, "--device", "k1", "--ota-key-file", wrongKeyFile, "--json", appFile], { env: { ESPNODE_OTA_KEY: "" } });
    expect(wrong.code, wrong.stderr).toBe(5);
    expect(JSON.parse(wrong.stdout)).toMatchObject([{ id: "k1", ok: false, state: "refused", reason: "bad MAC: not signed with this device's OTA key" }]);
    expect(wrong.stderr).not.toContain("someone-elses-key");

    const run = await runCli(["ota", "--broker", url, "--device", "k1", "--label", "2.0.0", "--json", appFile], { env: { ESPNODE_OTA_KEY: KEY }, timeoutMs: 60_000 });
    expect(run.code, run.stderr).toBe(0);
    const [r] = JSON.parse(run.stdout);
    expect(r).toMatchObject({ id: "k1", ok: true, state: "running", app: "2.0.0", crc: crcHex(crc32(app)), bytes: app.length });
    expect(run.stderr).toContain("• k1: sending 0% (0/");
    expect(run.stderr).toContain("• k1: rebooting");
    expect(run.stderr).toContain("• k1: running");
    expect(run.stderr + run.stdout).not.toContain(KEY);

    // The same app again: nothing to send.
    const again = await runCli(["ota", "--broker", url, "--all", appFile], { env: { ESPNODE_OTA_KEY: KEY } });
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(`✔ k1: already running this app (CRC ${crcHex(crc32(app))})`);
  }, 150_000);
});
