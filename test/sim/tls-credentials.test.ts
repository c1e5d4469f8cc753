// tls.connect's ca/cert/key on the virtual board as on a board (libs/network/network.c, ssl_load_*): the bytes go
// to mbedTLS as they are, which parses DER only. Expected texts are what the reference interpreter printed.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { rmSync } from "node:fs";
import { makeTestPki, makeClientCert, type TestPki } from "../helpers/certs.ts";
import { readFileSync } from "node:fs";
import { startBoard, sleep, TEST_AP, type TestBoard } from "./support/sim-console.ts";

let t: TestBoard;
let pki: TestPki;
const der = (pem: string) => pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");

beforeAll(async () => {
  t = await startBoard();
  pki = makeTestPki("sim-tls-credentials");
  // ssl_newSocketData runs only once the socket exists, which needs the station up
  await t.type(`var up = false; require("Wifi").connect(${JSON.stringify(TEST_AP.ssid)}, {password: ${JSON.stringify(TEST_AP.password)}}, function(err){ up = !err })`);
  for (let i = 0; i < 100 && !(await t.type("up")).includes("=true"); i++) await sleep(50);
});
afterAll(async () => {
  await t?.close();
  if (pki) rmSync(pki.dir, { recursive: true, force: true });
});

/** connect() inside try/catch, the exception's message printed whole (a long REPL result would be shortened). */
const attempt = (opts: string) =>
  t.type(`(function(){try{require("tls").connect({host:"127.0.0.1",port:1,${opts}});print("none")}catch(e){print(e.message)}})()`);

describe("tls.connect credentials", () => {
  it("refuses a PEM ca with the board's exact error, uncaught too", async () => {
    const out = await t.type(`require("tls").connect({host: "127.0.0.1", port: 1, ca: ${JSON.stringify(pki.caPem)}})`);
    expect(out).toContain("Uncaught InternalError: HTTPS init failed! mbedtls_x509_crt_parse of 'ca': Invalid format");
    // a trailing NUL does not help: this mbedTLS build has no PEM parser at all
    expect(await attempt(`ca: ${JSON.stringify(pki.caPem)} + "\\0"`)).toContain("\nHTTPS init failed! mbedtls_x509_crt_parse of 'ca': Invalid format\r\n");
  });

  it("refuses a PEM cert and a PEM key, each with its own message, after a DER ca parsed", async () => {
    const client = makeClientCert(pki, "sim-client");
    const certPem = readFileSync(client.certFile, "utf8");
    const keyPem = readFileSync(client.keyFile, "utf8");
    await t.type(`var CA = atob(${JSON.stringify(der(pki.caPem))}), CERT = atob(${JSON.stringify(der(certPem))})`);
    expect(await attempt(`ca: CA, cert: ${JSON.stringify(certPem)}`)).toContain("\nHTTPS init failed! mbedtls_x509_crt_parse of 'cert': Invalid format\r\n");
    expect(await attempt(`ca: CA, cert: CERT, key: ${JSON.stringify(keyPem)}`)).toContain("\nHTTPS init failed! mbedtls_pk_parse_key: Invalid format\r\n");
  });

  it("accepts DER, and ignores what follows the first certificate", async () => {
    expect(await attempt(`ca: CA`)).toContain("\nnone\r\n");
    expect(await attempt(`ca: CA + CA`)).toContain("\nnone\r\n");
  });

  it("takes a string of at most 100 characters as a file path, which an ESP32 without an SD card cannot open", async () => {
    const out = await t.type(`require("tls").connect({host: "127.0.0.1", port: 1, ca: "espnode.ca"})`);
    expect(out).toContain('WARNING: File "espnode.ca" not found\r\n');
    expect(out).toContain("Uncaught Error: SD card must be setup with E.connectSDCard first");
  });
});
