// The firmware's HMAC-SHA256 (the board has SHA256 but no HMAC) against Node's crypto.createHmac: in Node, on the
// virtual board, and on the reference interpreter when ESPNODE_REFERENCE_ESPRUINO is set.
import { describe, expect, it } from "vitest";
import { createHash, createHmac } from "node:crypto";
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { hmacSha256Hex, sameText } from "../../firmware/protocol/hmac.ts";
import { compileDeviceEntry } from "../../firmware/build/build.ts";
import { REFERENCE_ESPRUINO } from "../helpers/reference-espruino.ts";
import { startSim, waitForConsole } from "../cli/support/sim.ts";

const sha256 = (s: string) => createHash("sha256").update(Buffer.from(s, "latin1")).digest("latin1");
const nodeHmac = (key: string, msg: string) => createHmac("sha256", Buffer.from(key, "latin1")).update(Buffer.from(msg, "latin1")).digest("hex");

let long = "";
for (let i = 0; i < 100; i++) long += String.fromCharCode((i * 7) & 255);
const CASES: [string, string][] = [
  ["owner-ota-key-0123456789", "espnode-ota1|n1|abc|100|0badf00d|ff|00000000|v2|60"],
  [long, "message"], // a key longer than the block is hashed first
  ["k\xff\x00\x80key-bytes-0000", "\x00\x01\xfe\xff"],
];
const expected = CASES.map(([k, m], i) => `HMAC${i + 1} ${nodeHmac(k, m)}`);

describe("HMAC-SHA256 on the firmware's SHA256", () => {
  it("matches Node's createHmac, including RFC 4231 test case 2", () => {
    for (const [k, m] of CASES) expect(hmacSha256Hex(sha256, k, m)).toBe(nodeHmac(k, m));
    expect(hmacSha256Hex(sha256, "Jefe", "what do ya want for nothing?")).toBe("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    expect(sameText("ab", "ab")).toBe(true);
    expect(sameText("ab", "ac")).toBe(false);
    expect(sameText("ab", "abc")).toBe(false);
  });

  it("gives the same MACs on the virtual board", async () => {
    const code = await compileDeviceEntry("test/protocol/fixtures/hmac-on-board.ts");
    const sim = await startSim({ app: code });
    try {
      // Deploy ran it once before the console was captured: boot it again.
      sim.board.reset();
      await waitForConsole(sim, /HMAC3 [0-9a-f]{64}/);
      expect(sim.console().match(/HMAC\d [0-9a-f]{64}/g)).toEqual(expected);
    } finally {
      await sim.close();
    }
  }, 60_000);

  it.skipIf(!REFERENCE_ESPRUINO)("gives the same MACs on the reference interpreter", async () => {
    const code = await compileDeviceEntry("test/protocol/fixtures/hmac-on-board.ts");
    const dir = mkdtempSync(join(tmpdir(), "espnode-hmac-ref-"));
    try {
      writeFileSync(join(dir, "hmac.js"), code);
      const r = spawnSync("timeout", ["-s", "KILL", "5", REFERENCE_ESPRUINO!, "hmac.js"], { cwd: dir, encoding: "latin1" });
      expect(r.stdout.match(/HMAC\d [0-9a-f]{64}/g)).toEqual(expected);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 30_000);
});
