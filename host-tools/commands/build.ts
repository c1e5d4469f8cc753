// `espnode build`: a user's TypeScript entry (or the project's `"espnode": {"entry"}`, or this repository's own
// firmware) typechecked against the ESP32 board library, bundled, lowered to ES5, minified and checked, with every
// finding placed at the user's file:line:column.
import { readFile, mkdir, writeFile, stat } from "node:fs/promises";
import { existsSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { buildFirmware, compileDeviceEntry, DeviceCodeError, type BuiltFile } from "../../firmware/build/build.ts";
import { EspnodeError } from "../transport/errors.ts";
import { packageRoot } from "../package-root.ts";

// Found upward, not as "../..": the installed package runs this file compiled, from dist/package/host-tools/commands/.
const root = packageRoot();
/** The board library and the config a project without its own tsconfig.json is checked with. */
export const BOARD_TYPES = path.join(root, "firmware/types/espruino-esp32.d.ts");
export const BOARD_TSCONFIG = path.join(root, "firmware/types/tsconfig.board.json");

export interface Finding {
  file: string;
  line: number;
  column: number;
  message: string;
}

export interface BuildOptions {
  /** Entry files (relative to cwd); none: the project's entry, or this repository's firmware. */
  entries?: string[];
  /** Output directory (relative to cwd); default dist/ (dist/firmware/ for this repository's firmware). */
  outDir?: string;
  cwd?: string;
}

/** Runs the build `espnode build` describes; throws a usage EspnodeError listing every finding. */
export async function build(opts: BuildOptions = {}): Promise<{ files: BuiltFile[] }> {
  const cwd = path.resolve(opts.cwd ?? process.cwd());
  let entries = opts.entries ?? [];
  if (!entries.length) {
    const projectEntry = await packageEntry(cwd);
    if (projectEntry) entries = [projectEntry];
    else if (existsSync(path.join(cwd, "firmware/app/main.ts")) && path.resolve(cwd) === root)
      return buildFirmware({ outDir: opts.outDir ? path.resolve(cwd, opts.outDir) : undefined });
    else
      throw new EspnodeError("usage", "nothing to build: no entry given and package.json has no \"espnode\": { \"entry\" } field",
        "run `espnode build src/main.ts`, or add \"espnode\": { \"entry\": \"src/main.ts\" } to package.json (espnode init does)");
  }
  const outDir = path.resolve(cwd, opts.outDir ?? "dist");
  const files: BuiltFile[] = [];
  for (const entry of entries) {
    const entryPath = path.resolve(cwd, entry);
    if (!existsSync(entryPath)) throw new EspnodeError("usage", `${entry}: no such file`, "give the path of a .ts file to build");
    const findings = checkEntry(entryPath, cwd);
    if (findings.length) throw buildError(entry, findings, cwd);
    let code: string;
    try {
      code = await compileDeviceEntry(entryPath);
    } catch (e) {
      if (e instanceof DeviceCodeError)
        throw buildError(entry, e.problems.map((p) => ({ file: p.file ?? `${entry} (device output)`, line: p.line, column: p.column, message: p.message })), cwd);
      throw new EspnodeError("usage", `${entry}: ${e instanceof Error ? e.message : String(e)}`, "fix the import or syntax error, then build again");
    }
    await mkdir(outDir, { recursive: true });
    const name = path.basename(entryPath).replace(/\.[cm]?[tj]sx?$/, "") + ".js";
    const out = path.join(outDir, name);
    await writeFile(out, code);
    files.push({ name, path: out, bytes: (await stat(out)).size });
  }
  return { files };
}

/** The project's entry for commands that need one (dev): package.json's `"espnode": { "entry" }`. */
export async function projectEntry(cwd: string): Promise<string> {
  const entry = await packageEntry(cwd);
  if (!entry)
    throw new EspnodeError("usage", "no entry given and package.json has no \"espnode\": { \"entry\" } field",
      "name the entry (`espnode dev src/main.ts`), or add \"espnode\": { \"entry\": \"src/main.ts\" } to package.json (espnode init does)");
  return entry;
}

/** The `"espnode": { "entry" }` of cwd's package.json (the convention `espnode init` writes). */
async function packageEntry(cwd: string): Promise<string | undefined> {
  try {
    const pkg = JSON.parse(await readFile(path.join(cwd, "package.json"), "utf8"));
    return typeof pkg?.espnode?.entry === "string" ? pkg.espnode.entry : undefined;
  } catch {
    return undefined;
  }
}

function buildError(entry: string, findings: Finding[], cwd: string): EspnodeError {
  const lines = findings.map((f) => `${path.isAbsolute(f.file) ? path.relative(cwd, f.file) : f.file}:${f.line}:${f.column} ${f.message}`);
  return new EspnodeError("usage", `${entry}: the board cannot run this code:\n${lines.join("\n")}`,
    "fix the lines listed; firmware/types/espruino-esp32.d.ts lists what an ESP32 running Espruino 2v29 has");
}

function parseConfig(configPath: string): ts.ParsedCommandLine {
  return ts.getParsedCommandLineOfConfigFile(configPath, { noEmit: true }, {
    ...ts.sys,
    onUnRecoverableConfigFileDiagnostic: (d) => {
      throw new EspnodeError("usage", `${configPath}: ${ts.flattenDiagnosticMessageText(d.messageText, "\n")}`);
    },
  })!;
}

/**
 * The program the entry is checked as: the nearest tsconfig.json above the entry when it is a board config (no
 * default library: it extends espnode's board config, as `espnode init` writes it), else the board config itself,
 * so a file outside any board project (or inside a Node project) is still checked against what the board has.
 */
function entryProgram(entryPath: string, _cwd: string): ts.Program {
  let configPath = BOARD_TSCONFIG;
  const nearest = ts.findConfigFile(path.dirname(entryPath), ts.sys.fileExists);
  let parsed = parseConfig(configPath);
  if (nearest) {
    const project = parseConfig(nearest);
    if (project.options.noLib) {
      configPath = nearest;
      parsed = project;
    }
  }
  // The entry and its imports, plus the declaration files the config names (the board library among them).
  const declarations = parsed.fileNames.filter((f) => f.endsWith(".d.ts"));
  if (parsed.options.noLib && !declarations.some((f) => path.resolve(f) === BOARD_TYPES)) declarations.push(BOARD_TYPES);
  return ts.createProgram([entryPath, ...declarations], { ...parsed.options, noEmit: true });
}

/** Type errors and constructs the board cannot afford, at their file:line:column (1-based). */
export function checkEntry(entryPath: string, cwd: string): Finding[] {
  const program = entryProgram(entryPath, cwd);
  return [...unsupportedConstructs(program), ...typeErrors(program)]
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
}

/** TypeScript's "missing in your lib" diagnostics: Cannot find name, property missing, only refers to a type. */
const LIB_HINT_CODES = new Set([2583, 2550, 2585, 2304, 2693]);

function typeErrors(program: ts.Program): Finding[] {
  return ts.getPreEmitDiagnostics(program)
    // a generator asks for the global type IterableIterator, which the board library rightly lacks: the
    // construct itself is reported by unsupportedConstructs()
    .filter((d) => !(d.code === 2318 && !d.file))
    .map((d) => {
      let message = ts.flattenDiagnosticMessageText(d.messageText, " ");
      // "Cannot find name 'Map'. Do you need to change your target library?…": the library is the board's
      if (LIB_HINT_CODES.has(d.code)) message = message.replace(/ Do you need to change your target library\?.*$/, "").replace(/\.$/, "") + " (an ESP32 running Espruino 2v29 does not have it)";
      if (!d.file || d.start === undefined) return { file: "tsconfig", line: 0, column: 0, message };
      const { line, character } = d.file.getLineAndCharacterOfPosition(d.start);
      return { file: d.file.fileName, line: line + 1, column: character + 1, message };
    });
}

const ASYNC_WHY = "async functions and await are not supported on the board: lowered to ES5 they need the __awaiter/__generator runtime, which is large in JsVars; use Promise.then() or callbacks";
const GENERATOR_WHY = "generators (function*, yield) are not supported on the board: lowered to ES5 they need the __generator state-machine runtime, which is large in JsVars; keep the state in an object";

/** Constructs TypeScript accepts and lowers but the board cannot afford (async/await, generators), in the user's files. */
function unsupportedConstructs(program: ts.Program): Finding[] {
  const findings: Finding[] = [];
  for (const sf of program.getSourceFiles()) {
    if (sf.isDeclarationFile) continue;
    const report = (node: ts.Node, message: string) => {
      const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
      findings.push({ file: sf.fileName, line: line + 1, column: character + 1, message });
    };
    const visit = (node: ts.Node): void => {
      if (ts.isFunctionLike(node) && ts.getCombinedModifierFlags(node as ts.Declaration) & ts.ModifierFlags.Async) report(node, ASYNC_WHY);
      else if (ts.isForOfStatement(node) && node.awaitModifier) report(node, ASYNC_WHY);
      else if ((ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isMethodDeclaration(node)) && node.asteriskToken) report(node, GENERATOR_WHY);
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return findings;
}
