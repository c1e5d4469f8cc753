// `espnode build`: thin wrapper over the firmware build.
import path from "node:path";
import type { Command } from "commander";
import { addOutputOptions, type CommonFlags } from "./common-options.ts";
import { action } from "./run-action.ts";

export function registerBuildCommand(program: Command): void {
  addOutputOptions(
    program
      .command("build")
      .description("build the firmware into dist/firmware/ (checked against what the interpreter can run)")
      .option("--out <dir>", "write the files here instead of dist/firmware/"),
  ).action(
    action<CommonFlags & { out?: string }>(async (flags, out) => {
      const { buildFirmware } = await import("../../firmware/build/build.ts");
      const r = await buildFirmware({ outDir: flags.out ? path.resolve(flags.out) : undefined });
      out.result({ ok: true, ...r });
      for (const f of r.files) out.say(`${f.name.padEnd(10)} ${String(f.bytes).padStart(7)} bytes  ${f.path}`);
    }),
  );
}
