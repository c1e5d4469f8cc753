// A throw-away CA and server certificate made with the openssl command line, for TLS tests.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export interface TestPki {
  dir: string;
  caFile: string;
  certFile: string;
  keyFile: string;
  caPem: string;
}

function openssl(args: string[], cwd: string) {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

/** A CA and a server certificate for 127.0.0.1/localhost signed by it (RSA 2048, the board's TLS needs RSA). */
export function makeTestPki(name = "espnode-test"): TestPki {
  const dir = mkdtempSync(path.join(tmpdir(), "espnode-pki-"));
  openssl(["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", `/CN=${name} CA`, "-keyout", "ca.key", "-out", "ca.crt"], dir);
  openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=127.0.0.1", "-keyout", "server.key", "-out", "server.csr"], dir);
  writeFileSync(path.join(dir, "ext.cnf"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
  openssl(["x509", "-req", "-in", "server.csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-extfile", "ext.cnf", "-out", "server.crt"], dir);
  return {
    dir,
    caFile: path.join(dir, "ca.crt"),
    certFile: path.join(dir, "server.crt"),
    keyFile: path.join(dir, "server.key"),
    caPem: readFileSync(path.join(dir, "ca.crt"), "utf8"),
  };
}

/** A client certificate (RSA 2048) signed by the test CA, for mutual TLS; PEM files in the PKI's directory. */
export function makeClientCert(pki: TestPki, name: string): { certFile: string; keyFile: string } {
  const key = `${name}.key`;
  const cert = `${name}.crt`;
  openssl(["req", "-newkey", "rsa:2048", "-nodes", "-subj", `/CN=${name}`, "-keyout", key, "-out", `${name}.csr`], pki.dir);
  openssl(["x509", "-req", "-in", `${name}.csr`, "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial", "-days", "2", "-out", cert], pki.dir);
  return { certFile: path.join(pki.dir, cert), keyFile: path.join(pki.dir, key) };
}
