// Control socket of a running `espnode sim`, so another process (e.g. `espnode flash`) can put the board in
// download mode or reset it. Protocol: connect to the Unix socket `<stateDir>/control.sock`, send one command per
// line (see CONTROL_HELP, e.g. "download\n"); each line gets one JSON line back: {"ok":true,"message":"..."}.
import { createServer, type Server, type Socket } from "node:net";
import { rmSync } from "node:fs";
import type { VirtualBoard } from "../board.ts";
import { runControlCommand } from "./control-commands.ts";

export class ControlServer {
  private constructor(
    private readonly server: Server,
    readonly path: string,
    private readonly clients: Set<Socket>,
  ) {}

  static async listen(board: VirtualBoard, path: string): Promise<ControlServer> {
    // A socket file left by a sim that was killed would make listen() fail with EADDRINUSE.
    rmSync(path, { force: true });
    const clients = new Set<Socket>();
    const server = createServer((socket) => {
      clients.add(socket);
      socket.on("close", () => clients.delete(socket));
      socket.on("error", () => socket.destroy());
      let pending = "";
      socket.on("data", (chunk) => {
        pending += chunk.toString("utf8");
        let newline: number;
        while ((newline = pending.indexOf("\n")) >= 0) {
          const line = pending.slice(0, newline);
          pending = pending.slice(newline + 1);
          if (!line.trim()) continue;
          socket.write(JSON.stringify(runControlCommand(board, line)) + "\n");
        }
      });
    });
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(path, () => resolve());
    });
    return new ControlServer(server, path, clients);
  }

  async close(): Promise<void> {
    for (const client of this.clients) client.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
    rmSync(this.path, { force: true });
  }
}

/** Sends one control command to a running sim and returns its reply (for other host tools). */
export async function sendControlCommand(path: string, command: string): Promise<{ ok: boolean; message: string }> {
  const { connect } = await import("node:net");
  return new Promise((resolve, reject) => {
    const socket = connect(path);
    let buffer = "";
    socket.on("error", (err) =>
      reject(new Error(`cannot reach the simulator control socket ${path}: ${err.message}; is \`espnode sim\` running?`)),
    );
    socket.on("connect", () => socket.write(command + "\n"));
    socket.on("data", (chunk) => {
      buffer += chunk.toString("utf8");
      const newline = buffer.indexOf("\n");
      if (newline >= 0) {
        socket.end();
        resolve(JSON.parse(buffer.slice(0, newline)) as { ok: boolean; message: string });
      }
    });
  });
}
