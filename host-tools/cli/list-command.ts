// `espnode list`: serial ports, known ESP32 USB adapters first, then the ptys of running virtual boards (`espnode sim`).
import type { Command } from "commander";
import { addOutputOptions, type CommonFlags } from "./common-options.ts";
import { action } from "./run-action.ts";

export function registerListCommand(program: Command): void {
  addOutputOptions(
    program.command("list").description("list serial ports, the ESP32 USB adapters among them, and running virtual boards"),
  ).action(
    action<CommonFlags & { all?: boolean }>(async (_flags, out) => {
      const { listPorts, formatPortTable, isKnownAdapter, isVirtualBoard, adapterName, portLabel } = await import(
        "../transport/ports.ts"
      );
      const ports = await listPorts();
      // Known adapters first, then running virtual boards, then every other port.
      const rank = (p: (typeof ports)[number]) => (isKnownAdapter(p) ? 0 : isVirtualBoard(p) ? 1 : 2);
      const sorted = [...ports].sort((a, b) => rank(a) - rank(b));
      out.result({
        ok: true,
        ports: sorted.map((p) => ({
          ...p,
          adapter: adapterName(p) ?? null,
          label: portLabel(p) ?? null,
          virtual: isVirtualBoard(p),
          // a board can be expected here: a known ESP32 adapter or a virtual board (what --port auto considers)
          esp32: isKnownAdapter(p) || isVirtualBoard(p),
        })),
      });
      if (sorted.length === 0) {
        out.say("No serial ports found.");
        out.say("Plug the board in with a data cable, or start a virtual board with `espnode sim`.");
        return;
      }
      const table = formatPortTable(sorted);
      out.say("  " + table.header);
      sorted.forEach((p, i) => {
        const mark = isKnownAdapter(p) ? out.colors.green("● ") : isVirtualBoard(p) ? out.colors.cyan("○ ") : "  ";
        out.say(mark + table.rows[i]);
      });
    }),
  );
}
