// The serial transport keeps reading while a write waits for room: against a peer that, like Espruino's Linux build
// behind a pty, reads nothing while its own output is blocked, a large write in each direction must complete.
// With @serialport/bindings-cpp's own write path this deadlocks (its poller stops watching "readable" while it waits
// for "writable"), which is how `espnode deploy` hung mid-upload.
import { afterEach, describe, expect, it } from "vitest";
import { PtyBridge } from "../../host-tools/sim/serial/pty-bridge.ts";
import { SerialTransport } from "../../host-tools/transport/serial-transport.ts";
import { withDeadline } from "../../host-tools/transport/deadline.ts";

const BYTES = 256 * 1024; // several times what a pty buffers in each direction

let peer: PtyBridge | undefined;
let transport: SerialTransport | undefined;

afterEach(async () => {
  await transport?.close();
  peer?.close();
});

function pattern(seed: number): Buffer {
  const b = Buffer.alloc(BYTES);
  for (let i = 0; i < BYTES; i++) b[i] = (i * 7 + seed) & 0xff;
  return b;
}

describe("serial transport against a peer whose output blocks its input", () => {
  it("writes 256 KB while receiving 256 KB: both arrive intact, nothing waits forever", { timeout: 30_000 }, async () => {
    const fromHost: Buffer[] = [];
    peer = PtyBridge.open((bytes) => fromHost.push(bytes), { blocking: true });
    transport = await SerialTransport.open({ path: peer.path, baud: 115200 });
    const received: Buffer[] = [];
    let receivedBytes = 0;
    transport.onData((chunk) => {
      received.push(chunk);
      receivedBytes += chunk.length;
    });
    // The peer's output overfills the pty at once, so the peer is blocked and reads nothing while the host writes.
    const toHost = pattern(1);
    peer.write(toHost);
    const sent = pattern(2);
    await withDeadline(transport.write(sent), 20_000, () => new Error(`write still pending after 20 s; ${receivedBytes} bytes read`));
    const deadline = Date.now() + 10_000;
    while ((receivedBytes < BYTES || Buffer.concat(fromHost).length < BYTES) && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    expect({ received: receivedBytes, atPeer: Buffer.concat(fromHost).length }).toEqual({ received: BYTES, atPeer: BYTES });
    expect(Buffer.concat(received).equals(toHost)).toBe(true);
    expect(Buffer.concat(fromHost).equals(sent)).toBe(true);
  });
});
