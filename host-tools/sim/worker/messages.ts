// Messages between the port thread (board.ts) and the board worker.
import type { EnvironmentValues } from "../hardware/environment.ts";
import type { AccessPointState } from "../wifi/access-point.ts";

export type ToBoard =
  | { t: "in"; data: Uint8Array }
  | { t: "ap"; ap: AccessPointState }
  | { t: "error-flag"; flag: string }
  | { t: "truth"; id: number }
  | { t: "shutdown" };

export type FromBoard =
  | { t: "out"; data: Uint8Array }
  | { t: "consumed"; n: number }
  | { t: "ready" }
  | { t: "truth"; id: number; values: EnvironmentValues }
  | { t: "down" };
