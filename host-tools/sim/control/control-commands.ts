// The board's control commands, shared by `espnode sim` stdin and the control socket.
import type { VirtualBoard } from "../board.ts";

export const CONTROL_HELP =
  "wifi down | wifi up | power cut | reset | download | console stall | console resume | xon lost | xon delivered | help";

export interface ControlReply {
  ok: boolean;
  message: string;
}

export function runControlCommand(board: VirtualBoard, line: string): ControlReply {
  const command = line.trim().toLowerCase().replace(/\s+/g, " ");
  switch (command) {
    case "wifi down":
      board.wifiDown();
      return { ok: true, message: "access point down" };
    case "wifi up":
      board.wifiUp();
      return { ok: true, message: "access point up" };
    case "power cut":
      board.powerCut();
      return { ok: true, message: "power cut: board restarted without clean shutdown" };
    case "reset":
      board.reset();
      return { ok: true, message: "reset (EN pressed): Espruino boots" };
    case "download":
      board.enterDownloadMode();
      return { ok: true, message: "reset with GPIO0 low: ROM bootloader (download mode) on the console" };
    case "console stall":
      board.stallConsole();
      return { ok: true, message: "console stalled: the board takes no bytes from its console (reset or console resume ends it)" };
    case "console resume":
      board.resumeConsole();
      return { ok: true, message: "console resumed: the board takes its console bytes again" };
    case "xon lost":
      board.loseXon(true);
      return { ok: true, message: "the wire now loses every XON the board sends" };
    case "xon delivered":
      board.loseXon(false);
      return { ok: true, message: "XON bytes reach the host again" };
    case "help":
      return { ok: true, message: CONTROL_HELP };
    default:
      return { ok: false, message: `unknown command "${line.trim()}"; try: ${CONTROL_HELP}` };
  }
}
