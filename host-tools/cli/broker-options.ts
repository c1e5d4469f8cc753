// Broker options shared by ota, fleet and dashboard: the URL, credentials and TLS files as provision takes them.
// The password never comes from argv: --mqtt-password-file (- reads standard input) or $ESPNODE_MQTT_PASSWORD.
import { Option, type Command } from "commander";
import { readFile } from "node:fs/promises";
import { EspnodeError } from "../transport/errors.ts";
import type { BrokerOptions } from "../commands/broker-client.ts";

export interface BrokerFlags {
  broker?: string;
  prefix?: string;
  mqttUser?: string;
  mqttPasswordFile?: string;
  ca?: string;
  cert?: string;
  key?: string;
}

export function addBrokerOptions(cmd: Command): Command {
  return cmd
    .addOption(new Option("--broker <url>", "mqtt://host:port or mqtts://host:port").env("ESPNODE_BROKER").makeOptionMandatory())
    .addOption(new Option("--prefix <prefix>", "topic prefix (default espnode)").env("ESPNODE_PREFIX"))
    .addOption(new Option("--mqtt-user <user>", "MQTT user name").env("ESPNODE_MQTT_USER"))
    .option("--mqtt-password-file <file>", "file holding the MQTT password, - for stdin (else $ESPNODE_MQTT_PASSWORD)")
    .addOption(new Option("--ca <file>", "CA certificate for mqtts:// (PEM or DER)").env("ESPNODE_CA"))
    .addOption(new Option("--cert <file>", "client certificate for mutual TLS").env("ESPNODE_CERT"))
    .addOption(new Option("--key <file>", "the client certificate's private key").env("ESPNODE_KEY"));
}

/** A secret's first line from a file, or from standard input for "-" (never a terminal, which would echo it). */
export async function readSecretFile(file: string, label: string): Promise<string> {
  if (file === "-") {
    if (process.stdin.isTTY) throw new EspnodeError("usage", `Reading the ${label} from a terminal would echo it.`, `Pipe it in, or pass a file.`);
    const chunks: Buffer[] = [];
    for await (const c of process.stdin) chunks.push(c as Buffer);
    return Buffer.concat(chunks).toString("utf8").split(/\r?\n/)[0];
  }
  try {
    return (await readFile(file, "utf8")).replace(/\r?\n$/, "");
  } catch (e) {
    throw new EspnodeError("usage", `Cannot read the ${label} file ${file}: ${(e as Error).message}.`, "Check the path.");
  }
}

export async function brokerOptions(flags: BrokerFlags, name: string): Promise<BrokerOptions> {
  const password = flags.mqttPasswordFile ? await readSecretFile(flags.mqttPasswordFile, "MQTT password") : process.env.ESPNODE_MQTT_PASSWORD;
  return {
    url: flags.broker!,
    username: flags.mqttUser,
    password: flags.mqttUser !== undefined ? password : undefined,
    caFile: flags.ca,
    certFile: flags.cert,
    keyFile: flags.key,
    name,
  };
}
