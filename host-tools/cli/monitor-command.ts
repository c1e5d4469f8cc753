// `espnode monitor`
import type { Command } from "commander";
import { EspnodeError } from "../transport/errors.ts";
import { addPortOptions, portOptions, type CommonFlags } from "./common-options.ts";
import { action, untilInterrupted } from "./run-action.ts";

interface MonitorFlags extends CommonFlags {
  csv?: string;
  log?: string;
  filter?: string;
  plot?: boolean;
  duration?: string;
}

export function parseDuration(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const s = Number(text);
  if (!(s > 0)) throw new EspnodeError("usage", `--duration ${text} is not a positive number of seconds.`, "e.g. --duration 30");
  return s * 1000;
}

export function registerMonitorCommand(program: Command): void {
  addPortOptions(
    program
      .command("monitor")
      .description("show the board's console: telemetry records and log lines, without resetting it")
      .option("--csv <file>", "also write telemetry records to a CSV file")
      .option("--log <file>", "also append every line, timestamped, to a file")
      .option("--filter <regex>", "show only lines/records matching this regular expression")
      .option("--plot", "live sparkline per numeric field")
      .option("--duration <seconds>", "stop after this long (default: until Ctrl-C)"),
  ).action(
    action<MonitorFlags>(async (flags, out) => {
      let filter: RegExp | undefined;
      try {
        filter = flags.filter ? new RegExp(flags.filter) : undefined;
      } catch (e) {
        throw new EspnodeError("usage", `--filter is not a valid regular expression: ${(e as Error).message}.`, "");
      }
      const durationMs = parseDuration(flags.duration);
      const { monitor } = await import("../commands/monitor.ts");
      const { MonitorView } = await import("./monitor-view.ts");
      const view = new MonitorView(out, flags);
      const summary = await untilInterrupted((signal) =>
        monitor({
          ...portOptions(flags, out),
          durationMs,
          filter,
          signal,
          onEvent: (ev) => view.event(ev),
          onStatus: (m) => out.step(m),
        }),
      );
      await view.finish(summary);
    }),
  );
}
