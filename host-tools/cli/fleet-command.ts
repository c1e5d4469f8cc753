// `espnode fleet`: the nodes under a prefix, as the broker knows them (a table, --json, or --watch live).
import type { Command } from "commander";
import { EspnodeError } from "../transport/errors.ts";
import { addOutputOptions, type CommonFlags } from "./common-options.ts";
import { action, untilInterrupted } from "./run-action.ts";
import { addBrokerOptions, brokerOptions, type BrokerFlags } from "./broker-options.ts";

interface FleetFlags extends CommonFlags, BrokerFlags {
  watch?: boolean;
  wait?: string;
}

export function registerFleetCommand(program: Command): void {
  addOutputOptions(
    addBrokerOptions(
      program
        .command("fleet")
        .description("list the nodes that announced themselves: online, last seen, uptime, RSSI, memory, app, outbox")
        .option("--wait <seconds>", "how long to collect before printing", "2")
        .option("--watch", "keep a live table until Ctrl-C"),
    ),
  ).action(
    action<FleetFlags>(async (flags, out) => {
      const wait = Number(flags.wait ?? 2);
      if (!(wait >= 0)) throw new EspnodeError("usage", `--wait ${flags.wait} is not a number of seconds.`, "e.g. --wait 2");
      if (flags.watch && flags.json) throw new EspnodeError("usage", "--watch and --json do not go together.", "Use one of them.");
      const { connectBroker } = await import("../commands/broker-client.ts");
      const { FleetTracker, trackFleet, fleetTable } = await import("../commands/fleet.ts");
      const client = await connectBroker(await brokerOptions(flags, "fleet"));
      const tracker = new FleetTracker(flags.prefix ?? "espnode");
      try {
        await trackFleet(client, tracker);
        if (!flags.watch) {
          await new Promise((r) => setTimeout(r, wait * 1000));
          if (flags.json) out.result(tracker.list());
          else out.write(tracker.list().length ? fleetTable(tracker.list()) : `no node has announced itself under ${tracker.prefix}/\n`);
          return;
        }
        await untilInterrupted(
          (signal) =>
            new Promise<void>((resolve) => {
              const draw = () => {
                const table = fleetTable(tracker.list());
                // On a terminal the table redraws in place; elsewhere each refresh is appended.
                out.write(out.liveView ? `\x1b[H\x1b[2J${new Date().toLocaleTimeString()}  ${tracker.prefix}/  (Ctrl-C to stop)\n\n${table}` : table + "\n");
              };
              const timer = setInterval(draw, 1000);
              draw();
              signal.addEventListener("abort", () => {
                clearInterval(timer);
                resolve();
              });
            }),
        );
      } finally {
        client.end(true);
      }
    }),
  );
}
