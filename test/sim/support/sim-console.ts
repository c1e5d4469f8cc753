// Test helpers: a virtual board in a temporary state directory with a recorder of its console output.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VirtualBoard, type VirtualBoardOptions } from "../../../host-tools/sim/board.ts";

export const TEST_AP = { ssid: "sim-test-ap", password: "sim-test-password" };
export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ConsoleRecorder {
  private text = "";
  private mark = 0;

  constructor(source: { on(event: "data", fn: (b: Buffer) => void): unknown }) {
    source.on("data", (b: Buffer) => {
      this.text += b.toString("latin1");
    });
  }

  /** Everything received so far. */
  all(): string {
    return this.text;
  }

  /** What arrived since the last call to since() (or since creation). */
  since(): string {
    const out = this.text.slice(this.mark);
    this.mark = this.text.length;
    return out;
  }

  /** Waits until the output after the mark matches `re`; returns that output and moves the mark past it. */
  async waitFor(re: RegExp, timeoutMs = 5000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const fresh = this.text.slice(this.mark);
      const match = re.exec(fresh);
      if (match) {
        this.mark += match.index + match[0].length;
        return fresh.slice(0, match.index + match[0].length);
      }
      if (Date.now() > deadline) throw new Error(`console never showed ${re}; got: ${JSON.stringify(fresh.slice(-1500))}`);
      await sleep(10);
    }
  }
}

export interface TestBoard {
  board: VirtualBoard;
  stateDir: string;
  out: ConsoleRecorder;
  /** Types a line (adds "\r") and waits for the next prompt; returns what came back. */
  type(line: string, until?: RegExp): Promise<string>;
  /** What a typed line printed, without its echo and the closing prompt (line ends as the board sent them). */
  answer(line: string): Promise<string>;
  close(): Promise<void>;
}

export async function startBoard(options: Partial<VirtualBoardOptions> = {}): Promise<TestBoard> {
  const stateDir = options.stateDir ?? (await mkdtemp(join(tmpdir(), "espnode-sim-")));
  const board = await VirtualBoard.start({ wifi: TEST_AP, seed: 7, ...options, stateDir });
  const out = new ConsoleRecorder(board.port);
  out.since();
  const type = (line: string, until = /\r\n>$/) => {
    board.port.write(line + "\r");
    return out.waitFor(until);
  };
  return {
    board,
    stateDir,
    out,
    type,
    async answer(line) {
      return (await type(line)).slice(line.length + 2, -3);
    },
    async close() {
      await board.close();
      if (!options.stateDir) await rm(stateDir, { recursive: true, force: true });
    },
  };
}
