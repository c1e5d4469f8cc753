// The client as a stand-alone Espruino module (dist/firmware/mqtt.js): save it to Storage as "espnode-mqtt" and
//   var mqtt = require("espnode-mqtt");
//   var c = mqtt.connect("mqtt://192.168.1.10", { clientId: "node1" }, { message: function (t, p) { print(t, p); } });
//   c.publish("a/b", "hi", 1, false);
import { MqttClient, type MqttHandlers, type MqttOptions } from "../mqtt/client.ts";
import * as codes from "../mqtt/constants.ts";
import { parseBrokerUrl } from "../protocol/config.ts";
import { openEspruinoLink } from "./mqtt-link.ts";

declare var exports: any;
declare function setInterval(fn: () => void, ms: number): any;
declare function getTime(): number;
declare function print(text: string): void;

/** Create a client for an mqtt:// or mqtts:// URL, start it and tick it once a second. `ca`: DER bytes (e.g.
 *  require("Storage").read("ca.der")), not PEM; a failed open is printed and retried with backoff. */
function connect(url: string, options: MqttOptions, handlers: MqttHandlers, ca?: string): MqttClient {
  var addr = parseBrokerUrl(url);
  if (!addr) throw new Error("broker URL must be mqtt://host:port or mqtts://host:port");
  var a = addr;
  handlers.open = function () {
    try {
      openEspruinoLink(client, a.host, a.port, a.tls, ca);
    } catch (e) {
      print("mqtt: cannot open " + url + " (" + e + ")");
    }
  };
  var client = new MqttClient(options, handlers);
  client.start(getTime() * 1000);
  setInterval(function () {
    client.tick(getTime() * 1000);
  }, 1000);
  return client;
}

exports.MqttClient = MqttClient;
exports.openEspruinoLink = openEspruinoLink;
exports.connect = connect;
exports.closeReasonName = codes.closeReasonName;
exports.ERR_NOT_CONNECTED = codes.ERR_NOT_CONNECTED;
exports.ERR_INFLIGHT_FULL = codes.ERR_INFLIGHT_FULL;
exports.ERR_BUSY = codes.ERR_BUSY;
