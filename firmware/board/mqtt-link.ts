// Espruino glue for the MQTT core: opens a net/tls socket when the client asks for one and wires the socket's
// events to it. One closure set per connection, none per packet.
import type { MqttClient } from "../mqtt/client.ts";

declare function require(name: string): any;

/** Open a socket to host:port (TLS with an optional PEM CA) for the client; call from handlers.open(). */
export function openEspruinoLink(client: MqttClient, host: string, port: number, tls: boolean, ca?: string): void {
  var opts: any = { host: host, port: port };
  if (tls && ca) opts.ca = ca;
  var sock: any;
  try {
    sock = require(tls ? "tls" : "net").connect(opts, function () {
      client.linkUp(sock);
    });
  } catch (e) {
    // No network interface yet (e.g. Wi-Fi not up): a failed attempt, retried with backoff.
    client.linkDown();
    return;
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
