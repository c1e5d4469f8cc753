// `espnode/mqtt`: the MQTT 3.1.1 client (QoS 0-2, will, keepalive, persistent session, backoff) on Espruino sockets.
//   import { connect } from "espnode/mqtt";
//   var c = connect("mqtt://10.0.0.2:1883", { clientId: "node-1" }, { connected: function () { c.publish("a/b", "hi", 1, false); } });
export { MqttClient, type MqttHandlers, type MqttOptions, type MqttSocket } from "../mqtt/client.ts";
export { openEspruinoLink, zeroCopy } from "../board/mqtt-link.ts";
export { connect, type ConnectHandlers, type TlsCredentials } from "../board/mqtt-connect.ts";
export { closeReasonName, ERR_NOT_CONNECTED, ERR_INFLIGHT_FULL, ERR_BUSY, ERR_BAD_TOPIC } from "../mqtt/constants.ts";
