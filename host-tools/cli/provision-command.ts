// `espnode provision`: passwords never come from argv: ESPNODE_WIFI_PASSWORD / ESPNODE_MQTT_PASSWORD, a file,
// or a hidden prompt on a TTY.
import type { Command } from "commander";
import { EspnodeError } from "../transport/errors.ts";
import { addPortOptions, portOptions, type CommonFlags } from "./common-options.ts";
import { action } from "./run-action.ts";
import type { ProvisionFlags } from "../commands/provision-input.ts";

interface ProvisionCliFlags extends CommonFlags, ProvisionFlags {
  verify?: boolean;
  verifyTimeout?: string;
  verifyBroker?: string;
  restart?: boolean;
}

async function hiddenPrompt(message: string): Promise<string> {
  const { password, isCancel } = await import("@clack/prompts");
  const v = await password({ message, output: process.stderr });
  if (isCancel(v)) throw new EspnodeError("usage", "Cancelled.", "");
  return v;
}

export function registerProvisionCommand(program: Command): void {
  addPortOptions(
    program
      .command("provision")
      .description("write the device config (Wi-Fi, broker, sensors) to the board atomically")
      .option("--device-id <id>", "device id: one MQTT topic level")
      .option("--ssid <ssid>", "Wi-Fi network name (1-32 bytes)")
      .option("--broker <url>", "mqtt://host:port or mqtts://host:port")
      .option("--mqtt-user <user>", "MQTT user name")
      .option("--ca <file>", "PEM CA certificate for mqtts://")
      .option("--prefix <prefix>", "topic prefix (default espnode)")
      .option("--interval <seconds>", "telemetry interval (default 10)")
      .option("--qos <0|1>", "telemetry QoS (default 1: undelivered records wait in flash)")
      .option("--sensors <list>", "comma-separated: temp, bme280, a<pin> (default temp)")
      .option("--sleep", "deep-sleep between readings")
      .option("--from <file>", "read the values from a JSON object or a CSV header + row (flags override it)")
      .option("--wifi-password-file <file>", "file holding the Wi-Fi password (else $ESPNODE_WIFI_PASSWORD or a prompt)")
      .option("--mqtt-password-file <file>", "file holding the MQTT password (else $ESPNODE_MQTT_PASSWORD or a prompt)")
      .option("--verify", "wait on the broker until the device reports online")
      .option("--verify-timeout <seconds>", "how long --verify waits", "60")
      .option("--verify-broker <url>", "broker URL as this computer reaches it (default: the device's)")
      .option("--no-restart", "do not restart the app with the new config"),
  ).action(
    action<ProvisionCliFlags>(async (flags, out) => {
      const { buildConfig } = await import("../commands/provision-input.ts");
      const timeout = Number(flags.verifyTimeout ?? 60);
      if (!(timeout > 0)) throw new EspnodeError("usage", "--verify-timeout must be a positive number of seconds.", "");
      // Everything is validated before the port is even opened.
      const config = await buildConfig(flags, {
        env: process.env,
        prompt: process.stdin.isTTY && process.stderr.isTTY ? hiddenPrompt : undefined,
      });
      const { provision } = await import("../commands/provision.ts");
      const r = await provision({
        ...portOptions(flags, out),
        config,
        noRestart: flags.restart === false,
        verify: flags.verify ? { timeoutMs: timeout * 1000, brokerUrl: flags.verifyBroker, onStatus: (m) => out.step(m) } : false,
        onStep: (m) => out.step(m),
      });
      out.result({ ok: true, ...r });
      out.success(`${r.unchanged ? "Config unchanged" : "Config written and verified"} for ${config.id}:`);
      out.say(JSON.stringify(r.config, null, 2));
      if (r.verify) out.success(`${config.id} reported online on ${r.verify.topic} after ${r.verify.seconds.toFixed(1)} s.`);
    }),
  );
}
