// Virtual board figures: boot times, console round trips, packet upload throughput (unpaced and paced at 115200
// against the UART limit), interpreter loop speed with the Ctrl-C checks, and JsVar usage after boot.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { VirtualBoard } from "../../host-tools/sim/board.ts";

class Recorder {
  text = "";
  mark = 0;
  constructor(board: VirtualBoard) {
    board.port.on("data", (b: Buffer) => (this.text += b.toString("latin1")));
  }
  async waitFor(re: RegExp, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const fresh = this.text.slice(this.mark);
      const m = re.exec(fresh);
      if (m) {
        this.mark += m.index + m[0].length;
        return fresh.slice(0, m.index + m[0].length);
      }
      if (Date.now() > deadline) throw new Error(`timeout waiting for ${re}`);
      await new Promise((r) => setImmediate(r));
    }
  }
}

function packet(type: number, body: Buffer): Buffer {
  const header = type | body.length;
  return Buffer.concat([Buffer.from([0x10, 0x01, header >> 8, header & 0xff]), body]);
}

async function upload(board: VirtualBoard, out: Recorder, name: string, bytes: number): Promise<number> {
  const content = Buffer.alloc(bytes, 0x61);
  const started = performance.now();
  board.port.write(packet(0x6000, Buffer.from(JSON.stringify({ fn: name, s: bytes }))));
  await out.waitFor(/\x06/);
  for (let at = 0; at < bytes; at += 1024) {
    board.port.write(packet(0x8000, content.subarray(at, at + 1024)));
    await out.waitFor(/\x06/);
  }
  return (performance.now() - started) / 1000;
}

export default async function bench() {
  const rows: Record<string, string | number>[] = [];
  const stateDir = await mkdtemp(join(tmpdir(), "espnode-sim-bench-"));
  try {
    let t0 = performance.now();
    const board = await VirtualBoard.start({ stateDir: join(stateDir, "a") });
    rows.push({ measure: "power-on to prompt (first board in process, includes worker bundling)", value: (performance.now() - t0).toFixed(0), unit: "ms" });
    const out = new Recorder(board);
    t0 = performance.now();
    board.reset();
    await board.whenReady();
    rows.push({ measure: "reset (EN) to prompt", value: (performance.now() - t0).toFixed(0), unit: "ms" });
    await out.waitFor(/>$/);

    const N = 200;
    t0 = performance.now();
    for (let i = 0; i < N; i++) {
      board.port.write("1+1\r");
      await out.waitFor(/=2\r\n>/);
    }
    rows.push({ measure: "console line round trip (1+1, unpaced)", value: (((performance.now() - t0) / N) * 1000).toFixed(0), unit: "µs" });

    t0 = performance.now();
    for (let i = 0; i < N; i++) {
      board.port.write(packet(0x2000, Buffer.from("1+1")));
      await out.waitFor(/\x10\x01\x00\x012/);
    }
    rows.push({ measure: "EVAL packet round trip (unpaced)", value: (((performance.now() - t0) / N) * 1000).toFixed(0), unit: "µs" });

    const unpacedSeconds = await upload(board, out, "bench-unpaced.bin", 64 * 1024);
    rows.push({ measure: "FILE_SEND+DATA upload 64 KB, 1 KB packets, unpaced", value: (64 / unpacedSeconds).toFixed(0), unit: "KB/s" });

    board.port.write("var s = Date.now(); for (var i = 0; i < 1000000; i++) {} print('loop ms', Date.now() - s)\r");
    const loop = await out.waitFor(/loop ms (\d+)/);
    rows.push({ measure: "1e6 empty loop iterations (with interrupt checks)", value: Number(/loop ms (\d+)/.exec(loop)![1]), unit: "ms" });
    // Every call is counted against the board's nested-call limit; this is what that costs.
    board.port.write("function fib(n){return n<2?n:fib(n-1)+fib(n-2)} var s = Date.now(); fib(25); print('fib ms', Date.now() - s)\r");
    const fib = await out.waitFor(/fib ms (\d+)/);
    rows.push({ measure: "fib(25): 242785 calls through the call-depth check", value: Number(/fib ms (\d+)/.exec(fib)![1]), unit: "ms" });

    board.port.write("process.memory().usage\r");
    const usage = await out.waitFor(/=(\d+)\r\n/);
    rows.push({ measure: "JsVars in use after boot (estimate; total 16383)", value: Number(/=(\d+)/.exec(usage)![1]), unit: "JsVars" });
    await board.close();

    const paced = await VirtualBoard.start({ stateDir: join(stateDir, "b"), baud: 115200 });
    const pacedOut = new Recorder(paced);
    const kb = 16;
    const pacedSeconds = await upload(paced, pacedOut, "bench-paced.bin", kb * 1024);
    rows.push({ measure: `FILE_SEND+DATA upload ${kb} KB at 115200 baud`, value: (kb / pacedSeconds).toFixed(2), unit: "KB/s" });
    rows.push({ measure: "UART limit at 115200 8N1", value: (115200 / 10 / 1024).toFixed(2), unit: "KB/s" });
    await paced.close();
  } finally {
    await rm(stateDir, { recursive: true, force: true });
  }
  return { title: "Virtual board (host-tools/sim)", rows };
}
