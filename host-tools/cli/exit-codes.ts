// Exit codes scripts can rely on; listed in `espnode --help`.
import type { FailureKind } from "../transport/errors.ts";

export const ExitCode = {
  OK: 0,
  FAILURE: 1,
  USAGE: 2,
  PORT: 3,
  DEVICE: 4,
  VERIFY: 5,
  INTERRUPTED: 130,
} as const;

export function exitCodeFor(kind: FailureKind): number {
  switch (kind) {
    case "usage":
      return ExitCode.USAGE;
    case "port":
      return ExitCode.PORT;
    case "device":
      return ExitCode.DEVICE;
    case "verify":
      return ExitCode.VERIFY;
    default:
      return ExitCode.FAILURE;
  }
}

export const EXIT_CODES_HELP = `Exit codes:
  0    success
  1    failure not covered below
  2    usage error: bad option or input (nothing on the board was touched)
  3    port problem: no such port, permission denied, port busy, several boards and no --port
  4    board problem: no prompt, wrong boot mode, unexpected answer
  5    verification failed: CRC mismatch after upload, device never reported online
  130  interrupted (Ctrl-C) before the command finished`;
