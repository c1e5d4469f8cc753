// `espnode init [DIR]`: a new firmware project from the templates shipped in the package (no network needed):
// package.json (espnode and vitest as devDependencies, scripts build/dev/test, the entry under "espnode"),
// tsconfig.json typed for the board, src/main.ts (a real sensor node), test/main.test.ts, README.md, .gitignore.
import { existsSync, readdirSync } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, relative, resolve } from "node:path";
import { EspnodeError } from "../transport/errors.ts";
import { packageRoot, packageVersion } from "../package-root.ts";

export interface InitOptions {
  dir: string;
  /** Write into a directory that already has files (existing files with the same names are replaced). */
  force?: boolean;
  /** npm package name (default: the directory's name, made npm-safe). */
  name?: string;
}

export interface InitResult {
  dir: string;
  name: string;
  files: string[];
}

/** Template file name → name in the project (npm would drop a file called .gitignore from our own package). */
const RENAMES: Record<string, string> = { gitignore: ".gitignore" };

function npmName(dir: string): string {
  const name = basename(resolve(dir))
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "-")
    .replace(/^[._-]+|-+$/g, "");
  return name || "espnode-firmware";
}

async function listTemplates(dir: string, prefix = ""): Promise<string[]> {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, prefix), { withFileTypes: true })) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...(await listTemplates(dir, rel)));
    else out.push(rel);
  }
  return out.sort();
}

export async function initProject(opts: InitOptions): Promise<InitResult> {
  const dir = resolve(opts.dir);
  if (existsSync(dir) && readdirSync(dir).length > 0 && !opts.force)
    throw new EspnodeError(
      "usage",
      `${dir} is not empty.`,
      "Choose a new or empty directory (`espnode init my-node`), or pass --force to write the project files into it.",
    );
  const name = opts.name ?? npmName(dir);
  if (!/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/.test(name))
    throw new EspnodeError("usage", `"${name}" is not a valid npm package name.`, "Pass --name with lower-case letters, digits and dashes.");
  const templates = join(packageRoot(), "host-tools", "templates", "project");
  const ownManifest = JSON.parse(await readFile(join(packageRoot(), "package.json"), "utf8")) as {
    devDependencies?: Record<string, string>;
  };
  const values: Record<string, string> = {
    name,
    espnodeVersion: `^${packageVersion()}`,
    vitestVersion: ownManifest.devDependencies?.vitest ?? "^4.0.0",
  };
  const files: string[] = [];
  for (const template of await listTemplates(templates)) {
    const target = join(dir, ...template.split("/").map((part) => RENAMES[part] ?? part));
    const text = (await readFile(join(templates, template), "utf8")).replace(/\{\{(\w+)\}\}/g, (m, key: string) => values[key] ?? m);
    await mkdir(resolve(target, ".."), { recursive: true });
    await writeFile(target, text);
    files.push(relative(dir, target));
  }
  return { dir, name, files };
}
