// `espnode deploy [APP.js]`
import type { Command } from "commander";
import { EspnodeError } from "../transport/errors.ts";
import { addPortOptions, portOptions, type CommonFlags } from "./common-options.ts";
import { action } from "./run-action.ts";

interface DeployFlags extends CommonFlags {
  module?: string[];
  method?: string;
  force?: boolean;
  restart?: boolean;
}

function parseModule(spec: string): { name: string; file: string } {
  const i = spec.indexOf("=");
  if (i <= 0) throw new EspnodeError("usage", `--module ${spec} must be NAME=FILE.`, "e.g. --module mqtt=dist/firmware/mqtt.js");
  return { name: spec.slice(0, i), file: spec.slice(i + 1) };
}

export function registerDeployCommand(program: Command): void {
  addPortOptions(
    program
      .command("deploy")
      .description("upload an app atomically (the old one keeps booting until the new one is verified), then restart it")
      .argument("[app]", "the app's JavaScript", "dist/firmware/app.js")
      .option("-m, --module <name=file>", "also upload a module the app requires (repeatable)", (v: string, prev: string[] = []) => [...prev, v])
      .option("--method <method>", "packet (2v25+) or lines; default: packet when the firmware has it")
      .option("-f, --force", "upload even when the board already has identical code")
      .option("--no-restart", "do not restart the app afterwards"),
  ).action(
    action<DeployFlags>(async (flags, out, [app]) => {
      if (flags.method && flags.method !== "packet" && flags.method !== "lines")
        throw new EspnodeError("usage", `--method ${flags.method} is not packet or lines.`, "Leave it out to choose automatically.");
      const modules = (flags.module ?? []).map(parseModule);
      const { deploy } = await import("../commands/deploy.ts");
      const bar = await out.progress("upload");
      try {
        const r = await deploy({
          ...portOptions(flags, out),
          file: app,
          modules,
          method: flags.method as "packet" | "lines" | undefined,
          force: flags.force,
          noRestart: flags.restart === false,
          onStep: (m) => out.step(m),
          onProgress: (d, t) => bar.update(d, t),
        });
        bar.stop();
        out.result({ ok: true, ...r });
        if (r.skipped) out.success(`The board already runs this app (${r.bytes} bytes, CRC ${r.crc}); nothing uploaded.`);
        else
          out.success(
            `Deployed ${r.bytes} bytes to ${r.slot} in ${r.seconds.toFixed(2)} s (${r.bytesPerSecond} bytes/s, ${r.method}), CRC ${r.crc} verified.`,
          );
      } finally {
        bar.stop();
      }
    }),
  );
}
