// A started client for a broker URL: parse it, open the net/tls link whenever the client asks, tick it each second.
import { MqttClient, type MqttHandlers, type MqttOptions } from "../mqtt/client.ts";
import { parseBrokerUrl } from "../protocol/config.ts";
import { openEspruinoLink } from "./mqtt-link.ts";

declare function setInterval(fn: () => void, ms: number): any;
declare function getTime(): number;
declare function print(text: string): void;

/** mqtts:// credentials as DER bytes in strings (e.g. require("Storage").read(name), memory-mapped), never PEM. */
export interface TlsCredentials {
  ca?: string;
  cert?: string;
  key?: string;
}

/** The client's handlers without `open`: connect() provides that one. */
export type ConnectHandlers = Partial<MqttHandlers>;

/**
 * Creates, starts and ticks a client for an mqtt:// or mqtts:// URL; a failed open is printed and retried. `tls` may
 * also be the CA alone as a string (the stand-alone module's documented form).
 */
export function connect(url: string, options: MqttOptions, handlers: ConnectHandlers, tls?: TlsCredentials | string): MqttClient {
  var addr = parseBrokerUrl(url);
  if (!addr) throw new Error("broker URL must be mqtt://host:port or mqtts://host:port");
  var a = addr;
  var t: TlsCredentials = typeof tls === "string" ? { ca: tls } : tls || {};
  handlers.open = function () {
    try {
      openEspruinoLink(client, a.host, a.port, a.tls, t.ca, t.cert, t.key);
    } catch (e) {
      print("mqtt: cannot open " + url + " (" + e + ")");
    }
  };
  var client = new MqttClient(options, handlers as MqttHandlers);
  client.start(getTime() * 1000);
  setInterval(function () {
    client.tick(getTime() * 1000);
  }, 1000);
  return client;
}
