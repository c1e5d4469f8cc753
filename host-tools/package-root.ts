// The installed espnode package's own folder (a checkout, or node_modules/espnode), found from this file upward,
// so files shipped beside the code (project templates, board typings) are found both from sources and compiled.
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

let root: string | undefined;

export function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const manifest = join(dir, "package.json");
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, "utf8")) as { name?: string }).name === "espnode") return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error("cannot find the espnode package folder (no package.json named espnode above " + fileURLToPath(import.meta.url) + ")");
    dir = up;
  }
}

/** espnode's version, from its package.json. */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")) as { version: string }).version;
}
