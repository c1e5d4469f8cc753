// mqtts:// to Mosquitto configured the way an Espruino board can talk to it: TLS 1.2 with an RSA key exchange
// (AES128-GCM-SHA256), since the board's mbedTLS offers no ECDHE suites and no TLS 1.3.
import { describe, it, expect, afterAll, beforeAll } from "vitest";
import tls from "node:tls";
import { rmSync } from "node:fs";
import { CoreSession } from "../helpers/core-session.ts";
import { startMosquitto, mosquittoPath, type MosquittoBroker } from "../helpers/brokers.ts";
import { makeTestPki, type TestPki } from "../helpers/certs.ts";
import { CLOSE_LINK_LOST } from "../../firmware/mqtt/constants.ts";

export const BOARD_TLS_CIPHER = "AES128-GCM-SHA256";
/** What an Espruino board's mbedTLS offers: TLS 1.2 only, RSA/DHE-RSA key exchange only. */
const AS_A_BOARD = { maxVersion: "TLSv1.2" as const, ciphers: "AES128-GCM-SHA256:AES256-GCM-SHA384:DHE-RSA-AES128-GCM-SHA256:AES128-SHA256" };

describe.skipIf(!mosquittoPath)("mqtts to Mosquitto with a test CA", () => {
  let pki: TestPki;
  let other: TestPki;
  let broker: MosquittoBroker;

  beforeAll(async () => {
    pki = makeTestPki();
    other = makeTestPki("someone-else");
    broker = await startMosquitto({
      listener: [`cafile ${pki.caFile}`, `certfile ${pki.certFile}`, `keyfile ${pki.keyFile}`, "tls_version tlsv1.2", `ciphers ${BOARD_TLS_CIPHER}`],
    });
  });
  afterAll(async () => {
    await broker?.stop();
    broker?.cleanup();
    for (const p of [pki, other]) if (p) rmSync(p.dir, { recursive: true, force: true });
  });

  it("negotiates with a client that offers only what the board has: TLS 1.2, RSA key exchange", async () => {
    const sock = tls.connect({ host: "127.0.0.1", port: broker.port, ca: pki.caPem, ...AS_A_BOARD });
    await new Promise((r, j) => (sock.once("secureConnect", r), sock.once("error", j)));
    expect(sock.getProtocol()).toBe("TLSv1.2");
    expect(sock.getCipher().standardName).toBe("TLS_RSA_WITH_AES_128_GCM_SHA256");
    sock.destroy();
  });

  it("connects, publishes and receives over TLS with the right CA", async () => {
    const s = new CoreSession({ host: "127.0.0.1", port: broker.port, tls: true, ca: pki.caPem, ...AS_A_BOARD }, { clientId: "tls-ok" }).start();
    try {
      await s.until(() => s.client.connected, "CONNACK over TLS");
      s.client.subscribe("sec/x", 1);
      await s.until(() => s.subacks.length === 1, "SUBACK");
      s.client.publish("sec/x", "secret", 1, false);
      await s.until(() => s.messages.length === 1, "message");
      expect(s.messages[0].payload).toBe("secret");
    } finally {
      s.link.stop();
    }
  });

  it("refuses a broker whose certificate another CA signed", async () => {
    const s = new CoreSession({ host: "127.0.0.1", port: broker.port, tls: true, ca: other.caPem, ...AS_A_BOARD }, { clientId: "tls-bad" }).start();
    try {
      await s.until(() => s.closes.length > 0, "refusal");
      expect(s.closes[0].reason).toBe(CLOSE_LINK_LOST);
      expect(s.connects).toBe(0);
      expect(String(s.link.lastError)).toMatch(/certificate|self.signed|verify/i);
    } finally {
      s.link.stop();
    }
  });
});
