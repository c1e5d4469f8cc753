// The board worker's code as one CommonJS script, so the worker starts the same way under tsx, vitest or plain node
// (a worker thread does not inherit the parent's TypeScript loader). The installed package ships it prebuilt next to
// the compiled module (host-tools/build/build-package.ts); a checkout bundles ./board-worker.ts with esbuild on
// first use, so a source change needs no build step.
import { existsSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/** File name of the prebuilt bundle, beside this module in the package's compiled tree. */
export const PREBUILT_WORKER_FILE = "board-worker.bundle.cjs";

let cached: string | undefined;

export function boardWorkerSource(): string {
  if (cached) return cached;
  const prebuilt = fileURLToPath(new URL(`./${PREBUILT_WORKER_FILE}`, import.meta.url));
  cached = existsSync(prebuilt) ? readFileSync(prebuilt, "utf8") : bundleBoardWorker();
  return cached;
}

/** Bundles the worker from its TypeScript source (a checkout, and the package build). */
export function bundleBoardWorker(): string {
  // Loaded only here: the installed package never bundles at run time.
  const { buildSync } = createRequire(import.meta.url)("esbuild") as typeof import("esbuild");
  const result = buildSync({
    entryPoints: [fileURLToPath(new URL("./board-worker.ts", import.meta.url))],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}
