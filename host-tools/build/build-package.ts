// The package build (`npm run build:package`, run by `npm pack` / `npm publish` as prepack): compiles the host tools
// and the firmware modules they import to JavaScript under dist/package/, so the installed CLI runs on plain node
// with no TypeScript loader, and ships the board worker prebuilt. A checkout never needs this: the launcher runs
// the TypeScript sources with tsx when they are there.
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { bundleBoardWorker, PREBUILT_WORKER_FILE } from "../sim/worker/worker-bundle.ts";
import { undeclaredImports } from "./runtime-imports.ts";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const PACKAGE_OUT_DIR = path.join(root, "dist/package");

function formatDiagnostics(diagnostics: readonly ts.Diagnostic[]): string {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => root,
    getNewLine: () => "\n",
  });
}

/** Compiles with host-tools/build/tsconfig.package.json; throws on any type or emit error. */
function compile(): number {
  const configPath = path.join(root, "host-tools/build/tsconfig.package.json");
  const config = ts.getParsedCommandLineOfConfigFile(configPath, {}, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new Error(formatDiagnostics([d]));
    },
  });
  if (!config) throw new Error(`cannot read ${configPath}`);
  if (config.errors.length) throw new Error(formatDiagnostics(config.errors));
  const program = ts.createProgram({ rootNames: config.fileNames, options: config.options });
  const emitted = program.emit();
  const diagnostics = [...ts.getPreEmitDiagnostics(program), ...emitted.diagnostics];
  const errors = diagnostics.filter((d) => d.category === ts.DiagnosticCategory.Error);
  if (errors.length || emitted.emitSkipped) {
    throw new Error(`the package does not compile:\n${formatDiagnostics(errors)}`);
  }
  return program.getSourceFiles().filter((f) => !f.isDeclarationFile).length;
}

export function buildPackage(): { files: number; workerBytes: number } {
  rmSync(PACKAGE_OUT_DIR, { recursive: true, force: true });
  const files = compile();
  const worker = bundleBoardWorker();
  const workerDir = path.join(PACKAGE_OUT_DIR, "host-tools/sim/worker");
  mkdirSync(workerDir, { recursive: true });
  writeFileSync(path.join(workerDir, PREBUILT_WORKER_FILE), worker);
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as { dependencies?: Record<string, string> };
  const undeclared = undeclaredImports(PACKAGE_OUT_DIR, pkg.dependencies ?? {});
  if (undeclared.length) {
    throw new Error(
      "the compiled code imports packages that are not runtime dependencies (an installed package lacks them):\n" +
        undeclared.map((i) => `  ${i.file}: ${i.pkg}`).join("\n") +
        "\n  next: move them to \"dependencies\" in package.json, or keep them out of host-tools/.",
    );
  }
  return { files, workerBytes: Buffer.byteLength(worker) };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const r = buildPackage();
    console.log(`dist/package: ${r.files} modules compiled, board worker ${r.workerBytes} bytes`);
  } catch (err) {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  }
}
