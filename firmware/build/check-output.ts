// Refuses device JavaScript that the Espruino interpreter cannot run: syntax beyond ES5 (the output is lowered to
// ES5, so anything newer is a bug), globals it does not have, and calls of a function before its declaration
// (the interpreter runs statements as it parses them, so it does not hoist).
import * as acorn from "acorn";
import { ESPRUINO_GLOBALS, KNOWN_MISSING, MISSING_MEMBERS } from "./espruino-support.ts";

type Node = acorn.Node & Record<string, any>;

export interface OutputProblem {
  message: string;
  line: number;
  column: number;
}

/** Every problem found in `code` (empty when the interpreter can run it). */
export function checkDeviceCode(code: string): OutputProblem[] {
  let ast: Node;
  try {
    ast = acorn.parse(code, { ecmaVersion: 5, locations: true }) as Node;
  } catch (e) {
    const err = e as SyntaxError & { loc?: { line: number; column: number } };
    return [{ message: "not ES5: " + err.message, line: err.loc?.line ?? 0, column: err.loc?.column ?? 0 }];
  }
  const problems: OutputProblem[] = [];
  const report = (node: Node, message: string) =>
    problems.push({ message, line: node.loc?.start.line ?? 0, column: node.loc?.start.column ?? 0 });
  checkScope(ast, [], report);
  checkConditionalVars(ast, report);
  return problems;
}

type Report = (node: Node, message: string) => void;

/** The parts of a statement or expression that may not run (a var declared there may never be declared). */
const CONDITIONAL_PARTS: Record<string, string[]> = {
  IfStatement: ["consequent", "alternate"],
  ForStatement: ["test", "update", "body"],
  ForInStatement: ["body"],
  WhileStatement: ["test", "body"],
  DoWhileStatement: ["test"],
  TryStatement: ["block", "handler", "finalizer"],
  SwitchCase: ["consequent"],
  ConditionalExpression: ["consequent", "alternate"],
  LogicalExpression: ["right"],
};

/**
 * Espruino declares a var when its statement runs, not when the function starts: a var declared in a branch, a
 * loop body or a try block, then used outside it, is a global (or "not defined") whenever that part did not run.
 * Minifiers produce this (`if (c) { var a = 1; … } else a = 2;`), so it is checked on the output, per function.
 */
function checkConditionalVars(fn: Node, report: Report): void {
  const params = new Set<string>((fn.params ?? []).map((p: Node) => p.name));
  const decls: { name: string; parts: string[]; node: Node }[] = [];
  const refs: { name: string; parts: string[] }[] = [];
  const visit = (n: Node | null | undefined, parts: string[], shadowed: Set<string>): void => {
    if (!n || typeof n.type !== "string") return;
    if (n !== fn && (n.type === "FunctionDeclaration" || n.type === "FunctionExpression")) {
      checkConditionalVars(n, report);
      return;
    }
    switch (n.type) {
      case "VariableDeclarator":
        decls.push({ name: n.id.name, parts, node: n });
        visit(n.init, parts, shadowed);
        return;
      case "Identifier":
        if (!shadowed.has(n.name)) refs.push({ name: n.name, parts });
        return;
      case "MemberExpression":
        visit(n.object, parts, shadowed);
        if (n.computed) visit(n.property, parts, shadowed);
        return;
      case "Property":
        if (n.computed) visit(n.key, parts, shadowed);
        visit(n.value, parts, shadowed);
        return;
      case "CatchClause":
        visit(n.body, parts, new Set([...shadowed, n.param.name]));
        return;
    }
    const conditional = CONDITIONAL_PARTS[n.type] ?? [];
    for (const key of Object.keys(n)) {
      if (key === "type" || key === "loc") continue;
      const v = n[key];
      const inner = conditional.includes(key) ? [...parts, `${n.start}:${key}`] : parts;
      if (Array.isArray(v)) for (const c of v) visit(c, inner, shadowed);
      else if (v && typeof v.type === "string") visit(v, inner, shadowed);
    }
  };
  visit(fn.type === "Program" ? fn : fn.body, [], new Set());
  const reported = new Set<string>();
  for (const d of decls) {
    if (reported.has(d.name) || params.has(d.name)) continue;
    // declared where it always runs (also by another var statement of the same name): fine
    if (decls.some((o) => o.name === d.name && !o.parts.length)) continue;
    const outside = refs.some((r) => r.name === d.name && !d.parts.every((p, i) => r.parts[i] === p));
    const otherDecl = decls.some((o) => o.name === d.name && !d.parts.every((p, i) => o.parts[i] === p) && !o.parts.every((p, i) => d.parts[i] === p));
    if (outside && !otherDecl) {
      reported.add(d.name);
      report(d.node, `var ${d.name} is declared inside a branch, loop or try block but used outside it: Espruino declares a var only when its statement runs, so declare it before the branch`);
    }
  }
}

/** Names a function body (or the program) declares: var, function declarations, parameters. */
function declaredNames(scope: Node): Set<string> {
  const names = new Set<string>();
  for (const p of scope.params ?? []) names.add(p.name);
  if (scope.type === "FunctionExpression" && scope.id) names.add(scope.id.name);
  const visit = (n: Node | null | undefined) => {
    if (!n || typeof n.type !== "string") return;
    if (n.type === "VariableDeclaration") for (const d of n.declarations) names.add(d.id.name);
    if (n.type === "FunctionDeclaration") {
      names.add(n.id.name);
      return;
    }
    if (n.type === "FunctionExpression") return;
    for (const key of Object.keys(n)) {
      const v = n[key];
      if (Array.isArray(v)) v.forEach(visit);
      else if (v && typeof v.type === "string") visit(v);
    }
  };
  visit(scope.type === "Program" ? scope : scope.body);
  return names;
}

function checkScope(scope: Node, outer: Set<string>[], report: Report): void {
  const chain = [declaredNames(scope), ...outer];
  const body: Node[] = scope.type === "Program" ? scope.body : scope.body.body;
  // Functions declared in this body, with the index of the statement that declares them.
  const declaredAt = new Map<string, number>();
  body.forEach((s, i) => {
    if (s.type === "FunctionDeclaration") declaredAt.set(s.id.name, i);
  });
  body.forEach((stmt, index) => walk(stmt, chain, report, (name, node, nested) => {
    const at = declaredAt.get(name);
    if (at === undefined || at <= index) return;
    if (!nested) report(node, `${name}() is used before its declaration (no hoisting on Espruino)`);
    // A function expression made by an earlier statement may run before the declaration is reached (a callback
    // called at once, an IIFE): only a function declaration's body is sure to run later. Minifiers move
    // declarations past code (e.g. after an early return turned into if/else), so this is checked on the output.
    else if (stmt.type !== "FunctionDeclaration")
      report(node, `${name}() may be called before its declaration is reached (no hoisting on Espruino): declare it before the code that uses it`);
  }));
}

type OnReference = (name: string, node: Node, insideNestedFunction: boolean) => void;

function walk(node: Node, chain: Set<string>[], report: Report, onRef: OnReference, nested = false): void {
  if (!node || typeof node.type !== "string") return;
  switch (node.type) {
    case "FunctionDeclaration":
    case "FunctionExpression":
      checkScope(node, chain, report);
      walkReferencesOnly(node, onRef);
      return;
    case "Identifier":
      reference(node, chain, report, onRef, nested);
      return;
    case "MemberExpression":
      walk(node.object, chain, report, onRef, nested);
      if (node.computed) walk(node.property, chain, report, onRef, nested);
      else if (node.object.type === "Identifier" && !isDeclared(node.object.name, chain)) {
        const member = node.object.name + "." + node.property.name;
        if (MISSING_MEMBERS.has(member)) report(node, `${member} does not exist on Espruino`);
      } else if (node.object.type === "Identifier" && node.property.name === "name" && isCaught(node.object.name, chain)) {
        // jswrap_error.c gives errors message/type/stack only
        report(node, `${node.object.name}.name is undefined on Espruino (errors have no name): use the message or an error code`);
      }
      return;
    case "Property":
      if (node.computed) walk(node.key, chain, report, onRef, nested);
      walk(node.value, chain, report, onRef, nested);
      return;
    case "Literal":
      if (node.regex) {
        const why = unsupportedRegex(node.regex.pattern);
        if (why) report(node, `regular expression /${node.regex.pattern}/ uses ${why}, which Espruino's RegExp engine does not support`);
      }
      return;
    case "LabeledStatement":
      report(node, "labels are not supported by Espruino");
      return;
    case "BreakStatement":
    case "ContinueStatement":
      if (node.label) report(node, "labelled break/continue is not supported by Espruino");
      return;
    case "VariableDeclarator":
      walk(node.init, chain, report, onRef, nested);
      return;
    case "CatchClause":
      walk(node.body, [caughtScope(node.param.name), ...chain], report, onRef, nested);
      return;
  }
  for (const key of Object.keys(node)) {
    if (key === "loc" || key === "type") continue;
    const v = node[key];
    if (Array.isArray(v)) for (const c of v) walk(c, chain, report, onRef, nested);
    else if (v && typeof v.type === "string") walk(v, chain, report, onRef, nested);
  }
}

/**
 * References from inside a nested function to names of the enclosing bodies (a name the nested function declares
 * itself, or a property name, is not such a reference).
 */
function walkReferencesOnly(fn: Node, onRef: OnReference, shadowed: Set<string>[] = []): void {
  const own = [declaredNames(fn), ...shadowed];
  const visit = (n: Node | null | undefined, names: Set<string>[]): void => {
    if (!n || typeof n.type !== "string") return;
    switch (n.type) {
      case "Identifier":
        if (!names.some((s) => s.has(n.name))) onRef(n.name, n, true);
        return;
      case "FunctionDeclaration":
      case "FunctionExpression":
        walkReferencesOnly(n, onRef, names);
        return;
      case "MemberExpression":
        visit(n.object, names);
        if (n.computed) visit(n.property, names);
        return;
      case "Property":
        if (n.computed) visit(n.key, names);
        visit(n.value, names);
        return;
      case "CatchClause":
        visit(n.body, [new Set([n.param.name]), ...names]);
        return;
    }
    for (const key of Object.keys(n)) {
      if (key === "loc") continue;
      const v = n[key];
      if (Array.isArray(v)) for (const c of v) visit(c, names);
      else if (v && typeof v.type === "string") visit(v, names);
    }
  };
  visit(fn.body, own);
}

/** Scopes made by a catch clause (their one name is the caught exception). */
const CATCH_SCOPES = new WeakSet<Set<string>>();

function caughtScope(name: string): Set<string> {
  const scope = new Set([name]);
  CATCH_SCOPES.add(scope);
  return scope;
}

/** Whether `name` (where it is used) is the exception of an enclosing catch clause. */
function isCaught(name: string, chain: Set<string>[]): boolean {
  const scope = chain.find((s) => s.has(name));
  return scope !== undefined && CATCH_SCOPES.has(scope);
}

function isDeclared(name: string, chain: Set<string>[]): boolean {
  return chain.some((s) => s.has(name));
}

function reference(node: Node, chain: Set<string>[], report: Report, onRef: OnReference, nested: boolean): void {
  onRef(node.name, node, nested);
  if (isDeclared(node.name, chain) || ESPRUINO_GLOBALS.has(node.name)) return;
  report(node, KNOWN_MISSING.has(node.name) ? `${node.name} does not exist on Espruino` : `unknown global ${node.name}`);
}

/**
 * What a regular expression uses beyond Espruino's engine (src/jswrap_regexp.c): it knows characters, `.`,
 * classes `[...]` with ranges, `\d \s \w` (and capitals), `\xNN`, `^`, `$`, `*`, `+`, groups as capture markers
 * and a top-level `|`. Anything else is silently misread on the board, so the build refuses it.
 */
export function unsupportedRegex(pattern: string): string | null {
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === "\\") {
      const e = pattern[++i] ?? "";
      if ("dDsSwWfnrtvx0/\\.-^$*+?()[]{}|".includes(e)) continue;
      if (e === "b" && inClass) continue;
      return e === "b" || e === "B" ? "a word boundary" : /[1-9]/.test(e) ? "a back-reference" : `the escape \\${e}`;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      else if (c === "|") return "| inside a character class (the engine takes it as alternation)";
      continue;
    }
    if (c === "[") inClass = true;
    else if (c === "?") return pattern[i - 1] === "(" ? "a (?...) group" : "the ? quantifier";
    else if (c === "{") return "a {n,m} quantifier";
    else if (c === "(") depth++;
    else if (c === ")") {
      depth--;
      if ("*+".includes(pattern[i + 1] ?? "")) return "a quantified group";
    } else if (c === "|" && depth > 0) return "| inside a group";
  }
  return null;
}
