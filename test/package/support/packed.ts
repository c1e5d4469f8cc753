// `npm pack` of this checkout and an offline install of the tarball, shared by the package tests.
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../../..");
export const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as {
  version: string;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
  exports: Record<string, string | Record<string, string>>;
  allowScripts?: Record<string, boolean>;
};

export interface PackResult {
  filename: string;
  size: number;
  unpackedSize: number;
  files: { path: string }[];
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

// npm settings inherited from an `npm test` that started vitest must not steer the npm runs below.
export const cleanEnv = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => {
  const env: NodeJS.ProcessEnv = { NO_COLOR: "1", ...extra };
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k) && !/^VITEST/.test(k) && !(k in env)) env[k] = v;
  return env;
};

export const children = new Set<ChildProcess>();

export function run(command: string, args: string[], cwd: string, env = cleanEnv(), timeoutMs = 170_000): Promise<Run> {
  return new Promise((done, fail) => {
    const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    children.add(child);
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("error", fail);
    child.on("close", (code) => {
      clearTimeout(timer);
      children.delete(child);
      done({ code, stdout, stderr });
    });
  });
}

export function killChildren(): void {
  for (const child of children) if (child.pid && child.exitCode === null) process.kill(child.pid, "SIGKILL");
}

/** Packs this checkout into dir (prepack compiles the CLI) and returns npm's report. */
export async function pack(dir: string): Promise<PackResult> {
  const r = await run("npm", ["pack", "--json", "--pack-destination", dir], ROOT);
  if (r.code !== 0) throw new Error(`npm pack failed: ${r.stderr}${r.stdout}`);
  // prepack's own output comes first on stdout; npm's JSON report is the array after it.
  const json = r.stdout.slice(r.stdout.startsWith("[") ? 0 : r.stdout.indexOf("\n[") + 1);
  return (JSON.parse(json) as PackResult[])[0]!;
}

/**
 * Writes the lockfile a project has after its first install, so `npm install --offline` can work: without one, npm
 * resolves version ranges against the registry's full package documents, which `npm ci` never fetched. The entries
 * are this checkout's (the versions it is tested with); `dev` keeps the dev-only packages too (vitest, for a
 * project made by `espnode init`). A package missing from it fails the install (ENOTCACHED), as it should.
 */
export function writeOfflineLock(projectDir: string, name: string, root: Record<string, unknown>, opts: { dev: boolean }): void {
  const lock = JSON.parse(readFileSync(join(ROOT, "package-lock.json"), "utf8")) as { packages: Record<string, { dev?: boolean }> };
  const packages: Record<string, unknown> = { "": { name, ...root } };
  for (const [key, entry] of Object.entries(lock.packages))
    if (key.startsWith("node_modules/") && (opts.dev || !entry.dev)) packages[key] = entry;
  writeFileSync(join(projectDir, "package-lock.json"), JSON.stringify({ name, lockfileVersion: 3, requires: true, packages }));
}
