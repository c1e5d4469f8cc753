// Running virtual boards (`espnode sim`) announce their pseudo-terminal here, because no udev or /sys listing ever
// reports a pty: one JSON file per sim process in a per-user runtime directory. The sim writes its entry while it
// runs; `espnode list` and `--port auto` read them. Entries whose process died (SIGKILL leaves them behind) or whose
// pty is gone are ignored and removed by whoever reads them.
import { existsSync, lstatSync, mkdirSync, unlinkSync } from "node:fs";
import { readdir, readFile, rename, unlink, writeFile } from "node:fs/promises";
import { tmpdir, userInfo } from "node:os";
import { join } from "node:path";

/** Overrides the registry directory (tests use a temporary one so they never see, or leave, real entries). */
export const RUNTIME_DIR_ENV = "ESPNODE_RUNTIME_DIR";

export interface VirtualBoardEntry {
  pid: number;
  /** The pseudo-terminal serving the board's console, e.g. /dev/pts/5. */
  port: string;
  /** The raw TCP console, when the sim was started with --tcp. */
  tcp?: { host: string; port: number };
  stateDir: string;
  /** The sim's control socket (download, reset, wifi down, ...). */
  control?: string;
  /** ISO 8601 start time. */
  started: string;
}

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
  if (typeof v !== "object" || v === null) return undefined;
  const e = v as Record<string, unknown>;
  if (!Number.isInteger(e.pid) || (e.pid as number) <= 0) return undefined;
  if (typeof e.port !== "string" || !e.port || typeof e.stateDir !== "string" || typeof e.started !== "string") return undefined;
  const tcp = e.tcp as { host?: unknown; port?: unknown } | undefined;
  const tcpOk = tcp === undefined || (typeof tcp === "object" && tcp !== null && typeof tcp.host === "string" && Number.isInteger(tcp.port));
  if (!tcpOk || (e.control !== undefined && typeof e.control !== "string")) return undefined;
  return {
    pid: e.pid as number,
    port: e.port,
    stateDir: e.stateDir,
    started: e.started,
    ...(tcp ? { tcp: { host: tcp.host as string, port: tcp.port as number } } : {}),
    ...(e.control !== undefined ? { control: e.control as string } : {}),
  };
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
