// `espnode list`: serial ports, known ESP32 USB adapters first.
import type { Command } from "commander";
import { addOutputOptions, type CommonFlags } from "./common-options.ts";
import { action } from "./run-action.ts";

export function registerListCommand(program: Command): void {
  addOutputOptions(
    program.command("list").description("list serial ports and the ESP32 USB adapters among them"),
  ).action(
    action<CommonFlags & { all?: boolean }>(async (_flags, out) => {
      const { listPorts, formatPort, isKnownAdapter, adapterName } = await import("../transport/ports.ts");
      const ports = await listPorts();
      const sorted = [...ports].sort((a, b) => Number(isKnownAdapter(b)) - Number(isKnownAdapter(a)));
      out.result({ ok: true, ports: sorted.map((p) => ({ ...p, adapter: adapterName(p) ?? null, esp32: isKnownAdapter(p) })) });
      if (sorted.length === 0) {
        out.say("No serial ports found.");
        out.say("Plug the board in with a data cable; a virtual board (`espnode sim`) prints its own port path.");
        return;
      }
      for (const p of sorted) out.say((isKnownAdapter(p) ? out.colors.green("● ") : "  ") + formatPort(p));
    }),
  );
}
