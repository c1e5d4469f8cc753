// An embedded MQTT broker (aedes) on a free 127.0.0.1 port, for `espnode demo` and `espnode/testing`.
import { createServer, type AddressInfo, type Server, type Socket } from "node:net";
import type { Aedes } from "aedes";

export interface EmbeddedBroker {
  broker: Aedes;
  /** mqtt://127.0.0.1:PORT */
  url: string;
  port: number;
  /** Stops accepting, drops the connected clients (a board keeps its socket open) and closes the broker. */
  close(): Promise<void>;
}

export async function startEmbeddedBroker(): Promise<EmbeddedBroker> {
  const { Aedes } = await import("aedes");
  const broker = await Aedes.createBroker();
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
    broker.handle(socket);
  });
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    broker,
    url: `mqtt://127.0.0.1:${port}`,
    port,
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await new Promise<void>((resolve) => broker.close(() => resolve()));
    },
  };
}
