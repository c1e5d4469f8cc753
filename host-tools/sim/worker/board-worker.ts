// Worker-thread entry of the virtual board: runs BoardCore and talks to the port thread (board.ts) by messages.
// Output is batched per turn of the event loop, but flushed at once when it piles up, so a busy loop that prints
// still streams while the thread is blocked.
import { parentPort, workerData } from "node:worker_threads";
import { BoardCore } from "../board-core.ts";
import type { ResetReason } from "../console/banner.ts";
import type { AccessPointState } from "../wifi/access-point.ts";
import type { ToBoard, FromBoard } from "./messages.ts";

const data = workerData as {
  stateDir: string;
  ap: AccessPointState;
  seed: number;
  maxCallDepth?: number;
  watchdogTimeScale?: number;
  flag: SharedArrayBuffer;
  reason: ResetReason;
};
const port = parentPort!;
const post = (message: FromBoard, transfer?: ArrayBuffer[]) => port.postMessage(message, transfer ?? []);

let pending: Buffer[] = [];
let pendingBytes = 0;
let flushQueued = false;
const FLUSH_NOW_BYTES = 256;

function flush(): void {
  flushQueued = false;
  if (!pendingBytes) return;
  const out = Buffer.concat(pending);
  pending = [];
  pendingBytes = 0;
  const bytes = new Uint8Array(out);
  post({ t: "out", data: bytes }, [bytes.buffer as ArrayBuffer]);
}

function send(bytes: Buffer): void {
  pending.push(Buffer.from(bytes));
  pendingBytes += bytes.length;
  if (pendingBytes >= FLUSH_NOW_BYTES) flush();
  else if (!flushQueued) {
    flushQueued = true;
    setImmediate(flush);
  }
}

const core = new BoardCore({
  stateDir: data.stateDir,
  ap: data.ap,
  seed: data.seed,
  maxCallDepth: data.maxCallDepth,
  watchdogTimeScale: data.watchdogTimeScale,
  interruptFlag: new Int32Array(data.flag),
  send,
  flush,
  ready: () => {
    flush();
    post({ t: "ready" });
  },
});

process.on("unhandledRejection", (reason) => core.uncaughtPromise(reason));

port.on("message", (message: ToBoard) => {
  switch (message.t) {
    case "in":
      core.receive(Buffer.from(message.data));
      flush();
      post({ t: "consumed", n: message.data.length });
      break;
    case "ap":
      core.setAccessPoint(message.ap);
      break;
    case "error-flag":
      core.flagError(message.flag);
      break;
    case "truth":
      post({ t: "truth", id: message.id, values: core.trueEnvironment() });
      break;
    case "shutdown":
      core.shutdown();
      flush();
      post({ t: "down" });
      break;
  }
});

core.boot(data.reason);
