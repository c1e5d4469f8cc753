// The client as a stand-alone Espruino module (dist/firmware/mqtt.js): save it to Storage as "espnode-mqtt" and
//   var mqtt = require("espnode-mqtt");
//   var c = mqtt.connect("mqtt://192.168.1.10", { clientId: "node1" }, { message: function (t, p) { print(t, p); } });
//   c.publish("a/b", "hi", 1, false);
import { MqttClient } from "../mqtt/client.ts";
import * as codes from "../mqtt/constants.ts";
import { openEspruinoLink, zeroCopy } from "./mqtt-link.ts";
// connect(url, options, handlers, ca): `ca` as DER bytes (e.g. require("Storage").read("ca.der")), not PEM.
import { connect } from "./mqtt-connect.ts";

declare var exports: any;

exports.MqttClient = MqttClient;
exports.openEspruinoLink = openEspruinoLink;
exports.zeroCopy = zeroCopy;
exports.connect = connect;
exports.closeReasonName = codes.closeReasonName;
exports.ERR_NOT_CONNECTED = codes.ERR_NOT_CONNECTED;
exports.ERR_INFLIGHT_FULL = codes.ERR_INFLIGHT_FULL;
exports.ERR_BUSY = codes.ERR_BUSY;
