// Espruino glue for the MQTT core: opens a net/tls socket when the client asks for one and wires the socket's
// events to it. One closure set per connection, none per packet.
import type { MqttClient } from "../mqtt/client.ts";

declare function require(name: string): any;
declare var E: { toArrayBuffer(s: string): ArrayBuffer };

/**
 * For MqttOptions.payloadView: the payload as a Uint8Array over the bytes the socket delivered, with no copy
 * (E.toArrayBuffer references the string). The socket hands every chunk over as a new string, so the bytes never
 * change under the view; the view keeps the whole chunk alive while it is kept.
 */
export function zeroCopy(bytes: string, start: number, end: number): Uint8Array {
  return new Uint8Array(E.toArrayBuffer(bytes), start, end - start);
}

/**
 * Open a socket to host:port for the client; call from handlers.open(). For TLS, ca/cert/key are DER bytes as
 * strings (e.g. require("Storage").read(file), memory-mapped on an ESP32): network.c hands them to mbedTLS as
 * they are, and this build parses no PEM. Throws what connect() throws (no Wi-Fi yet, "HTTPS init failed! …")
 * after telling the client the attempt failed, so the caller can show the reason; the client retries with backoff.
 */
export function openEspruinoLink(client: MqttClient, host: string, port: number, tls: boolean, ca?: string, cert?: string, key?: string): void {
  var opts: any = { host: host, port: port };
  if (tls) {
    if (ca) opts.ca = ca;
    if (cert) opts.cert = cert;
    if (key) opts.key = key;
  }
  var sock: any;
  try {
    sock = require(tls ? "tls" : "net").connect(opts, function () {
      client.linkUp(sock);
    });
  } catch (e) {
    client.linkDown();
    throw e;
  }
  sock.on("data", function (d: string) {
    client.feed(d);
  });
  sock.on("drain", function () {
    client.drained();
  });
  sock.on("close", function () {
    client.linkDown(sock);
  });
  sock.on("error", function () {
    client.linkDown(sock);
  });
}
