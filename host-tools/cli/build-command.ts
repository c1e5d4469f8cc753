// `espnode build [ENTRY…]`: thin wrapper over host-tools/commands/build.ts.
import type { Command } from "commander";
import { addOutputOptions, type CommonFlags } from "./common-options.ts";
import { action } from "./run-action.ts";

export function registerBuildCommand(program: Command): void {
  addOutputOptions(
    program
      .command("build")
      .argument("[entry...]", "TypeScript entry files (default: package.json \"espnode\": {\"entry\"}, or this repository's firmware)")
      .description("typecheck against the ESP32 board library, bundle, lower to ES5, minify and check device code into dist/")
      .option("--out <dir>", "write the files here instead of dist/ (dist/firmware/ for this repository's firmware)"),
  ).action(
    action<CommonFlags & { out?: string }>(async (flags, out, entries) => {
      const { build } = await import("../commands/build.ts");
      const r = await build({ entries, outDir: flags.out });
      out.result({ ok: true, files: r.files });
      for (const f of r.files) out.say(`${f.name.padEnd(10)} ${String(f.bytes).padStart(7)} bytes  ${f.path}`);
    }),
  );
}
