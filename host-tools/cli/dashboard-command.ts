// `espnode dashboard`: the fleet table and live charts in a local web page (default http://127.0.0.1:8080/).
import type { Command } from "commander";
import { EspnodeError } from "../transport/errors.ts";
import { addOutputOptions, type CommonFlags } from "./common-options.ts";
import { action, untilInterrupted } from "./run-action.ts";
import { addBrokerOptions, brokerOptions, type BrokerFlags } from "./broker-options.ts";

interface DashboardFlags extends CommonFlags, BrokerFlags {
  listen?: string;
}

/** HOST:PORT, [IPv6]:PORT or PORT. */
export function parseListen(text: string): { host: string; port: number } {
  const m = /^(?:\[([0-9a-fA-F:.]+)\]|([^:]+)):(\d+)$/.exec(text) ?? (/^(\d+)$/.test(text) ? [text, undefined, "127.0.0.1", text] : null);
  const port = m ? Number(m[3]) : NaN;
  if (!m || !(port >= 0 && port <= 65535))
    throw new EspnodeError("usage", `--listen ${text} is not HOST:PORT.`, "e.g. --listen 127.0.0.1:8080 (0 picks a free port)");
  return { host: m[1] ?? m[2]!, port };
}

export function registerDashboardCommand(program: Command): void {
  addOutputOptions(
    addBrokerOptions(
      program
        .command("dashboard")
        .description("serve a local web page with the fleet table and live telemetry charts")
        .option("--listen <host:port>", "where the page is served", "127.0.0.1:8080"),
    ),
  ).action(
    action<DashboardFlags>(async (flags, out) => {
      const listen = parseListen(flags.listen ?? "127.0.0.1:8080");
      const { connectBroker } = await import("../commands/broker-client.ts");
      const { startDashboard } = await import("../commands/dashboard/server.ts");
      const client = await connectBroker(await brokerOptions(flags, "dashboard"));
      let dash;
      try {
        dash = await startDashboard({ client, prefix: flags.prefix ?? "espnode", ...listen });
      } catch (e) {
        client.end(true);
        const code = (e as NodeJS.ErrnoException).code;
        if (code === "EADDRINUSE" || code === "EACCES" || code === "EADDRNOTAVAIL")
          throw new EspnodeError("usage", `Cannot listen on ${flags.listen}: ${(e as Error).message}.`, "Pick another --listen address or port.");
        throw e;
      }
      out.result({ ok: true, url: dash.url });
      out.say(`dashboard: ${dash.url} (Ctrl-C to stop)`);
      await untilInterrupted((signal) => new Promise<void>((r) => signal.addEventListener("abort", () => r())));
      await dash.close();
      client.end(true);
    }),
  );
}
