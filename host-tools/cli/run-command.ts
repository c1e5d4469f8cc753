// `espnode run FILE`
import type { Command } from "commander";
import { EspnodeError } from "../transport/errors.ts";
import { addPortOptions, portOptions, type CommonFlags } from "./common-options.ts";
import { action } from "./run-action.ts";
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
      const durationMs = flags.duration === undefined ? undefined : Number(flags.duration) * 1000;
      if (durationMs !== undefined && !(durationMs > 0))
        throw new EspnodeError("usage", `--duration ${flags.duration} is not a number of seconds.`, "e.g. --duration 10");
      const { runProgram } = await import("../commands/run.ts");
      const abort = new AbortController();
      const onSigint = () => abort.abort();
      process.once("SIGINT", onSigint);
      try {
        const r = await runProgram({
          ...portOptions(flags, out),
          file: file!,
          durationMs,
          signal: abort.signal,
          onStep: (m) => out.step(m),
          onOutput: (text) => out.write(text),
        });
        out.result({ ok: r.uncaught === undefined, ...r });
        if (r.uncaught !== undefined) {
          out.warn(`the program stopped with an uncaught error: ${r.uncaught}`);
          return ExitCode.FAILURE;
        }
        if (r.ended === "stopped") return ExitCode.INTERRUPTED;
        out.success(r.ended === "idle" ? `The program finished (no timers left) after ${r.seconds.toFixed(1)} s.` : `Stopped watching after ${r.seconds.toFixed(1)} s; the program keeps running on the board.`);
      } finally {
        process.removeListener("SIGINT", onSigint);
      }
    }),
  );
}
