// A sensor node in a few lines: it joins the Wi-Fi and the broker that `espnode provision` configured, publishes
// the chip's temperature every `interval` seconds (also on the console, where `espnode monitor` shows it), keeps a
// retained online/offline status, and answers {"cmd":"read"} on <prefix>/<id>/cmd with a reading on .../reply.
// Espruino runs this file top to bottom and does not hoist functions: declare before use.
import { deviceTopic, readConfig, tlsCredentials, type DeviceConfig } from "espnode/config";
import { connect, type MqttClient } from "espnode/mqtt";
import { printTelemetry } from "espnode/telemetry";

var seq = 0;

/** One telemetry record as JSON: `seq` numbers records so gaps show; `temp` is the ESP32's raw chip sensor. */
function reading(): string {
  seq++;
  return JSON.stringify({ seq: seq, up: Math.round(getTime()), temp: Math.round(E.getTemperature() * 10) / 10 });
}

function startMqtt(cfg: DeviceConfig): void {
  var status = deviceTopic(cfg, "status");
  var commands = deviceTopic(cfg, "cmd");
  var client: MqttClient = connect(
    cfg.broker,
    { clientId: cfg.id, username: cfg.mqttUser, password: cfg.mqttPass, willTopic: status, willPayload: "offline", willQos: 1, willRetain: true },
    {
      connected: function () {
        client.publish(status, "online", 1, true);
        client.subscribe(commands, 1);
      },
      message: function (topic: string, payload: string) {
        if (topic !== commands) return;
        var command: any = null;
        try {
          command = JSON.parse(payload);
        } catch (e) {
          print("ignored a command that is not JSON: " + payload);
        }
        if (command && command.cmd === "read") client.publish(deviceTopic(cfg, "reply"), reading(), 1, false);
      },
    },
    tlsCredentials(cfg),
  );
  setInterval(function () {
    var record = reading();
    printTelemetry(record);
    client.publish(deviceTopic(cfg, "telemetry"), record, cfg.qos, false);
  }, cfg.interval * 1000);
}

var loaded = readConfig();
if (!loaded.config) {
  print(loaded.problem);
} else {
  var cfg = loaded.config;
  require("Wifi").connect(cfg.ssid, { password: cfg.wifiPass }, function (err: any) {
    if (err) print("Wi-Fi: " + err);
    else startMqtt(cfg);
  });
}
