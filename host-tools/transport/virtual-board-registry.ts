// Running virtual boards (`espnode sim`) announce their pseudo-terminal here, because no udev or /sys listing ever
// reports a pty: one JSON file per sim process in a per-user runtime directory. The sim writes its entry while it
// runs; `espnode list` and `--port auto` read them. Entries whose process died (SIGKILL leaves them behind) or whose
// pty is gone are ignored and removed by whoever reads them.
import { existsSync, lstatSync, mkdirSync, unlinkSync } from "node:fs";
import { readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";
import { z } from "zod";

/** Overrides the registry directory (tests use a temporary one so they never see, or leave, real entries). */
export const RUNTIME_DIR_ENV = "ESPNODE_RUNTIME_DIR";

/** One entry file: what a running sim tells `espnode list` about itself. */
const entrySchema = z.object({
  pid: z.number().int().positive(),
  /** The pseudo-terminal serving the board's console, e.g. /dev/pts/5. */
  port: z.string().min(1),
  /** The raw TCP console, when the sim was started with --tcp. */
  tcp: z.object({ host: z.string(), port: z.number().int() }).optional(),
  stateDir: z.string(),
  /** The sim's control socket (download, reset, wifi down, ...). */
  control: z.string().optional(),
  /** ISO 8601 start time. */
  started: z.string(),
});

export type VirtualBoardEntry = z.infer<typeof entrySchema>;

const ENTRY_FILE = /^sim-(\d+)\.json(\.tmp)?$/;

function currentUid(): number | undefined {
  return typeof process.getuid === "function" ? process.getuid() : undefined;
}

/** ESPNODE_RUNTIME_DIR, else $XDG_RUNTIME_DIR/espnode, else <tmp>/espnode-<uid>: private to this user either way. */
export function virtualBoardRegistryDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env[RUNTIME_DIR_ENV]) return env[RUNTIME_DIR_ENV];
  if (env.XDG_RUNTIME_DIR) return join(env.XDG_RUNTIME_DIR, "espnode");
  return join(tmpdir(), `espnode-${currentUid() ?? userInfo().username}`);
}

/** True when dir is a real directory owned by this user: a shared /tmp must not let others plant or read entries. */
function isOwnDirectory(dir: string): boolean {
  try {
    const st = lstatSync(dir);
    const uid = currentUid();
    return st.isDirectory() && (uid === undefined || st.uid === uid);
  } catch {
    return false;
  }
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM"; // exists, but belongs to someone else
  }
}

/** Parses one entry file; undefined for anything that is not a complete entry (it is then ignored, not trusted). */
export function parseVirtualBoardEntry(text: string): VirtualBoardEntry | undefined {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch {
    return undefined;
  }
  const r = entrySchema.safeParse(v);
  return r.success ? r.data : undefined;
}

export interface VirtualBoardRegistration {
  file: string;
  /** Removes the entry; synchronous so it also works from a process "exit" handler. Safe to call twice. */
  remove(): void;
}

/** Writes the entry atomically (temp file + rename) as <dir>/sim-<pid>.json. */
export async function registerVirtualBoard(
  entry: VirtualBoardEntry,
  dir = virtualBoardRegistryDir(),
): Promise<VirtualBoardRegistration> {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  if (!isOwnDirectory(dir))
    throw new Error(`${dir} is not a directory owned by you; set ${RUNTIME_DIR_ENV} to a private directory`);
  const file = join(dir, `sim-${entry.pid}.json`);
  const temp = `${file}.tmp`;
  await writeFile(temp, JSON.stringify(entry) + "\n", { mode: 0o600 });
  await rename(temp, file);
  let removed = false;
  return {
    file,
    remove() {
      if (removed) return;
      removed = true;
      try {
        unlinkSync(file);
      } catch {
        // already gone (a reader cleaned it, or the directory was removed)
      }
    },
  };
}

export interface ListVirtualBoardsOptions {
  dir?: string;
  /** Injected for tests; defaults to signal 0. */
  isAlive?: (pid: number) => boolean;
  /** Injected for tests; defaults to fs.existsSync. */
  portExists?: (path: string) => boolean;
}

/** Running virtual boards, oldest first; never throws. Removes entries of dead processes and vanished ptys. */
export async function listVirtualBoards(opts: ListVirtualBoardsOptions = {}): Promise<VirtualBoardEntry[]> {
  const dir = opts.dir ?? virtualBoardRegistryDir();
  const isAlive = opts.isAlive ?? isProcessAlive;
  const portExists = opts.portExists ?? existsSync;
  if (!isOwnDirectory(dir)) return [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const live: VirtualBoardEntry[] = [];
  for (const name of names) {
    const match = ENTRY_FILE.exec(name);
    if (!match) continue;
    const file = join(dir, name);
    const pid = Number(match[1]);
    if (!isAlive(pid)) {
      await unlink(file).catch(() => {});
      continue;
    }
    if (match[2]) continue; // a live sim is writing its entry right now
    const entry = parseVirtualBoardEntry(await readFile(file, "utf8").catch(() => ""));
    if (!entry || entry.pid !== pid) continue; // not ours to judge: leave it, but do not trust it
    if (!portExists(entry.port)) {
      await unlink(file).catch(() => {});
      continue;
    }
    live.push(entry);
  }
  return live.sort((a, b) => a.started.localeCompare(b.started) || a.pid - b.pid);
}
