// Options every board command shares, and turning them into PortOptions / Output.
import { Option, type Command } from "commander";
import { EspnodeError } from "../transport/errors.ts";
import type { PortOptions } from "../commands/connect.ts";
import type { PortInfo } from "../transport/ports.ts";
import { Output } from "./output.ts";

export interface CommonFlags {
  port?: string;
  baud?: string;
  json?: boolean;
  quiet?: boolean;
  verbose?: boolean;
}

export function addOutputOptions(cmd: Command): Command {
  return cmd
    .option("--json", "machine-readable result on stdout (human text goes to stderr)")
    .addOption(new Option("-q, --quiet", "print only errors").conflicts("verbose"))
    .option("-v, --verbose", "print more detail");
}

export function addPortOptions(cmd: Command): Command {
  return addOutputOptions(
    cmd
      .option("-p, --port <port>", "auto | PATH | id:USB_SERIAL", "auto")
      .option("-b, --baud <rate>", "console baud rate", "115200"),
  );
}

export function parseBaud(text: string | undefined): number {
  const baud = Number(text ?? 115200);
  if (!Number.isInteger(baud) || baud < 300 || baud > 5_000_000)
    throw new EspnodeError("usage", `--baud ${text} is not a baud rate.`, "Use e.g. --baud 115200 (Espruino's default).");
  return baud;
}

/** Asks which board to use when several are plugged in (only on a TTY). */
async function choosePort(candidates: PortInfo[]): Promise<PortInfo> {
  const { select, isCancel } = await import("@clack/prompts");
  const { portLabel } = await import("../transport/ports.ts");
  const picked = await select({
    message: "Several boards are connected: which one?",
    options: candidates.map((p) => ({
      value: p.path,
      label: p.path,
      hint: `${portLabel(p) ?? "unknown"}${p.serialNumber ? ` ${p.serialNumber}` : ""}`,
    })),
  });
  if (isCancel(picked)) throw new EspnodeError("usage", "No board chosen.", "Pass --port PATH.");
  return candidates.find((p) => p.path === picked)!;
}

export function portOptions(flags: CommonFlags, out: Output): PortOptions {
  return {
    port: flags.port,
    baud: parseBaud(flags.baud),
    choosePort: process.stdin.isTTY && process.stderr.isTTY && !flags.json ? choosePort : undefined,
    onPortChosen: (_port, description) => out.step(`using ${description}`),
    tap: out.verbose ? (text) => out.detail(`rx ${JSON.stringify(text)}`) : undefined,
    onNotice: (text) => out.detail(text),
  };
}
