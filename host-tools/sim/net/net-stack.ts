// Espruino's `net`/`tls` sockets backed by real host TCP/TLS connections (so a board reaches a broker on
// 127.0.0.1), usable only while the Wi-Fi station is connected. Reproduces the board's behaviour: data events
// carry binary strings, events are queued (never synchronous), `drain` fires when the send buffer empties, and
// the board's mbedTLS only speaks TLS 1.2 with RSA/DHE-RSA key exchange.
import net from "node:net";
import tls from "node:tls";

/** Socket error codes as Espruino's network layer reports them ({code, message}). */
export const SOCKET_ERRORS = {
  notConnected: { code: -1, message: "Not connected to a network" },
  connectionFailed: { code: -2, message: "Connection failed" },
  connectionLost: { code: -3, message: "Connection lost" },
  tlsFailed: { code: -4, message: "TLS handshake failed" },
} as const;

/** Cipher suites the ESP32 firmware's mbedTLS build offers: TLS 1.2, RSA or DHE-RSA key exchange. */
export const BOARD_TLS_CIPHERS = [
  "AES128-GCM-SHA256", "AES256-GCM-SHA384", "AES128-SHA256", "AES256-SHA256", "AES128-SHA", "AES256-SHA",
  "DHE-RSA-AES128-GCM-SHA256", "DHE-RSA-AES256-GCM-SHA384", "DHE-RSA-AES128-SHA256", "DHE-RSA-AES256-SHA256",
].join(":");

export interface SocketEventSink {
  emit(target: object, event: string, args: unknown[]): void;
  /** Builds an error object in the sandbox realm. */
  errorObject(code: number, message: string): unknown;
}

interface OpenSocket {
  host: net.Socket;
  closed: boolean;
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
      // reported from the idle loop, after the caller has attached its listeners
      setImmediate(() => {
        const err = SOCKET_ERRORS.notConnected;
        const later = this.sink();
        later.emit(target, "error", [later.errorObject(err.code, err.message)]);
        later.emit(target, "close", [true]);
      });
      return;
    }
    let socket: net.Socket;
    if (secure) {
      socket = tls.connect({
        host,
        port,
        servername: net.isIP(host) ? undefined : host,
        ca: ca ? [ca] : undefined,
        key,
        cert,
        // without a CA the board does not verify the server (mbedTLS VERIFY_NONE)
        rejectUnauthorized: Boolean(ca),
        checkServerIdentity: () => undefined,
        minVersion: "TLSv1.2",
        maxVersion: "TLSv1.2",
        ciphers: BOARD_TLS_CIPHERS,
        ecdhCurve: "prime256v1",
      });
      socket.once("secureConnect", () => sink.emit(target, "connect", []));
    } else {
      socket = net.connect({ host, port });
      socket.once("connect", () => sink.emit(target, "connect", []));
    }
    socket.setNoDelay(true);
    const entry: OpenSocket = { host: socket, closed: false };
    this.sockets.set(target, entry);
    socket.on("data", (chunk: Buffer) => this.sink().emit(target, "data", [chunk.toString("latin1")]));
    socket.on("end", () => this.sink().emit(target, "end", []));
    socket.on("error", (err: NodeJS.ErrnoException) => {
      const known = secure && !socket.readyState.startsWith("open") ? SOCKET_ERRORS.tlsFailed : SOCKET_ERRORS.connectionFailed;
      this.sink().emit(target, "error", [this.sink().errorObject(known.code, `${known.message}: ${err.code ?? err.message}`)]);
    });
    socket.on("close", (hadError: boolean) => {
      if (entry.closed) return;
      entry.closed = true;
      this.sockets.delete(target);
      this.sink().emit(target, "close", [hadError]);
    });
  }

  write(target: object, data: string): void {
    const entry = this.sockets.get(target);
    if (!entry || entry.closed || entry.host.destroyed) return;
    entry.host.write(Buffer.from(data, "latin1"), () => {
      if (entry.host.writableLength === 0 && !entry.closed) this.sink().emit(target, "drain", []);
    });
  }

  end(target: object): void {
    const entry = this.sockets.get(target);
    if (!entry || entry.closed) return;
    entry.host.end();
  }

  /** Wi-Fi dropped: every socket closes with an error, as on the board. */
  dropAll(): void {
    for (const [target, entry] of [...this.sockets]) {
      if (entry.closed) continue;
      entry.closed = true;
      this.sockets.delete(target);
      entry.host.destroy();
      const sink = this.sink();
      sink.emit(target, "error", [sink.errorObject(SOCKET_ERRORS.connectionLost.code, SOCKET_ERRORS.connectionLost.message)]);
      sink.emit(target, "close", [true]);
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
