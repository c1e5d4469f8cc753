// mqtts:// end to end on the virtual board: `espnode provision --ca` (buildProvisionInput + provision) writes the CA
// as DER into Storage, the app hands it to tls.connect, and telemetry reaches Mosquitto's TLS listener configured as
// the README says. Also what the board's tls.connect does with PEM (libs/network/network.c), and mutual TLS.
import { describe, expect, it, beforeAll, afterAll } from "vitest";
import { rmSync } from "node:fs";
import mqtt from "mqtt";
import { startMosquitto, mosquittoPath, type MosquittoBroker } from "../helpers/brokers.ts";
import { makeTestPki, makeClientCert, type TestPki } from "../helpers/certs.ts";
import { simSuite, until, AP } from "./sim-harness.ts";
import { openBoard } from "../../host-tools/commands/connect.ts";
import { InProcessTransport } from "../../host-tools/transport/in-process-transport.ts";
import { buildProvisionInput, type ProvisionFlags } from "../../host-tools/commands/provision-input.ts";
import { provision } from "../../host-tools/commands/provision.ts";

const { cleanups, bootBoard } = simSuite();
const BOARD_TLS = { ciphers: "AES128-GCM-SHA256", maxVersion: "TLSv1.2" as const };
const TELEMETRY = "espnode/tls1/telemetry";

describe.skipIf(!mosquittoPath)("mqtts:// on the virtual board", () => {
  let pki: TestPki;
  let other: TestPki;
  let tlsBroker: MosquittoBroker;
  let mtlsBroker: MosquittoBroker;
  let watcherCert: { certFile: string; keyFile: string };

  beforeAll(async () => {
    pki = makeTestPki("espnode-tls");
    other = makeTestPki("someone-else");
    watcherCert = makeClientCert(pki, "watcher");
    const listener = [`cafile ${pki.caFile}`, `certfile ${pki.certFile}`, `keyfile ${pki.keyFile}`, "tls_version tlsv1.2", "ciphers AES128-GCM-SHA256"];
    tlsBroker = await startMosquitto({ listener });
    mtlsBroker = await startMosquitto({ listener: [...listener, "require_certificate true"] });
  });
  afterAll(async () => {
    for (const b of [tlsBroker, mtlsBroker]) {
      await b?.stop();
      b?.cleanup();
    }
    for (const p of [pki, other]) if (p) rmSync(p.dir, { recursive: true, force: true });
  });

  /** A subscriber on the broker (over TLS, with a client certificate, which the mTLS broker requires). */
  async function watch(port: number) {
    const seen: string[] = [];
    const { readFileSync } = await import("node:fs");
    const c = await mqtt.connectAsync(`mqtts://127.0.0.1:${port}`, {
      clientId: "tls-watch-" + port, ca: pki.caPem, cert: readFileSync(watcherCert.certFile), key: readFileSync(watcherCert.keyFile),
      reconnectPeriod: 50, ...BOARD_TLS,
    });
    cleanups.push(() => c.endAsync(true));
    c.on("message", (topic, p) => topic === TELEMETRY && seen.push(p.toString()));
    await c.subscribeAsync(TELEMETRY, { qos: 1 });
    return seen;
  }

  /** A board with the app waiting for its config, then provisioned the way `espnode provision` does it. */
  async function provisioned(port: number, flags: ProvisionFlags) {
    const b = await bootBoard(null);
    await until(() => b.console().includes("not provisioned"), 5000, "the app waiting", b.console);
    const { config, files } = await buildProvisionInput(
      { deviceId: "tls1", ssid: AP.ssid, broker: `mqtts://127.0.0.1:${port}`, sensors: "temp", interval: 1, qos: 1, ...flags },
      { env: { ESPNODE_WIFI_PASSWORD: AP.password } },
    );
    const dev = await openBoard({ transport: new InProcessTransport(b.board.port) });
    try {
      await provision({ board: dev, config, files });
    } finally {
      await dev.close();
    }
    return { ...b, config };
  }

  it("delivers telemetry through Mosquitto's TLS listener with --ca: the CA reaches tls.connect as DER from Storage", async () => {
    const seen = await watch(tlsBroker.port);
    const b = await provisioned(tlsBroker.port, { ca: pki.caFile });
    expect(b.config.ca).toBe("espnode.ca");
    // the DER of the CA, not its PEM, is what the board holds
    const { X509Certificate } = await import("node:crypto");
    expect(b.board.storage.read("espnode.ca")).toBe(new X509Certificate(pki.caPem).raw.toString("latin1"));
    await until(() => seen.length >= 2, 20000, "telemetry over TLS", b.console);
    expect(b.console()).toContain(`mqtt: connected to mqtts://127.0.0.1:${tlsBroker.port}`);
    expect(b.console()).not.toMatch(/Uncaught|HTTPS init failed|cannot open/);
    // What the running app leaves free while connected over TLS (the virtual board's estimate, for the README).
    const dev = await openBoard({ transport: new InProcessTransport(b.board.port) });
    try {
      const mem = await dev.repl.eval<{ free: number; total: number; cfg: number }>(
        `(function(m){return {free:m.free,total:m.total,cfg:E.getSizeOf(espnode.cfg)}})(process.memory())`,
      );
      console.log(`[tls memory] free ${mem.free} of ${mem.total} JsVars while connected over TLS; config object ${mem.cfg} JsVars`);
      expect(mem.free).toBeGreaterThan(mem.total / 2);
    } finally {
      await dev.close();
    }
  });

  it("connects with another CA too: a board does not verify the broker (network.c: MBEDTLS_SSL_VERIFY_NONE)", async () => {
    // Checked on the reference interpreter: a DER CA that did not sign the broker's certificate still connects.
    const seen = await watch(tlsBroker.port);
    const b = await provisioned(tlsBroker.port, { ca: other.caFile });
    await until(() => seen.length >= 1, 20000, "telemetry despite the other CA", b.console);
    expect(b.console()).toContain(`mqtt: connected to mqtts://127.0.0.1:${tlsBroker.port}`);
  });

  it("with mutual TLS (--cert/--key as DER) a broker that requires a client certificate takes the board", async () => {
    const seen = await watch(mtlsBroker.port);
    const device = makeClientCert(pki, "tls1");
    const b = await provisioned(mtlsBroker.port, { ca: pki.caFile, cert: device.certFile, key: device.keyFile });
    expect(b.config).toMatchObject({ ca: "espnode.ca", cert: "espnode.crt", key: "espnode.key" });
    await until(() => seen.length >= 1, 20000, "telemetry over mutual TLS", b.console);
  });

  it("without a client certificate the same broker never takes it, and the console says why once", async () => {
    const seen = await watch(mtlsBroker.port);
    const b = await provisioned(mtlsBroker.port, { ca: pki.caFile });
    await until(() => b.console().includes("mqtt: disconnected (link lost)"), 20000, "the refusal", b.console);
    await new Promise((r) => setTimeout(r, 2500));
    expect(seen).toEqual([]);
    expect(b.console()).not.toContain("mqtt: connected");
    expect(b.console().match(/mqtt: disconnected \(link lost\)/g)!.length).toBe(1);
  });

  it("an old config holding a PEM ca is refused with the reason, and the app does not start", async () => {
    const b = await bootBoard({
      v: 1, id: "tls1", ssid: AP.ssid, wifiPass: AP.password, broker: `mqtts://127.0.0.1:${tlsBroker.port}`, ca: pki.caPem,
      prefix: "espnode", interval: 1, qos: 1, sensors: ["temp"],
    });
    await until(() => b.console().includes("espnode: espnode.cfg is invalid"), 5000, "the refusal", b.console);
    expect(b.console()).toContain(
      "espnode: espnode.cfg is invalid (ca must name a Storage file holding DER, not hold a PEM (the board's TLS parses DER only)): run espnode provision again",
    );
  });
});
