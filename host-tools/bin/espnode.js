#!/usr/bin/env node
// espnode launcher. The installed package runs the compiled CLI (dist/package/, built by prepack) on plain node; a
// checkout, which has the TypeScript sources, runs them with tsx, so a change there needs no build step (and a stale
// dist/package/ left by `npm pack` is never used).
import { existsSync } from "node:fs";

const source = new URL("../cli/main.ts", import.meta.url);
if (existsSync(source)) {
  const { register } = await import("tsx/esm/api");
  register();
  await import(source.href);
} else {
  await import("../../dist/package/host-tools/cli/main.js");
}
