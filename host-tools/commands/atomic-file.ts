// Replacing a Storage file that the firmware reads by a fixed name (the config), so that an interrupted write
// never leaves a half-written file under that name: upload to a staging name and verify its CRC-32 there, then
// copy it over the real name in one Storage.write *on the board* (no console traffic in between, so a cable pull
// cannot cut it short), verify again, and remove the staging file.
import { EspnodeError } from "../transport/errors.ts";
import { crc32 } from "../device/espruino/storage.ts";
import type { Progress } from "../device/espruino/packet.ts";
import type { Board } from "./connect.ts";

/** Staging name for `name` (Storage names are at most 28 characters). */
export function stagingName(name: string): string {
  const stage = name + ".new";
  if (stage.length > 28) throw new RangeError(`staging name for ${name} is too long`);
  return stage;
}

export interface AtomicWriteResult {
  skipped: boolean;
  bytes: number;
  crc: number;
}

export async function writeFileAtomically(
  board: Board,
  name: string,
  data: Buffer,
  opts: { force?: boolean; onProgress?: Progress } = {},
): Promise<AtomicWriteResult> {
  const want = crc32(data);
  if (!opts.force && (await board.storage.crc(name)) === want) return { skipped: true, bytes: data.length, crc: want };
  const stage = stagingName(name);
  await board.storage.uploadVerified(stage, data, { method: board.uploadMethod, onProgress: opts.onProgress });
  const n = JSON.stringify(name);
  const s = JSON.stringify(stage);
  const ok = await board.repl.eval<boolean>(`require("Storage").write(${n},require("Storage").read(${s}))`, 10000);
  const got = await board.storage.crc(name);
  if (ok !== true || got !== want)
    throw new EspnodeError("verify", `Switching ${name} to the new version failed on the board.`, "Storage may be full: erase unused files and try again.");
  await board.storage.erase(stage);
  return { skipped: false, bytes: data.length, crc: want };
}
