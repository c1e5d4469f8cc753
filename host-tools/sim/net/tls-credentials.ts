// What the board does with tls.connect's `ca`, `cert` and `key` before it opens anything (libs/network/network.c:
// decode_certificate_var, ssl_load_cacert, ssl_load_owncert, ssl_load_key, in that order). The bytes go to mbedTLS
// as they are: mbedtls_x509_crt_parse takes DER (this build has no MBEDTLS_PEM_PARSE_C, so a PEM text, with or
// without a trailing NUL, is "Invalid format"), reads only the first certificate and ignores bytes after it;
// mbedtls_pk_parse_key takes PKCS#8 (unencrypted), PKCS#1 RSA or SEC1 EC DER. The ESP32 build has the FILESYSTEM
// library (boards/ESP32.py), so a string of at most 100 characters is a file path on an SD card; with none set up
// (E.connectSDCard) jsfsInit fails, load_cert_file warns and the first exception, the SD card's, is what throws.
// Verified against the reference interpreter: PEM ca/cert/key refused with these messages, DER accepted, a second
// DER certificate after the first ignored.
import { X509Certificate, createPrivateKey, type KeyObject } from "node:crypto";

/** Longest string decode_certificate_var takes as a file path instead of data (USE_FILESYSTEM). */
const PATH_MAX_LENGTH = 100;

export interface TlsCredentials {
  /** The client certificate and key (mutual TLS), PEM for Node; set only when both parsed, as mbedTLS sends an
   *  own certificate only when `key` was given (sd->pkey.pk_info) and pairs it with `cert`. */
  cert?: string;
  key?: string;
}

export interface CredentialSink {
  print(text: string): void;
  exception(name: string, message: string): unknown;
}

/** One DER certificate from the start of `bytes` (trailing bytes ignored), or null when mbedTLS would refuse it. */
function firstDerCertificate(bytes: Buffer): X509Certificate | null {
  // x509_crt_parse_der_core: a SEQUENCE whose length fits in the buffer
  if (bytes.length < 2 || bytes[0] !== 0x30) return null;
  let len = bytes[1];
  let header = 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n < 1 || n > 4 || bytes.length < 2 + n) return null;
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + bytes[2 + i];
    header = 2 + n;
  }
  if (header + len > bytes.length) return null;
  try {
    return new X509Certificate(bytes.subarray(0, header + len));
  } catch {
    return null;
  }
}

function derPrivateKey(bytes: Buffer): KeyObject | null {
  for (const type of ["pkcs8", "pkcs1", "sec1"] as const) {
    try {
      return createPrivateKey({ key: bytes, format: "der", type });
    } catch {
      // try the next form, as mbedtls_pk_parse_key does
    }
  }
  return null;
}

/** decode_certificate_var + ssl_load_*: throws what connect() throws on the board. */
export function loadTlsCredentials(sink: CredentialSink, ca?: string, cert?: string, key?: string): TlsCredentials {
  const decode = (value: string) => {
    if (value.length > PATH_MAX_LENGTH) return Buffer.from(value, "latin1");
    // load_cert_file → jswrap_fs_readFile → jsfsInit: no SD card on the virtual ESP32
    const error = sink.exception("Error", "SD card must be setup with E.connectSDCard first");
    sink.print(`WARNING: File ${JSON.stringify(value)} not found\n`);
    throw error;
  };
  const parseFailed = (what: string) => sink.exception("InternalError", `HTTPS init failed! ${what}: Invalid format`);
  if (ca !== undefined && !firstDerCertificate(decode(ca))) throw parseFailed("mbedtls_x509_crt_parse of 'ca'");
  let own: X509Certificate | null = null;
  if (cert !== undefined && !(own = firstDerCertificate(decode(cert)))) throw parseFailed("mbedtls_x509_crt_parse of 'cert'");
  let pkey: KeyObject | null = null;
  if (key !== undefined && !(pkey = derPrivateKey(decode(key)))) throw parseFailed("mbedtls_pk_parse_key");
  return own && pkey ? { cert: own.toString(), key: pkey.export({ format: "pem", type: "pkcs8" }) as string } : {};
}
