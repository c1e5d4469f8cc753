// `espnode init [DIR]`
import type { Command } from "commander";
import { addOutputOptions, type CommonFlags } from "./common-options.ts";
import { action } from "./run-action.ts";

interface InitFlags extends CommonFlags {
  force?: boolean;
  name?: string;
}

export function registerInitCommand(program: Command): void {
  addOutputOptions(
    program
      .command("init")
      .description("start a firmware project in TypeScript: an example sensor node, board typings, a test on a virtual board")
      .argument("[dir]", "where to create it (must be empty unless --force)", ".")
      .option("-f, --force", "write into a directory that already has files")
      .option("--name <name>", "npm package name (default: the directory's name)"),
  ).action(
    action<InitFlags>(async (flags, out, [dir]) => {
      const { initProject } = await import("../commands/init.ts");
      const r = await initProject({ dir: dir ?? ".", force: flags.force, name: flags.name });
      out.result({ ok: true, ...r });
      for (const f of r.files) out.step(`created ${f}`);
      const cd = dir && dir !== "." ? `cd ${dir} && ` : "";
      out.success(`Project ${r.name} is ready. Next: ${cd}npm install && npm test   (then: npx espnode sim, npm run dev)`);
    }),
  );
}
