// `espnode ota`: update the app of nodes over MQTT. The OTA key never comes from argv: --ota-key-file or
// $ESPNODE_OTA_KEY; the MQTT password likewise (--mqtt-password-file, $ESPNODE_MQTT_PASSWORD).
import type { Command } from "commander";
import { EspnodeError } from "../transport/errors.ts";
import { addOutputOptions, type CommonFlags } from "./common-options.ts";
import { action, untilInterrupted } from "./run-action.ts";
import { ExitCode } from "./exit-codes.ts";
import { addBrokerOptions, brokerOptions, readSecretFile, type BrokerFlags } from "./broker-options.ts";

interface OtaFlags extends CommonFlags, BrokerFlags {
  device?: string[];
  all?: boolean;
  label?: string;
  otaKeyFile?: string;
  health?: string;
  timeout?: string;
  wait?: string;
  window?: string;
}

function seconds(text: string | undefined, flag: string, fallback: number): number {
  if (text === undefined) return fallback;
  const s = Number(text);
  if (!(s > 0)) throw new EspnodeError("usage", `${flag} ${text} is not a positive number of seconds.`, `e.g. ${flag} ${fallback}`);
  return s;
}

export function registerOtaCommand(program: Command): void {
  addOutputOptions(
    addBrokerOptions(
      program
        .command("ota")
        .description("update the app of nodes over MQTT (signed with the OTA key, rolled back when the new app fails)")
        .argument("[app]", "the app to send", "dist/firmware/app.js")
        .option("--device <id...>", "device ids to update")
        .option("--all", "every node that has announced itself under the prefix")
        .option("--label <text>", "version label the nodes report (default: the app's CRC-32)")
        .option("--ota-key-file <file>", "file holding the OTA key (else $ESPNODE_OTA_KEY)")
        .option("--health <seconds>", "how long the new app has to report itself healthy", "60")
        .option("--timeout <seconds>", "give up on a device after this long", "300")
        .option("--wait <seconds>", "with --all: how long to collect the nodes' announcements", "2")
        .option("--window <chunks>", "chunks in flight per device (more helps on slow links with a TCP_NODELAY broker)", "1"),
    ),
  ).action(
    action<OtaFlags>(async (flags, out, args) => {
      if (!!flags.all === !!flags.device?.length)
        throw new EspnodeError("usage", "Name the nodes to update with --device ID… or --all (not both).", "e.g. espnode ota --broker mqtt://host --all");
      // --device takes every word up to the next option, so an app path after the ids lands among them.
      const stray = flags.device?.find((d) => d.includes("/") || d.endsWith(".js"));
      if (stray)
        throw new EspnodeError("usage", `--device ${stray} is not a device id (one topic level).`, "Put the app before --device, e.g. espnode ota app.js --device node-1 node-2 …");
      const key = flags.otaKeyFile ? await readSecretFile(flags.otaKeyFile, "OTA key") : process.env.ESPNODE_OTA_KEY;
      if (!key) throw new EspnodeError("usage", "No OTA key given.", "Pass --ota-key-file FILE or set $ESPNODE_OTA_KEY (the key given to espnode provision).");
      const window = Number(flags.window ?? 1);
      if (!Number.isInteger(window) || window < 1 || window > 16) throw new EspnodeError("usage", `--window ${flags.window} is not 1-16.`, "");
      const appFile = args[0] ?? "dist/firmware/app.js";
      const { readFile } = await import("node:fs/promises");
      let app: Buffer;
      try {
        app = await readFile(appFile);
      } catch (e) {
        throw new EspnodeError("usage", `Cannot read the app ${appFile}: ${(e as Error).message}.`, "Build it first with `espnode build`, or pass its path.");
      }
      const { otaUpdate } = await import("../commands/ota.ts");
      const { connectBroker } = await import("../commands/broker-client.ts");
      const { crc32 } = await import("../device/espruino/storage.ts");
      const { crcHex } = await import("../../firmware/protocol/ota.ts");
      const client = await connectBroker(await brokerOptions(flags, "ota"));
      const lastShown = new Map<string, string>();
      try {
        const results = await untilInterrupted((signal) => {
          signal.addEventListener("abort", () => client.end(true));
          return otaUpdate({
            client,
            prefix: flags.prefix ?? "espnode",
            devices: flags.all ? undefined : flags.device,
            app,
            label: flags.label ?? crcHex(crc32(app)),
            key,
            healthSeconds: seconds(flags.health, "--health", 60),
            timeoutMs: seconds(flags.timeout, "--timeout", 300) * 1000,
            waitMs: seconds(flags.wait, "--wait", 2) * 1000,
            window,
            onEvent: (e) => {
              // One line per device and phase, plus one per quarter of the transfer.
              const quarter = e.phase === "sending" ? Math.floor((4 * e.done) / e.total) : -1;
              const tag = `${e.phase}:${quarter}`;
              if (lastShown.get(e.id) === tag) return;
              lastShown.set(e.id, tag);
              const pct = Math.floor((100 * e.done) / e.total);
              out.step(`${e.id}: ${e.phase}${e.phase === "sending" ? ` ${pct}% (${e.done}/${e.total} B)` : ""}${e.message ? ` (${e.message})` : ""}`);
            },
          });
        });
        out.result(results);
        for (const r of results) {
          if (r.ok) out.success(`${r.id}: ${r.state === "unchanged" ? r.reason : `running ${r.app} (CRC ${r.crc}), ${r.bytes} B at ${r.bytesPerSecond} B/s`}`);
          else out.say(`✘ ${r.id}: ${r.state}${r.reason ? `: ${r.reason}` : ""}`);
        }
        return results.every((r) => r.ok) ? ExitCode.OK : ExitCode.VERIFY;
      } finally {
        client.end(true);
      }
    }),
  );
}
