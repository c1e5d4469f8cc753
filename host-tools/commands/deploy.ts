// `espnode deploy`: put an app on the board so that an interrupted upload can never leave it without one.
//
// Layout on the board: two app slots (espnode.app.a / espnode.app.b), a pointer file (espnode.boot) naming the
// slot that boots, and a tiny .bootcde loader that evaluates the slot the pointer names. A deploy:
//   1. compares the host file's CRC-32 with the active slot's: identical → nothing to do;
//   2. uploads into the *inactive* slot and checks its CRC-32 on the board;
//   3. only then rewrites the pointer (one short write: the switch), then installs the loader if missing;
//   4. restarts (load()).
// Until step 3 the pointer still names the old, verified slot, so cutting power or the cable during the upload
// leaves the old app booting. On a board without our loader, the old .bootcde keeps booting until step 3 is done,
// because the loader is written after the pointer.
import { readFile } from "node:fs/promises";
import { EspnodeError } from "../transport/errors.ts";
import { crc32, type UploadMethod } from "../device/espruino/storage.ts";
import type { Progress } from "../device/espruino/packet.ts";
import { openBoard, type Board, type PortOptions } from "./connect.ts";
import { TRIAL_FILE, ROLLBACK_FILE, OTA_MAX_TRIAL_BOOTS } from "../../firmware/protocol/ota.ts";

export const APP_SLOTS = ["espnode.app.a", "espnode.app.b"] as const;
export const BOOT_POINTER = "espnode.boot";
export const BOOT_FILE = ".bootcde";
/**
 * Top-level code (not a function) so the app's top-level vars stay global, as if it were .bootcde itself.
 * Rewriting a Storage file erases the old copy before writing the new one, so a power cut in that instant can
 * lose the pointer. Both slots are complete and verified whenever the pointer is being written, so the loader then
 * boots the slot written last (Storage lists files in flash order; a rewritten file moves to the end).
 *
 * Trial boots (`espnode ota`): while TRIAL_FILE exists the loader boots the slot it names instead of the pointer's,
 * counting boots in it. It falls back to the pointer's slot (which the update never changes) and leaves the reason in
 * ROLLBACK_FILE when the new app throws while starting, after OTA_MAX_TRIAL_BOOTS boots without confirming, or when
 * the file is still there `ms` after boot. The app confirms by switching the pointer and erasing the file.
 * load() only takes effect once the running code returns, so the crash path calls it last.
 */
export const LOADER =
  `var __espnodeApp=require("Storage").read("${BOOT_POINTER}"),__espnodeTrial=require("Storage").readJSON("${TRIAL_FILE}",1);` +
  `function __espnodeRollback(r){__espnodeTrial.reason=r;require("Storage").write("${ROLLBACK_FILE}",JSON.stringify(__espnodeTrial));` +
  `require("Storage").erase("${TRIAL_FILE}");print("espnode: rolling back from "+__espnodeTrial.slot+": "+r);__espnodeTrial=0}` +
  `if(__espnodeTrial){if(__espnodeTrial.n>=${OTA_MAX_TRIAL_BOOTS})__espnodeRollback("restarted "+__espnodeTrial.n+" times without reporting healthy");` +
  `else{__espnodeTrial.n++;require("Storage").write("${TRIAL_FILE}",JSON.stringify(__espnodeTrial));__espnodeApp=__espnodeTrial.slot;` +
  `setTimeout(function(t){if(require("Storage").read("${TRIAL_FILE}")!==undefined){__espnodeTrial=t;__espnodeRollback("not healthy within "+t.ms/1000+" s");load()}},__espnodeTrial.ms,__espnodeTrial)}}` +
  `if(!__espnodeApp||require("Storage").read(__espnodeApp)===undefined)__espnodeApp=require("Storage").list(/^espnode\\.app\\.[ab]$/).pop();` +
  `if(!__espnodeApp)print("espnode: no app deployed (run espnode deploy)");` +
  `else if(__espnodeTrial)try{eval(require("Storage").read(__espnodeApp))}catch(e){__espnodeRollback("crashed at start: "+e);load()}` +
  `else eval(require("Storage").read(__espnodeApp));`;

export interface DeployOptions extends PortOptions {
  /** Path of the app (default dist/firmware/app.js). */
  file?: string;
  /** Or the app's bytes directly. */
  data?: Buffer;
  /** Extra Storage files the app requires (e.g. the "mqtt" module), uploaded verified, skipped when identical. */
  modules?: { name: string; file?: string; data?: Buffer }[];
  /** Force one upload method (default: packet protocol when the firmware is 2v25+). */
  method?: UploadMethod;
  /** Upload even when the board already has identical code. */
  force?: boolean;
  /** Do not restart the app afterwards. */
  noRestart?: boolean;
  onProgress?: Progress;
  onStep?: (message: string) => void;
  /** Use this already-open board (the demo and provision chain commands on one connection). */
  board?: Board;
}

export interface DeployResult {
  skipped: boolean;
  slot: string;
  bytes: number;
  crc: string;
  method: UploadMethod;
  seconds: number;
  bytesPerSecond: number;
  version: string;
  modules: { name: string; skipped: boolean; bytes: number }[];
}

async function loadBytes(file: string | undefined, data: Buffer | undefined, what: string): Promise<Buffer> {
  if (data) return data;
  const path = file ?? "dist/firmware/app.js";
  try {
    return await readFile(path);
  } catch (e) {
    const missing = (e as NodeJS.ErrnoException).code === "ENOENT";
    throw new EspnodeError(
      "usage",
      `Cannot read ${what} ${path}${missing ? ": no such file" : `: ${(e as Error).message}`}.`,
      missing && !file ? "Build the firmware first with `espnode build` (or `npm run build`)." : "Check the path.",
    );
  }
}

export async function deploy(opts: DeployOptions): Promise<DeployResult> {
  const step = opts.onStep ?? (() => {});
  // Read everything before touching the board.
  const app = await loadBytes(opts.file, opts.data, "app");
  const modules = await Promise.all(
    (opts.modules ?? []).map(async (m) => ({ name: m.name, data: await loadBytes(m.file, m.data, `module ${m.name}`) })),
  );
  const board = opts.board ?? (await openBoard(opts));
  try {
    const method = opts.method ?? board.uploadMethod;
    const { storage } = board;
    const want = crc32(app);
    const result: DeployResult = {
      skipped: false,
      slot: "",
      bytes: app.length,
      crc: want.toString(16).padStart(8, "0"),
      method,
      seconds: 0,
      bytesPerSecond: 0,
      version: board.version.version,
      modules: [],
    };

    for (const m of modules) {
      const same = !opts.force && (await storage.crc(m.name)) === crc32(m.data);
      if (!same) {
        step(`uploading module ${m.name} (${m.data.length} bytes)`);
        await storage.uploadVerified(m.name, m.data, { method, onProgress: opts.onProgress });
      }
      result.modules.push({ name: m.name, skipped: same, bytes: m.data.length });
    }

    const pointer = await storage.readText(BOOT_POINTER);
    const active = APP_SLOTS.find((s) => s === pointer);
    const loaderOk = (await storage.crc(BOOT_FILE)) === crc32(LOADER);
    if (!opts.force && active && loaderOk && (await storage.crc(active)) === want) {
      step(`${active} already holds this app (CRC ${result.crc}): nothing to upload`);
      return { ...result, skipped: true, slot: active };
    }

    const stage = active === APP_SLOTS[0] ? APP_SLOTS[1] : APP_SLOTS[0];
    result.slot = stage;
    // An update still on trial boots the inactive slot: end the trial first, so the board boots the pointer's
    // verified slot while that one is overwritten.
    await board.repl.eval<boolean>(`require("Storage").erase(${JSON.stringify(TRIAL_FILE)}),true`);
    step(`uploading ${app.length} bytes to ${stage} (${method === "packet" ? "packet protocol" : "Storage.write lines"})`);
    const started = performance.now();
    try {
      await storage.uploadVerified(stage, app, { method, onProgress: opts.onProgress });
    } catch (e) {
      throw stoppedDuring(e, `the upload of ${stage}`, active);
    }
    result.seconds = (performance.now() - started) / 1000;
    result.bytesPerSecond = Math.round(app.length / result.seconds);

    // The switch: from here on the new, verified slot boots.
    step(`switching ${BOOT_POINTER} to ${stage}`);
    await writeSmallVerified(board, BOOT_POINTER, stage);
    if (!loaderOk) {
      step(`installing the loader in ${BOOT_FILE}`);
      await writeSmallVerified(board, BOOT_FILE, LOADER);
    }
    if (!opts.noRestart) {
      step("restarting the app (load())");
      await restart(board);
    }
    return result;
  } finally {
    if (!opts.board) await board.close();
  }
}

/**
 * Names the step a board failure interrupted and what the board boots now: before the pointer switch the old,
 * verified app (or whatever booted before a first deploy) is untouched.
 */
function stoppedDuring(e: unknown, step: string, active: string | undefined): unknown {
  if (!(e instanceof EspnodeError) || (e.kind !== "device" && e.kind !== "port")) return e;
  const state = active
    ? `the old app (${active}) is still the one that boots`
    : "nothing was switched: the board boots what it booted before";
  return new EspnodeError(e.kind, `${e.message.replace(/\.$/, "")} during ${step}; ${state}.`, e.hint);
}

/** Writes a short text file in one Storage.write and checks its CRC-32. */
export async function writeSmallVerified(board: Board, name: string, text: string): Promise<void> {
  const ok = await board.repl.eval<boolean>(`require("Storage").write(${JSON.stringify(name)},${JSON.stringify(text)})`);
  const got = await board.storage.crc(name);
  if (ok !== true || got !== crc32(text))
    throw new EspnodeError("verify", `Writing ${name} on the board failed.`, "Storage may be full: erase unused files and try again.");
}

/** Reboots into the saved code and waits until the board answers again. */
export async function restart(board: Board): Promise<void> {
  board.console.clear();
  await board.repl.sendLine("load()");
  // Let the reboot finish (its prompt) before talking, so our next line is not cut by it; no Ctrl-C, which
  // would interrupt the app while it starts.
  await board.console.waitFor(/>/, 3000).catch(() => undefined);
  await board.repl.sync(10, 1000, false);
}
