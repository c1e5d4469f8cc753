// `espnode run FILE`
import type { Command } from "commander";
import { addPortOptions, portOptions, type CommonFlags } from "./common-options.ts";
import { action, untilInterrupted } from "./run-action.ts";
import { parseDuration } from "./monitor-command.ts";
import { ExitCode } from "./exit-codes.ts";

interface RunFlags extends CommonFlags {
  duration?: string;
}

export function registerRunCommand(program: Command): void {
  addPortOptions(
    program
      .command("run")
      .description("run a program from the board's RAM without touching flash (.ts is built first); show its console until it is idle")
      .argument("<file>", "a .js file, or a .ts entry")
      .option("--duration <s>", "stop showing the console after S seconds (the program keeps running on the board)"),
  ).action(
    action<RunFlags>(async (flags, out, [file]) => {
      const durationMs = parseDuration(flags.duration);
      const { runProgram } = await import("../commands/run.ts");
      const r = await untilInterrupted((signal) =>
        runProgram({
          ...portOptions(flags, out),
          file: file!,
          durationMs,
          signal,
          onStep: (m) => out.step(m),
          onOutput: (text) => out.write(text),
        }),
      );
      out.result({ ok: r.uncaught === undefined, ...r });
      if (r.uncaught !== undefined) {
        out.warn(`the program stopped with an uncaught error: ${r.uncaught}`);
        return ExitCode.FAILURE;
      }
      if (r.ended === "stopped") return ExitCode.INTERRUPTED;
      out.success(
        r.ended === "idle"
          ? `The program finished (no timers left) after ${r.seconds.toFixed(1)} s.`
          : `Stopped watching after ${r.seconds.toFixed(1)} s; the program keeps running on the board.`,
      );
    }),
  );
}
