// The firmware build: bundle each device entry with esbuild, lower it to ES5 with TypeScript 5 (esbuild cannot
// lower let/const/classes), minify with terser, then refuse anything the interpreter cannot run.
import { mkdir, writeFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import * as esbuild from "esbuild";
import ts from "typescript";
import { minify } from "terser";
import { TraceMap, originalPositionFor } from "@jridgewell/trace-mapping";
import { checkDeviceCode, type OutputProblem } from "./check-output.ts";
import { MQTT_CLIENT_INTERNALS } from "../mqtt/client.ts";

/** Property names private to device classes; every other property keeps its name (Espruino APIs, handlers). */
const MANGLED_PROPERTIES = new RegExp("^(" + MQTT_CLIENT_INTERNALS.join("|") + ")$");

// The package root: two folders up from this source, four from its compiled copy in the package (dist/package/).
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), import.meta.url.endsWith(".js") ? "../../../.." : "../..");

export interface DeviceEntry {
  /** Output file name under the output directory. */
  name: string;
  entry: string;
  /** Globals replaced by the text of files built before this one, as string literals: name → output file name. */
  embed?: Record<string, string>;
  /** Loaded with require(): the interpreter gives a module its own scope, so the output needs no wrapper of its own. */
  module?: boolean;
}

export const DEVICE_ENTRIES: DeviceEntry[] = [
  { name: "mqtt.js", entry: "firmware/board/mqtt-module.ts", module: true },
  { name: "app.js", entry: "firmware/app/main.ts" },
  // The on-board memory benchmark carries the client module it measures.
  { name: "mqtt-memory.js", entry: "firmware/bench/mqtt-memory.ts", embed: { MQTT_MODULE_SOURCE: "mqtt.js" } },
];

export interface BuiltFile {
  name: string;
  path: string;
  bytes: number;
}

/** A device-check finding, placed in the TypeScript source when the source maps lead there. */
export interface SourceProblem extends OutputProblem {
  /** The source file (absolute) when the problem maps back to one. */
  file?: string;
}

export class DeviceCodeError extends Error {
  constructor(readonly file: string, readonly problems: SourceProblem[]) {
    super(`${file}: the Espruino interpreter cannot run this output:\n` +
      problems.slice(0, 20).map((p) => `  ${p.file ? p.file + ":" : ""}${p.line}:${p.column} ${p.message}`).join("\n"));
  }
}

/** Where a position of the device output came from, through each step's source map (null when it is lost). */
function traceBack(maps: string[], line: number, column: number): { source: string; line: number; column: number } | null {
  let pos = { source: "", line, column };
  for (const map of maps) {
    const o = originalPositionFor(new TraceMap(map), { line: pos.line, column: pos.column });
    if (o.line === null || o.source === null) return null;
    pos = { source: o.source, line: o.line, column: o.column };
  }
  return pos;
}

/**
 * TypeScript lowers a class to `var C = (function () { function C() {…} C.prototype.m = …; return C; }());`. On
 * Espruino that wrapper is one more scope level for every method, and each level costs a JsVar on every call, so a
 * wrapper that holds only the constructor, assignments and the return is replaced by what it holds. Classes with a
 * base class (the wrapper takes `_super`) or anything else inside keep theirs.
 */
export function flattenClassWrappers(context: ts.TransformationContext): ts.Transformer<ts.SourceFile> {
  const f = context.factory;
  const unwrap = (e: ts.Expression): ts.Expression =>
    ts.isParenthesizedExpression(e) || ts.isPartiallyEmittedExpression(e) ? unwrap(e.expression) : e;
  const flatten = (statement: ts.Statement): ts.Statement[] | undefined => {
    if (!ts.isVariableStatement(statement) || statement.declarationList.declarations.length !== 1) return;
    const decl = statement.declarationList.declarations[0]!;
    if (!ts.isIdentifier(decl.name) || !decl.initializer) return;
    const call = unwrap(decl.initializer);
    if (!ts.isCallExpression(call) || call.arguments.length) return;
    const fn = unwrap(call.expression);
    if (!ts.isFunctionExpression(fn) || fn.parameters.length || fn.name) return;
    const body = fn.body.statements;
    const name = decl.name.text;
    const first = body[0];
    const last = body[body.length - 1];
    if (!first || !ts.isFunctionDeclaration(first) || !first.name) return;
    // `var C = class {…}` (esbuild writes classes with fields so) comes out as `function class_1` inside
    const inner = first.name.text;
    const returned = last && ts.isReturnStatement(last) && last.expression && unwrap(last.expression);
    if (!returned || !ts.isIdentifier(returned) || returned.text !== inner) return;
    const middle = body.slice(1, -1);
    if (!middle.every((s) => ts.isExpressionStatement(s))) return;
    const statements = [first, ...middle];
    if (inner === name) return statements;
    // renamed to the outer name, unless that name is used inside (it could mean something else there)
    let clash = false;
    const find = (n: ts.Node): void => {
      if (ts.isIdentifier(n) && n.text === name) clash = true;
      else n.forEachChild(find);
    };
    statements.forEach(find);
    if (clash) return;
    const rename = (n: ts.Node): ts.Node =>
      ts.isIdentifier(n) && n.text === inner ? f.createIdentifier(name) : ts.visitEachChild(n, rename, context);
    return statements.map((s) => rename(s) as ts.Statement);
  };
  const visit = (node: ts.Node): ts.Node => {
    const n = ts.visitEachChild(node, visit, context);
    if (ts.isSourceFile(n) || ts.isBlock(n)) {
      let changed = false;
      const out: ts.Statement[] = [];
      for (const s of n.statements) {
        const flat = flatten(s);
        if (flat) changed = true;
        out.push(...(flat ?? [s]));
      }
      if (!changed) return n;
      return ts.isSourceFile(n) ? f.updateSourceFile(n, out) : f.updateBlock(n, out);
    }
    return n;
  };
  return (file) => visit(file) as ts.SourceFile;
}

/**
 * Bundles, lowers, minifies and checks one entry; returns the device JavaScript. `entry` is relative to the
 * repository or absolute. Device-check findings are placed in the entry's TypeScript (file, line, 1-based column)
 * through the source maps of the three steps.
 */
export async function compileDeviceEntry(
  entry: string,
  options: { minify?: boolean; strings?: Record<string, string>; module?: boolean } = {},
): Promise<string> {
  const strings: Record<string, string> = {};
  for (const [name, text] of Object.entries(options.strings ?? {})) strings[name] = JSON.stringify(text);
  const entryPath = path.resolve(root, entry);
  const bundled = await esbuild.build({
    entryPoints: [entryPath],
    outfile: path.join(path.dirname(entryPath), "device-bundle.js"),
    bundle: true,
    write: false,
    // Every function nesting level costs a JsVar on every call of a function inside it (the interpreter copies the
    // scope chain into a new array per call), so a module, which has a scope of its own, gets no wrapper.
    format: options.module ? "esm" : "iife",
    platform: "neutral",
    target: "es2022",
    treeShaking: true,
    sourcemap: "external",
    sourcesContent: false,
    // Espruino's require() and exports are the interpreter's own: hide them from esbuild's CommonJS handling.
    define: { require: "ESPRUINO_REQUIRE", exports: "ESPRUINO_EXPORTS", ...strings },
    legalComments: "none",
    logLevel: "silent",
  });
  const bundleMap = bundled.outputFiles.find((f) => f.path.endsWith(".map"))!;
  const bundleJs = bundled.outputFiles.find((f) => f.path.endsWith(".js"))!;
  // Same-length replacements keep every line and column where esbuild's source map says they are.
  const es2022 = bundleJs.text
    .replace(/\bESPRUINO_REQUIRE\b/g, "require" + " ".repeat(9))
    .replace(/\bESPRUINO_EXPORTS\b/g, "exports" + " ".repeat(9))
    .replace(/^"use strict";\n/, " ".repeat(13) + "\n");
  const transpiled = ts.transpileModule(es2022, {
    fileName: "device-bundle.js",
    compilerOptions: { target: ts.ScriptTarget.ES5, module: ts.ModuleKind.None, removeComments: true, noEmitHelpers: false, sourceMap: true },
    reportDiagnostics: false,
    transformers: { after: [flattenClassWrappers] },
  });
  const lowered = transpiled.outputText.replace(/\/\/# sourceMappingURL=.*\s*$/, "");
  let code = lowered;
  const maps = [transpiled.sourceMapText!, bundleMap.text];
  if (options.minify !== false) {
    const out = await minify(lowered, {
      ecma: 5,
      compress: { passes: 2, hoist_funs: false, unsafe: false, keep_fargs: false, toplevel: true },
      mangle: { toplevel: true, properties: { regex: MANGLED_PROPERTIES } },
      format: { ascii_only: true, comments: false },
      sourceMap: { asObject: false },
    });
    code = out.code ?? "";
    maps.unshift(out.map as string);
  }
  const problems = checkDeviceCode(code);
  if (problems.length) {
    const bundleDir = path.dirname(bundleJs.path);
    throw new DeviceCodeError(entry, problems.map((p) => {
      // acorn columns are 0-based; the source-map libraries use 0-based columns too; we report 1-based
      const at = traceBack(maps, p.line, p.column);
      return at ? { message: p.message, file: path.resolve(bundleDir, at.source), line: at.line, column: at.column + 1 } : p;
    }));
  }
  return code;
}

/** Builds every device entry that exists into outDir (default dist/firmware) and reports sizes. */
export async function buildFirmware(opts: { outDir?: string; entries?: DeviceEntry[] } = {}): Promise<{ files: BuiltFile[] }> {
  const outDir = path.resolve(root, opts.outDir ?? "dist/firmware");
  await mkdir(outDir, { recursive: true });
  const files: BuiltFile[] = [];
  const built: Record<string, string> = {};
  for (const e of opts.entries ?? DEVICE_ENTRIES) {
    if (!existsSync(path.resolve(root, e.entry))) continue;
    const strings: Record<string, string> = {};
    for (const [name, file] of Object.entries(e.embed ?? {})) {
      if (built[file] === undefined) throw new Error(`${e.entry}: embeds ${file}, which must be built before it`);
      strings[name] = built[file];
    }
    const code = await compileDeviceEntry(e.entry, { strings, module: e.module });
    built[e.name] = code;
    const out = path.join(outDir, e.name);
    await writeFile(out, code);
    files.push({ name: e.name, path: out, bytes: (await stat(out)).size });
  }
  return { files };
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  buildFirmware().then(
    (r) => {
      for (const f of r.files) console.log(`${f.name.padEnd(16)} ${String(f.bytes).padStart(7)} bytes  ${path.relative(process.cwd(), f.path)}`);
    },
    (e) => {
      console.error(e instanceof Error ? e.message : e);
      process.exit(1);
    },
  );
}
