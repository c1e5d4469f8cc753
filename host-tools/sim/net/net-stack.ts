// Espruino's `net`/`tls` sockets backed by real host TCP/TLS connections (so a board reaches a broker on
// 127.0.0.1), usable only while the Wi-Fi station is connected. Reproduces the board's behaviour: data events
// carry binary strings, events are queued (never synchronous), `drain` fires when the send buffer empties, and
// the board's mbedTLS only speaks TLS 1.2 with RSA/DHE-RSA key exchange.
// Event order follows socketClientConnectionsIdle in libs/network/socketserver.c: "connect" then "drain" (nothing
// queued yet); on any close an "error" {code, message} (unless it was a plain close), then "end", then
// "close"(hadError). Without Wi-Fi, connect() throws (net_esp32_createsocket fails) and the socket closes quietly.
// TLS follows ssl_newSocketData (libs/network/network.c): ca/cert/key must be DER (tls-credentials.ts), the
// server's certificate is never verified (mbedtls_ssl_conf_authmode VERIFY_NONE: `ca` is parsed, then unused),
// and the SNI sent is mbedtls_ssl_set_hostname's fixed "mbed TLS Server 1", not the host.
import net from "node:net";
import tls from "node:tls";
import { loadTlsCredentials } from "./tls-credentials.ts";

/** Espruino's socket error codes and texts (libs/network/socketerrors.c). */
export const SOCKET_ERRORS = {
  timeout: { code: -3, message: "timeout" },
  notFound: { code: -6, message: "not found" },
  unsentData: { code: -8, message: "unsent data" },
  reset: { code: -9, message: "connection reset" },
  unknown: { code: -10, message: "unknown error" },
  sslHandshake: { code: -13, message: "SSL handshake failed" },
} as const;

/** lwIP's errno for "no route to host", which connect() reports when the station has no IP. */
const EHOSTUNREACH = 113;

/** Cipher suites the ESP32 firmware's mbedTLS build offers: TLS 1.2, RSA or DHE-RSA key exchange. */
export const BOARD_TLS_CIPHERS = [
  "AES128-GCM-SHA256", "AES256-GCM-SHA384", "AES128-SHA256", "AES256-SHA256", "AES128-SHA", "AES256-SHA",
  "DHE-RSA-AES128-GCM-SHA256", "DHE-RSA-AES256-GCM-SHA384", "DHE-RSA-AES128-SHA256", "DHE-RSA-AES256-SHA256",
].join(":");

/** The server name the board sends (network.c: mbedtls_ssl_set_hostname(&sd->ssl, "mbed TLS Server 1")). */
export const BOARD_TLS_SNI = "mbed TLS Server 1";

export interface SocketEventSink {
  emit(target: object, event: string, args: unknown[]): void;
  /** Builds an error object in the sandbox realm. */
  errorObject(code: number, message: string): unknown;
  /** Console output (jsError's "ERROR: ..." lines). */
  print(text: string): void;
  /** An exception to throw into the calling JavaScript. */
  exception(name: string, message: string): unknown;
}

function errorFor(err: NodeJS.ErrnoException, secure: boolean, handshakeDone: boolean): { code: number; message: string } {
  if (secure && !handshakeDone && err.code !== "ECONNREFUSED" && err.code !== "ENOTFOUND") return SOCKET_ERRORS.sslHandshake;
  switch (err.code) {
    case "ECONNREFUSED":
    case "ECONNRESET":
    case "EPIPE":
      return SOCKET_ERRORS.reset;
    case "ETIMEDOUT":
      return SOCKET_ERRORS.timeout;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return SOCKET_ERRORS.notFound;
    default:
      return SOCKET_ERRORS.unknown;
  }
}

interface OpenSocket {
  host: net.Socket;
  closed: boolean;
  error?: { code: number; message: string };
}

export class NetStack {
  private readonly sockets = new Map<object, OpenSocket>();

  constructor(
    private readonly sink: () => SocketEventSink,
    private readonly networkUp: () => boolean,
  ) {}

  connect(target: object, host: string, port: number, secure: boolean, ca?: string, key?: string, cert?: string): void {
    const sink = this.sink();
    if (!this.networkUp()) {
      // clientRequestConnect: the socket cannot be created; it still closes from the idle loop (no error event)
      setImmediate(() => {
        const later = this.sink();
        later.emit(target, "end", []);
        later.emit(target, "close", [false]);
      });
      sink.print(`ERROR: Connect failed (err ${EHOSTUNREACH})\n\n`);
      throw sink.exception("InternalError", "Unable to create socket\n");
    }
    // netCreateSocket: ssl_newSocketData runs before anything reaches JavaScript; its exception is connect()'s
    const credentials = secure ? loadTlsCredentials(sink, ca, cert, key) : {};
    let socket: net.Socket;
    let handshakeDone = !secure;
    const connected = () => {
      handshakeDone = true;
      const later = this.sink();
      later.emit(target, "connect", [target]);
      later.emit(target, "drain", [target]);
    };
    if (secure) {
      socket = tls.connect({
        host,
        port,
        servername: BOARD_TLS_SNI,
        key: credentials.key,
        cert: credentials.cert,
        // network.c: "FIXME no cert checking!": whatever `ca` holds, the board accepts any server certificate
        rejectUnauthorized: false,
        minVersion: "TLSv1.2",
        maxVersion: "TLSv1.2",
        ciphers: BOARD_TLS_CIPHERS,
        ecdhCurve: "prime256v1",
      });
      socket.once("secureConnect", connected);
    } else {
      socket = net.connect({ host, port });
      socket.once("connect", connected);
    }
    socket.setNoDelay(true);
    const entry: OpenSocket = { host: socket, closed: false };
    this.sockets.set(target, entry);
    socket.on("data", (chunk: Buffer) => this.sink().emit(target, "data", [chunk.toString("latin1")]));
    socket.on("error", (err: NodeJS.ErrnoException) => {
      entry.error ??= errorFor(err, secure, handshakeDone);
    });
    socket.on("close", () => {
      if (entry.closed) return;
      entry.closed = true;
      this.sockets.delete(target);
      if (!entry.error && socket.writableLength > 0) entry.error = SOCKET_ERRORS.unsentData;
      this.emitClose(target, entry.error);
    });
  }

  /** fireErrorEvent, then "end", then "close"(hadError), all queued. */
  private emitClose(target: object, error: { code: number; message: string } | undefined): void {
    const sink = this.sink();
    if (error) sink.emit(target, "error", [sink.errorObject(error.code, error.message)]);
    sink.emit(target, "end", []);
    sink.emit(target, "close", [error !== undefined]);
  }

  write(target: object, data: string): void {
    const entry = this.sockets.get(target);
    if (!entry || entry.closed || entry.host.destroyed) return;
    entry.host.write(Buffer.from(data, "latin1"), () => {
      if (entry.host.writableLength === 0 && !entry.closed) this.sink().emit(target, "drain", [target]);
    });
  }

  end(target: object): void {
    const entry = this.sockets.get(target);
    if (!entry || entry.closed) return;
    entry.host.end();
  }

  /** Wi-Fi dropped: every socket closes with an error (simplification: lwIP would let a TCP socket time out). */
  dropAll(): void {
    for (const [target, entry] of [...this.sockets]) {
      if (entry.closed) continue;
      entry.closed = true;
      this.sockets.delete(target);
      entry.host.destroy();
      this.emitClose(target, SOCKET_ERRORS.reset);
    }
  }

  /** reset()/reboot: sockets vanish without events (the RAM holding the listeners is gone). */
  closeSilently(): void {
    for (const entry of this.sockets.values()) {
      entry.closed = true;
      entry.host.destroy();
    }
    this.sockets.clear();
  }

  count(): number {
    return this.sockets.size;
  }
}
