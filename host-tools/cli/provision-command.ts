// `espnode provision`: passwords never come from argv: ESPNODE_WIFI_PASSWORD / ESPNODE_MQTT_PASSWORD, a file,
// standard input (`-`) or a hidden prompt. On a terminal, missing values are asked for; elsewhere they are errors.
import { Option, type Command } from "commander";
import { EspnodeError } from "../transport/errors.ts";
import { addPortOptions, portOptions, type CommonFlags } from "./common-options.ts";
import { action } from "./run-action.ts";
import { ExitCode } from "./exit-codes.ts";
import type { Output, Task } from "./output.ts";
import type { ProvisionFlags } from "../commands/provision-input.ts";

interface ProvisionCliFlags extends CommonFlags, ProvisionFlags {
  verify?: boolean;
  verifyTimeout?: string;
  verifyBroker?: string;
  restart?: boolean;
  input?: boolean;
}

const SECRETS_HELP = `
Secrets never go on the command line. The Wi-Fi password comes from, in order:
  --wifi-password-file FILE    the file (one trailing newline is dropped)
  --wifi-password-file -       the first line of standard input (pipe it in)
  $ESPNODE_WIFI_PASSWORD
  a hidden prompt              on a terminal only
The MQTT password likewise (--mqtt-password-file, $ESPNODE_MQTT_PASSWORD), needed only with --mqtt-user.
The key that signs app updates (espnode ota) likewise: --ota-key-file, $ESPNODE_OTA_KEY; optional (without
it the board refuses every update). Only one secret can come from standard input.

Values come from flags, then ESPNODE_* variables (shown with each option), then the --from file.
On a terminal, values that none of these gave are asked for (--no-input turns this
off); otherwise a missing --device-id, --ssid or --broker is an error (exit code 2).

Examples:
  espnode provision                                   # on a terminal: asks for what it needs
  pass show home-wifi | espnode provision --device-id kitchen-1 --ssid home \\
      --broker mqtt://192.168.1.10:1883 --wifi-password-file -
  ESPNODE_WIFI_PASSWORD=... espnode provision --from kitchen-1.json --verify
`;

/** Shows each provision step: a spinner (with upload progress) on a terminal, a step line elsewhere. */
function stepView(out: Output) {
  let task: Task | undefined;
  let title = "";
  return {
    step(message: string) {
      task?.done(title);
      title = message;
      if (out.interactive) task = out.task(message);
      else out.step(message);
    },
    progress(done: number, total: number) {
      task?.update(`${title}: ${done}/${total} B`);
    },
    status(message: string) {
      if (task) task.update(`${title}: ${message}`);
      else out.step(message);
    },
    finish() {
      task?.done(title);
      task = undefined;
    },
  };
}

export function registerProvisionCommand(program: Command): void {
  addPortOptions(
    program
      .command("provision")
      .description("write the device config (Wi-Fi, broker, sensors) to the board atomically")
      // Each value may also come from an ESPNODE_* variable (a flag wins over it, it wins over --from).
      .addOption(new Option("--device-id <id>", "device id: one MQTT topic level").env("ESPNODE_DEVICE_ID"))
      .addOption(new Option("--ssid <ssid>", "Wi-Fi network name (1-32 bytes)").env("ESPNODE_SSID"))
      .addOption(new Option("--broker <url>", "mqtt://host:port or mqtts://host:port").env("ESPNODE_BROKER"))
      .addOption(new Option("--mqtt-user <user>", "MQTT user name").env("ESPNODE_MQTT_USER"))
      .addOption(new Option("--ca <file>", "CA certificate for mqtts:// (one, PEM or DER; stored on the board as DER)").env("ESPNODE_CA"))
      .addOption(new Option("--cert <file>", "client certificate for mutual TLS (PEM or DER, with --key)").env("ESPNODE_CERT"))
      .addOption(new Option("--key <file>", "the client certificate's RSA private key (PEM or DER, unencrypted)").env("ESPNODE_KEY"))
      .addOption(new Option("--prefix <prefix>", "topic prefix (default espnode)").env("ESPNODE_PREFIX"))
      .addOption(new Option("--interval <seconds>", "telemetry interval (default 10)").env("ESPNODE_INTERVAL"))
      .addOption(new Option("--qos <0|1>", "telemetry QoS (default 1: undelivered records wait in flash)").env("ESPNODE_QOS"))
      .addOption(new Option("--sensors <list>", "comma-separated: temp, bme280, a<pin> (default temp)").env("ESPNODE_SENSORS"))
      .option("--sleep", "deep-sleep between readings")
      .option("--from <file>", "read the values from a JSON object or a CSV header + row (flags override it)")
      .option("--wifi-password-file <file>", "file holding the Wi-Fi password, - for stdin (else $ESPNODE_WIFI_PASSWORD or a prompt)")
      .option("--mqtt-password-file <file>", "file holding the MQTT password, - for stdin (else $ESPNODE_MQTT_PASSWORD or a prompt)")
      .option("--ota-key-file <file>", "file holding the key that signs app updates (espnode ota), - for stdin (else $ESPNODE_OTA_KEY; none: updates refused)")
      .option("--no-input", "never prompt: a missing value is an error (for scripts)")
      .option("--verify", "wait on the broker until the device reports online")
      .option("--verify-timeout <seconds>", "how long --verify waits", "60")
      .option("--verify-broker <url>", "broker URL as this computer reaches it (default: the device's)")
      .option("--no-restart", "do not restart the app with the new config")
      .addHelpText("after", SECRETS_HELP),
  ).action(
    action<ProvisionCliFlags>(async (flags, out) => {
      const { buildProvisionInput } = await import("../commands/provision-input.ts");
      const { terminalSources, PromptCancelled } = await import("./provision-prompts.ts");
      const timeout = Number(flags.verifyTimeout ?? 60);
      if (!(timeout > 0)) throw new EspnodeError("usage", "--verify-timeout must be a positive number of seconds.", "");
      // Everything is validated (and asked for) before the port is even opened.
      let config, files;
      try {
        ({ config, files } = await buildProvisionInput(flags, terminalSources(flags.input !== false)));
      } catch (e) {
        if (!(e instanceof PromptCancelled)) throw e;
        out.warn("cancelled: nothing was written to the board.");
        out.result({ ok: false, error: { kind: "interrupted", message: "Cancelled at a prompt; nothing was written to the board." } });
        return ExitCode.INTERRUPTED;
      }
      const { provision } = await import("../commands/provision.ts");
      const view = stepView(out);
      const r = await provision({
        ...portOptions(flags, out),
        config,
        files,
        noRestart: flags.restart === false,
        verify: flags.verify ? { timeoutMs: timeout * 1000, brokerUrl: flags.verifyBroker, onStatus: (m) => view.status(m) } : false,
        onStep: (m) => view.step(m),
        onProgress: (done, total) => view.progress(done, total),
      });
      view.finish();
      out.result({ ok: true, ...r });
      out.success(`${r.unchanged ? "Config unchanged" : "Config written and verified"} for ${config.id}:`);
      out.say(JSON.stringify(r.config, null, 2));
      if (r.verify) out.success(`${config.id} reported online on ${r.verify.topic} after ${r.verify.seconds.toFixed(1)} s.`);
    }),
  );
}
