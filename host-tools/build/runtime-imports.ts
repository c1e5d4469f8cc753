// Which packages the compiled JavaScript imports, so the package build (and its test) can refuse one that is not a
// runtime dependency: an installed package has no devDependencies, and such an import would only fail when a user
// reaches that code path.
import { readdirSync, readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join, relative } from "node:path";
import { parse } from "acorn";
import { simple } from "acorn-walk";

export interface RuntimeImport {
  /** File that imports it, relative to the scanned folder. */
  file: string;
  /** The package name: `esbuild`, `@serialport/stream`. */
  pkg: string;
}

/** Package name of a bare specifier, or undefined for a relative path, a URL or a Node built-in. */
export function packageOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:") || specifier.includes(":")) {
    return undefined;
  }
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0]!;
  return builtinModules.includes(name) ? undefined : name;
}

/** Every package imported by the .js files under dir: static and literal dynamic imports, and require("…") calls. */
export function runtimeImports(dir: string): RuntimeImport[] {
  const found: RuntimeImport[] = [];
  const visit = (folder: string): void => {
    for (const entry of readdirSync(folder, { withFileTypes: true })) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (entry.name.endsWith(".js")) scanFile(path);
    }
  };
  const scanFile = (path: string): void => {
    const file = relative(dir, path);
    const add = (node: unknown): void => {
      const source = node as { type?: string; value?: unknown } | null | undefined;
      if (source?.type !== "Literal" || typeof source.value !== "string") return;
      const pkg = packageOf(source.value);
      if (pkg) found.push({ file, pkg });
    };
    const ast = parse(readFileSync(path, "utf8"), { ecmaVersion: "latest", sourceType: "module", allowHashBang: true });
    simple(ast, {
      ImportDeclaration: (n) => add(n.source),
      ExportAllDeclaration: (n) => add(n.source),
      ExportNamedDeclaration: (n) => add(n.source),
      ImportExpression: (n) => add(n.source),
      CallExpression: (n) => {
        // require("x") and createRequire(import.meta.url)("x")
        const callee = n.callee;
        if ((callee.type === "Identifier" && callee.name === "require") || callee.type === "CallExpression") add(n.arguments[0]);
      },
    });
  };
  visit(dir);
  return found;
}

/** The imports of packages that are not in `dependencies` (what `npm install` brings along). */
export function undeclaredImports(dir: string, dependencies: Record<string, string>): RuntimeImport[] {
  return runtimeImports(dir).filter((i) => !(i.pkg in dependencies));
}
