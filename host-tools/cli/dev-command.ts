// `espnode dev [ENTRY]`
import type { Command } from "commander";
import { addPortOptions, portOptions, type CommonFlags } from "./common-options.ts";
import { action, untilInterrupted } from "./run-action.ts";

export function registerDevCommand(program: Command): void {
  addPortOptions(
    program
      .command("dev")
      .description("rebuild on save, deploy atomically (unchanged code is skipped), restart and show the console; Ctrl-C stops")
      .argument("[entry]", "the TypeScript entry (default: package.json \"espnode\": {\"entry\"})"),
  ).action(
    action<CommonFlags>(async (flags, out, [entry]) => {
      const { devLoop } = await import("../commands/dev.ts");
      const r = await untilInterrupted((signal) =>
        devLoop({
          ...portOptions(flags, out),
          entry,
          signal,
          onStep: (m) => out.step(m),
          onOutput: (text) => out.write(text),
          onProblem: (m) => out.warn(m),
          onDeployed: (d) => out.success(d.skipped ? `unchanged (${d.bytes} bytes): nothing to deploy` : `deployed ${d.bytes} bytes, restarted`),
        }),
      );
      out.result({ ok: true, ...r });
    }),
  );
}
