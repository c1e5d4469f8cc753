// The board worker's code as one CommonJS script, bundled with esbuild on first use, so the worker starts the
// same way under tsx, vitest or plain node (a worker thread does not inherit the parent's TypeScript loader).
import { buildSync } from "esbuild";
import { fileURLToPath } from "node:url";

let cached: string | undefined;

export function boardWorkerSource(): string {
  if (cached) return cached;
  const entry = fileURLToPath(new URL("./board-worker.ts", import.meta.url));
  const result = buildSync({
    entryPoints: [entry],
    bundle: true,
    platform: "node",
    format: "cjs",
    target: "node20",
    write: false,
    logLevel: "silent",
  });
  cached = result.outputFiles[0]!.text;
  return cached;
}
