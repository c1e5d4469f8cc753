// The node's app-update receiver takes a chunk as a byte string or as a view over the received bytes (what
// payloadView hands it on a board: no copy of the chunk), with the same result, including a chunk sent again.
import { describe, expect, it } from "vitest";
import { crc32 } from "node:zlib";
import { createHash } from "node:crypto";
import { OtaReceiver } from "../../firmware/app/ota.ts";
import { FlashStorageDouble } from "./flash-storage-double.ts";

/** bytes[start, end) of a larger received chunk, as zeroCopy makes it on a board. */
function viewOf(text: string): Uint8Array {
  const received = Uint8Array.from("\x30\x10topic" + text + "tail", (c) => c.charCodeAt(0));
  return received.subarray(7, 7 + text.length);
}

function receiver() {
  const storage = new FlashStorageDouble();
  const statuses: string[] = [];
  const r = new OtaReceiver(
    {
      storage,
      crc32: (s) => crc32(Buffer.from(s, "latin1")) >>> 0,
      sha256: (s) => createHash("sha256").update(Buffer.from(s, "latin1")).digest("latin1"),
      publish: (json) => (statuses.push(json), true),
      reboot: () => {},
      log: () => {},
    },
    "n1",
    "key",
    "espnode.app.a",
  );
  // a transfer under way (begin() checked its MAC): 12 bytes into slot b
  r.m = { tid: "t1", size: 12, crc: "0", sha: "0", app: "v2", from: "", health: 30, mac: "" };
  r.target = "espnode.app.b";
  r.next = 0;
  return { r, storage, statuses };
}

const chunk = (offset: number, bytes: string) => offset.toString(16).padStart(8, "0") + bytes;

describe("OtaReceiver.chunk", () => {
  for (const form of ["string", "view"] as const) {
    const as = (s: string) => (form === "string" ? s : viewOf(s));
    it(`writes chunks given as a ${form}, compares one sent again, refuses one that differs`, () => {
      const { r, storage, statuses } = receiver();
      r.chunk(as(chunk(0, "\x00\x01\xfeAB")));
      r.chunk(as(chunk(5, "cdefg")));
      expect(r.next).toBe(10);
      expect(storage.read("espnode.app.b", 0, 10)).toBe("\x00\x01\xfeABcdefg");
      const writes = storage.writes;
      // the acknowledgement was lost: the same bytes again are compared, not written
      r.chunk(as(chunk(5, "cdefg")));
      expect(storage.writes).toBe(writes);
      expect(statuses.at(-1)).toContain('"next":10');
      // other bytes at a written offset stop the transfer
      r.chunk(as(chunk(5, "cdefX")));
      expect(statuses.at(-1)).toContain("chunk at 5 differs from what is written");
      expect(r.m).toBeNull();
    });

    it(`refuses a chunk as a ${form} whose offset is not hex or lies outside the app`, () => {
      const { r, statuses } = receiver();
      r.chunk(as("0000000g" + "abc"));
      expect(statuses.at(-1)).toContain("outside the app");
      r.chunk(as(chunk(11, "abc")));
      expect(statuses.at(-1)).toContain("chunk at 11 outside the app");
    });
  }
});
