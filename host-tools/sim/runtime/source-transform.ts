// Turns console/Storage source into what the sandbox runs, reproducing how Espruino 2v29 treats it:
// - statements run in order as parsed, so a syntax error stops the input after the statements before it ran;
// - syntax the interpreter does not parse is refused with an Espruino-style SyntaxError;
// - no hoisting: `function f(){}` becomes `var f = function f(){};` at its position;
// - let/const are function-scoped: rewritten to var;
// - every loop iteration and catch/finally block calls the interrupt check (Ctrl-C, watchdog);
// - every function body is wrapped as `{ __espnodeEnter(p, l, n); try { body } finally { __espnodeLeave(); } }`: the
//   enter call does the interrupt check and counts the nesting of user function calls, so a call deeper than the
//   ESP32's stack allows stops the code with "Too much recursion" (jspCheckStackPosition) as on a board; it is told
//   the parameters, locals and arguments of the call so process.memory() counts the scopes of running calls;
// - a regular-expression literal becomes a call that builds an Espruino RegExp (see espruino-regexp.ts), and its
//   pattern is not checked against V8's syntax: the board's lexer takes any text up to the next unescaped `/`.
// - a `var` is declared when its statement runs, not hoisted (var-scope.ts).
import * as acorn from "acorn";
import * as walk from "acorn-walk";
import { numberToString, stringToFloat } from "./builtins/number.ts";
import { analyseScopes } from "./var-scope.ts";
import { declaredNames } from "./jsvar-accounting.ts";
import { FUNCTION_BIND, FUNCTION_SCOPE, SCOPE_RECORD } from "./scope-records.ts";

export { FUNCTION_BIND, FUNCTION_SCOPE, SCOPE_RECORD, withoutScopeRecords } from "./scope-records.ts";

export { SCOPE_CALLABLE, SCOPE_GLOBAL, SCOPE_GLOBALS, SCOPE_MASK, SCOPE_TEMP } from "./var-scope.ts";

export const INTERRUPT_CHECK = "__espnodeCheck";
/** Hidden global called first in every user function: interrupt check plus call-depth count. */
export const FUNCTION_ENTER = "__espnodeEnter";
/** Hidden global called when a user function returns or throws (in a `finally` the user cannot see). */
export const FUNCTION_LEAVE = "__espnodeLeave";
/** Hidden `(code) => code`: the text given to eval, rewritten by this transform (anything else as it is). */
export const EVAL_CODE = "__espnodeEval";
/** Hidden global `(source, flags?) => RegExp` that regex literals are rewritten into. */
export const REGEXP_LITERAL = "__espnodeRegExp";

/** Hidden `(v) => string`: a value as the board converts it to text (numbers through its ftoa). */
export const TO_TEXT = "__espnodeText";
/** Hidden `(a, b) => a + b` that joins a number to a string as the board writes the number. */
export const PLUS = "__espnodeAdd";
/** Hidden `(v) => number`: unary `+` as the board reads a string (jsvGetFloat: "12 " is NaN, "012" is octal). */
export const TO_NUMBER = "__espnodeNum";

/** Put first in a function that reads `arguments`: the board counts the declared parameters too. */
export const ARGUMENTS_PREFIX = (count: number) => `arguments.length<${count}&&(arguments.length=${count});`;

const NUMERIC_OPERATORS = new Set(["-", "*", "/", "%", "|", "&", "^", "<<", ">>", ">>>"]);

/** A number for sure: `a + b` of two of these never makes text. */
function isNumeric(n: AnyNode): boolean {
  if (n.type === "Literal") return typeof n.value === "number";
  if (n.type === "UnaryExpression") return n.operator === "-" || n.operator === "+" || n.operator === "~";
  if (n.type === "UpdateExpression") return true;
  if (n.type === "BinaryExpression") return NUMERIC_OPERATORS.has(n.operator);
  return false;
}

/** A number literal V8 writes as the board does (`1`, `0.5`): joining it to a string needs no conversion. */
function isPlainNumberLiteral(n: AnyNode): boolean {
  return n.type === "Literal" && typeof n.value === "number" && String(n.value) === numberToString(n.value);
}

/** Flags Espruino's lexer reads after a regex literal (jslLexRegex); any other letter starts the next token. */
const LEXER_REGEX_FLAGS = "gimyu";

/**
 * acorn reading regex literals as Espruino's lexer does (jslLexRegex): the pattern ends at the first unescaped `/`
 * (even inside `[...]`), only g/i/m/y/u are flags, and the pattern is not checked against V8's syntax (`/(/` is fine).
 */
const LenientParser = (acorn.Parser as any).extend(
  (Base: any) =>
    class extends Base {
      readRegexp(this: any) {
        const start = this.pos;
        for (;;) {
          if (this.pos >= this.input.length || this.input[this.pos] === "\n") this.raise(start, "Unterminated regular expression");
          const ch = this.input[this.pos];
          if (ch === "/") break;
          this.pos += ch === "\\" ? 2 : 1;
        }
        const pattern = this.input.slice(start, this.pos);
        const flagsStart = ++this.pos;
        while (this.pos < this.input.length && LEXER_REGEX_FLAGS.includes(this.input[this.pos])) this.pos++;
        const flags = this.input.slice(flagsStart, this.pos);
        let value: RegExp | null = null;
        try {
          value = new RegExp(pattern, flags);
        } catch {
          // ESTree: null when V8 cannot build it; the sandbox never uses this value
        }
        return this.finishToken(acorn.tokTypes.regexp, { pattern, flags, value });
      }
    },
) as typeof acorn.Parser;

export interface TransformedSource {
  /** Instrumented code for the statements that parsed (may be empty). */
  code: string;
  /** Espruino-style syntax error for the first unparsable statement, if any. */
  syntaxError?: { message: string; pos: number };
  /** Maps an offset in `code` back to an offset in the original source. */
  originalOffset(generatedOffset: number): number;
}

export type AnyNode = acorn.Node & Record<string, any>;

/** Parser that records each top-level statement as soon as it is complete, like Espruino's statement-at-a-time parse. */
function parseStatements(source: string): { statements: AnyNode[]; error?: { message: string; pos: number } } {
  const statements: AnyNode[] = [];
  const Collecting = (LenientParser as any).extend((Base: any) =>
    class extends Base {
      parseStatement(context: unknown, topLevel: boolean, exports: unknown) {
        const node = super.parseStatement(context, topLevel, exports);
        if (topLevel) statements.push(node);
        return node;
      }
    },
  );
  try {
    Collecting.parse(source, { ecmaVersion: "latest", sourceType: "script", allowReturnOutsideFunction: false });
    return { statements };
  } catch (err) {
    const pos = typeof (err as any).pos === "number" ? (err as any).pos : source.length;
    return { statements, error: { message: syntaxMessageAt(source, pos), pos } };
  }
}

/** The statements of `source` that parse (for error positions: error-stack.ts). */
export function parseProgram(source: string): AnyNode[] {
  return parseStatements(source).statements;
}

/** Espruino reports a syntax error as the token it got and what it expected. */
function syntaxMessageAt(source: string, pos: number): string {
  const token = tokenAt(source, pos);
  return token === undefined ? "Got EOF expected ...'" : `Got ${quoteToken(token)} expected EOF`;
}

function tokenAt(source: string, pos: number): string | undefined {
  if (pos >= source.length) return undefined;
  try {
    const tokens = LenientParser.tokenizer(source.slice(pos), { ecmaVersion: "latest" });
    const first = tokens.getToken();
    if (first.type === acorn.tokTypes.eof) return undefined;
    return source.slice(pos + first.start, pos + first.end);
  } catch {
    return source[pos];
  }
}

function quoteToken(token: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(token)) return `ID:${token}`;
  if (/^[0-9]/.test(token)) return `Number:${token}`;
  return `'${token}'`;
}

/** Syntax the Espruino 2v29 parser refuses; returns the node and the token Espruino would complain about. */
function findUnsupported(node: AnyNode, source: string): { pos: number; message: string } | undefined {
  let found: { pos: number; message: string } | undefined;
  const refuse = (pos: number, expected: string) => {
    if (!found || pos < found.pos) found = { pos, message: `Got ${quoteToken(tokenAt(source, pos) ?? "EOF")} expected ${expected}` };
  };
  const checkParams = (fn: AnyNode) => {
    for (const param of fn.params as AnyNode[]) {
      if (param.type === "AssignmentPattern") refuse(param.left.end, "')'");
      else if (param.type === "RestElement") refuse(param.start, "ID");
      else if (param.type !== "Identifier") refuse(param.start, "ID");
    }
    if (fn.generator) refuse(fn.start, "EOF");
    if (fn.async) refuse(fn.start, "EOF");
  };
  walk.full(node, (n: AnyNode) => {
    switch (n.type) {
      case "FunctionDeclaration":
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        checkParams(n);
        break;
      case "VariableDeclarator":
        if (n.id.type !== "Identifier") refuse(n.id.start, "ID");
        break;
      case "AssignmentExpression":
        if (n.left.type === "ObjectPattern" || n.left.type === "ArrayPattern") refuse(n.left.start, "EOF");
        if (n.operator === "**=") refuse(n.left.end, "EOF");
        break;
      case "SpreadElement":
      case "RestElement":
        refuse(n.start, "EOF");
        break;
      case "Property":
      case "MethodDefinition":
      case "PropertyDefinition":
        if (n.computed) refuse(n.key.start - 1, "ID");
        if (n.key?.type === "PrivateIdentifier") refuse(n.key.start, "ID");
        if (n.value?.type === "FunctionExpression" && (n.value.generator || n.value.async)) refuse(n.start, "ID");
        break;
      case "ChainExpression":
        refuse(findToken(source, n.start, n.end, "?."), "EOF");
        break;
      case "BinaryExpression":
        if (n.operator === "**") refuse(findToken(source, n.left.end, n.right.start, "**"), "EOF");
        break;
      case "LabeledStatement":
        refuse(n.body.start - 1, "EOF");
        break;
      case "AwaitExpression":
      case "YieldExpression":
        refuse(n.start, "EOF");
        break;
      case "TaggedTemplateExpression":
        refuse(n.quasi.start, "EOF");
        break;
      case "ForOfStatement":
        if (n.left.type === "VariableDeclaration" && n.left.declarations[0].id.type !== "Identifier") refuse(n.left.declarations[0].id.start, "ID");
        if (n.await) refuse(n.start, "EOF");
        break;
      case "CatchClause":
        if (n.param && n.param.type !== "Identifier") refuse(n.param.start, "ID");
        break;
      case "Literal":
        if (typeof n.bigint === "string") refuse(n.start, "EOF");
        break;
      case "ImportExpression":
      case "MetaProperty":
        refuse(n.start, "EOF");
        break;
    }
  });
  return found;
}

function findToken(source: string, from: number, to: number, token: string): number {
  const at = source.indexOf(token, from);
  return at >= 0 && at < to ? at : from;
}

interface Edit {
  pos: number;
  text: string;
  /** Openings at one position go outer-first, closings inner-first (by the extent of the node they belong to). */
  kind: "open" | "close" | "replace";
  nodeStart: number;
  nodeEnd: number;
  removeLength?: number;
  /** Positions inside the inserted text map back to `pos` rather than past it. */
  clamp?: boolean;
}

/** An assignment target that can be read again: `x`, `this.x`, `o.x`, `o["x"]`, `o[i]`. */
function isPlainTarget(n: AnyNode): boolean {
  if (n.type === "Identifier") return true;
  if (n.type !== "MemberExpression") return false;
  const simple = (e: AnyNode) => e.type === "Identifier" || e.type === "ThisExpression" || e.type === "Literal";
  return simple(n.object) && simple(n.property);
}

/** Collects insertions for one statement. */
function instrument(
  node: AnyNode,
  edits: Edit[],
  source: string,
  declarationNames: Map<AnyNode, string>,
  scopeEdits: Edit[] = [],
  functionScopes = new Map<AnyNode, { names: string[]; v8Names: string[] }>(),
  moduleWrapper = false,
): void {
  // the var-scope rewriting may replace a name: such a target is not copied
  const rewritten = (target: AnyNode) => scopeEdits.some((e) => e.pos >= target.start && e.pos <= target.end);
  const open = (owner: AnyNode, pos: number, text: string) =>
    edits.push({ pos, text, kind: "open", nodeStart: owner.start, nodeEnd: owner.end });
  const close = (owner: AnyNode, pos: number, text: string) =>
    edits.push({ pos, text, kind: "close", nodeStart: owner.start, nodeEnd: owner.end });
  const replace = (owner: AnyNode, pos: number, removeLength: number, text: string) =>
    edits.push({ pos, text, kind: "replace", nodeStart: owner.start, nodeEnd: owner.end, removeLength });
  const check = `${INTERRUPT_CHECK}();`;
  const instrumentBody = (body: AnyNode) => {
    if (body.type === "BlockStatement") open(body, body.start + 1, check);
    else {
      // a wrapping block is outside the statement it wraps
      edits.push({ pos: body.start, text: `{${check}`, kind: "open", nodeStart: body.start - 1, nodeEnd: body.end + 1 });
      edits.push({ pos: body.end, text: "}", kind: "close", nodeStart: body.start - 1, nodeEnd: body.end + 1 });
    }
  };
  // Enter counts only once the function runs; Leave runs however it ends (return, throw, interrupt). Enter is told
  // what the call's scope holds: declared parameters, locals, and how many arguments were passed (an arrow has no
  // `arguments` of its own).
  const leave = `}finally{${FUNCTION_LEAVE}()}`;
  // How many function scopes enclose each function (a module's code is a function here too): on the board a call
  // copies that chain of scopes, one JsVar each (jspeiLoadScopesFromVar). Told to enter() with the return var.
  const enclosing = new Map<AnyNode, number>();
  // the function each function is made in, and which functions hold others (their scope outlives the call: a record)
  const parentFunction = new Map<AnyNode, AnyNode>();
  const holders = new Set<AnyNode>();
  const unwrappable = new Set<AnyNode>();
  const isFunction = (a: AnyNode) => /^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(a.type);
  walk.fullAncestor(node, (n: AnyNode, _state: unknown, ancestors: AnyNode[]) => {
    if (!isFunction(n)) return;
    const outer = ancestors.filter((a) => a !== n && isFunction(a));
    enclosing.set(n, outer.length);
    const parent = outer[outer.length - 1];
    if (parent) {
      parentFunction.set(n, parent);
      holders.add(parent);
    }
    // a method's function cannot be wrapped in a call (`m() {…}`), nor the callee of `new function () {…}`
    const container = ancestors[ancestors.length - 2];
    if (container && (container.type === "MethodDefinition" || (container.type === "Property" && (container.method || container.kind !== "init")) ||
      (container.type === "NewExpression" && container.callee === n))) unwrappable.add(n);
  });
  // a module's own scope is kept by its reader instead (espruino-runtime.ts compileModule)
  const hasRecord = (fn: AnyNode | undefined): fn is AnyNode =>
    !!fn && holders.has(fn) && functionScopes.has(fn) && !(moduleWrapper && fn === node.expression);
  const recordOf = (fn: AnyNode | undefined) => (hasRecord(fn) ? `${SCOPE_RECORD}${enclosing.get(fn) ?? 0}` : "null");
  const recordDeclaration = (fn: AnyNode) => {
    if (!hasRecord(fn)) return "";
    const scope = functionScopes.get(fn)!;
    return `var ${recordOf(fn)}=${FUNCTION_SCOPE}("${scope.names.join(",")}",function(){return[${scope.v8Names.join(",")}]},${recordOf(parentFunction.get(fn))});`;
  };
  /** `[open, close]` around a function value made in a scope with a record. */
  const bind = (fn: AnyNode): [string, string] =>
    hasRecord(parentFunction.get(fn)) && !unwrappable.has(fn) ? [`${FUNCTION_BIND}(`, `,${recordOf(parentFunction.get(fn))},${enclosing.get(fn) ?? 0})`] : ["", ""];
  const instrumentFunctionBody = (fn: AnyNode) => {
    const body = fn.body;
    const passed = fn.type === "ArrowFunctionExpression" || fn.params.some((p: AnyNode) => p.type === "Identifier" && p.name === "arguments") ? "0" : "arguments";
    // a body that starts with `return` runs as an expression (JSV_FUNCTION_RETURN); any other keeps a return var
    const returnOnly = body.type !== "BlockStatement" || body.body[0]?.type === "ReturnStatement";
    const extra = (enclosing.get(fn) ?? 0) + (returnOnly ? 0 : 1);
    const enter = `${FUNCTION_ENTER}(${fn.params.length},${declaredNames(fn).size},${passed},${extra});try{${recordDeclaration(fn)}`;
    if (body.type !== "BlockStatement") {
      // `=> expr` becomes `=> {enter;try{return (expr)}finally{leave}}`; inserted right after `=>` so a
      // parenthesised body such as `=> ({a: 1})` stays whole
      const arrow = source.indexOf("=>", fn.params.length ? fn.params[fn.params.length - 1].end : fn.start);
      open(fn, arrow + 2, `{${enter}return (`);
      close(fn, fn.end, `)${leave}}`);
      return;
    }
    // `{}`: one insertion, as a close and an open at the same position would be ordered close-first
    if (body.end - body.start === 2) open(body, body.start + 1, enter + leave);
    else {
      open(body, body.start + 1, enter);
      close(body, body.end - 1, leave);
    }
  };
  // jspeFunctionCall: every declared parameter is in the function's scope, so `arguments` has at least as many
  const declaredArguments = (fn: AnyNode) => {
    const count = fn.params.length;
    if (count && /\barguments\b/.test(source.slice(fn.body.start, fn.body.end))) {
      open(fn.body, fn.body.start + 1, `${ARGUMENTS_PREFIX(count)}`);
    }
  };
  walk.full(node, (n: AnyNode) => {
    // eval's code runs as the board runs code: through this transform too (the call stays a direct eval)
    if (n.type === "CallExpression" && n.callee.type === "Identifier" && n.callee.name === "eval" && n.arguments.length) {
      open(n.arguments[0], n.arguments[0].start, `${EVAL_CODE}(`);
      close(n.arguments[0], n.arguments[0].end, ")");
    }
    switch (n.type) {
      case "WhileStatement":
      case "DoWhileStatement":
      case "ForStatement":
      case "ForInStatement":
      case "ForOfStatement":
        instrumentBody(n.body);
        break;
      case "FunctionDeclaration": {
        const [before, after] = bind(n);
        open(n, n.start, `var ${declarationNames.get(n) ?? n.id.name} = ${before}`);
        close(n, n.end, `${after};`);
        instrumentFunctionBody(n);
        declaredArguments(n);
        break;
      }
      case "FunctionExpression":
      case "ArrowFunctionExpression": {
        const [before, after] = bind(n);
        if (before) {
          open(n, n.start, before);
          close(n, n.end, after);
        }
        instrumentFunctionBody(n);
        if (n.type === "FunctionExpression") declaredArguments(n);
        break;
      }
      case "ClassDeclaration":
        open(n, n.start, `var ${declarationNames.get(n) ?? n.id.name} = `);
        close(n, n.end, ";");
        break;
      case "CatchClause":
        open(n.body, n.body.start + 1, check);
        break;
      case "TryStatement":
        // an interrupted board skips finally blocks too (jspeStatementTry runs them only while executing)
        if (n.finalizer) open(n.finalizer, n.finalizer.start + 1, check);
        break;
      case "VariableDeclaration":
        if (n.kind !== "var") replace(n, n.start, n.kind.length, "var");
        break;
      case "BinaryExpression":
        // `a + b` → `__espnodeAdd(a, b)` unless it cannot join a number to a string as text
        if (n.operator === "+" && !(isNumeric(n.left) && isNumeric(n.right)) && !isPlainNumberLiteral(n.left) && !isPlainNumberLiteral(n.right)) {
          // a space: minified code may put the expression right after a keyword (`return"a"+b`)
          open(n, n.start, ` ${PLUS}(`);
          replace(n, findToken(source, n.left.end, n.right.start, "+"), 1, ",");
          close(n, n.end, ")");
        }
        break;
      case "UnaryExpression":
        // `+x` → `__espnodeNum(x)` unless x is a number for sure
        if (n.operator === "+" && !isNumeric(n.argument as AnyNode)) {
          replace(n, n.start, 1, ` ${TO_NUMBER}(`);
          close(n, n.end, ")");
        }
        break;
      case "AssignmentExpression":
        // `x += y` → `x = __espnodeAdd(x, y)` where reading the target again has no side effect
        if (n.operator === "+=" && !isPlainNumberLiteral(n.right) && isPlainTarget(n.left) && !rewritten(n.left)) {
          replace(n, findToken(source, n.left.end, n.right.start, "+="), 2, `=${PLUS}(${source.slice(n.left.start, n.left.end)},`);
          close(n, n.end, ")");
        }
        break;
      case "TemplateLiteral":
        for (const expression of n.expressions as AnyNode[]) {
          open(expression, expression.start, `${TO_TEXT}(`);
          close(expression, expression.end, ")");
        }
        break;
      case "Literal":
        // jspeFactor LEX_FLOAT: the board reads a literal with a '.' or an exponent with its own stringToFloat
        if (typeof n.value === "number" && /^[0-9.]/.test(n.raw) && /[.eE]/.test(n.raw) && !/^0[xXbBoO]/.test(n.raw)) {
          const board = stringToFloat(n.raw).value;
          if (board !== n.value) replace(n, n.start, n.end - n.start, `(${String(board)})`);
        } else if (typeof n.value === "number" && /^[1-9][0-9]{15,}$/.test(n.raw)) {
          // LEX_INT: read into a 64-bit integer (stringToInt), which wraps past 2^63
          const board = Number(BigInt.asIntN(64, BigInt(n.raw)));
          if (board !== n.value) replace(n, n.start, n.end - n.start, `(${String(board)})`);
        }
        // jspeFactor LEX_REGEX: RegExp(source, flags), with no flags argument when there are none
        if (n.regex) {
          const flags = n.regex.flags ? `, ${JSON.stringify(n.regex.flags)}` : "";
          replace(n, n.start, n.end - n.start, `${REGEXP_LITERAL}(${JSON.stringify(n.regex.pattern)}${flags})`);
        }
        break;
    }
  });
}

function applyEdits(source: string, from: number, to: number, edits: Edit[]): { code: string; map: Array<[number, number, boolean?]> } {
  const ordered = edits
    .filter((e) => e.pos >= from && e.pos <= to)
    .sort((a, b) => {
      if (a.pos !== b.pos) return a.pos - b.pos;
      const rank = (e: Edit) => (e.kind === "close" ? 0 : e.kind === "replace" ? 2 : 1);
      if (rank(a) !== rank(b)) return rank(a) - rank(b);
      if (a.kind === "close") return b.nodeStart - a.nodeStart || a.nodeEnd - b.nodeEnd;
      return b.nodeEnd - a.nodeEnd || a.nodeStart - b.nodeStart;
    });
  let code = "";
  let cursor = from;
  // map: [generated offset where an original run starts, original offset, inserted text that maps to one place]
  const map: Array<[number, number, boolean?]> = [];
  for (const edit of ordered) {
    if (edit.pos < cursor) continue;
    map.push([code.length, cursor]);
    code += source.slice(cursor, edit.pos);
    cursor = edit.pos;
    if (edit.clamp) map.push([code.length, edit.pos, true]);
    code += edit.text;
    if (edit.kind === "replace") cursor += edit.removeLength ?? 0;
  }
  map.push([code.length, cursor]);
  code += source.slice(cursor, to);
  return { code, map };
}

/** `moduleWrapper`: the source is module code inside `(function (exports, module) {…})`. */
export function transformSource(source: string, options: { moduleWrapper?: boolean } = {}): TransformedSource {
  const { statements, error } = parseStatements(source);
  let syntaxError = error;
  let runnable = statements;
  for (let i = 0; i < statements.length; i++) {
    const refused = findUnsupported(statements[i]!, source);
    if (refused) {
      syntaxError = refused;
      runnable = statements.slice(0, i);
      break;
    }
  }
  const edits: Edit[] = [];
  const counter = { units: 0, hidden: 0 };
  for (const statement of runnable) {
    const scopes = analyseScopes(statement, source, counter);
    instrument(statement, edits, source, scopes.declarationNames, scopes.edits, scopes.functionScopes, options.moduleWrapper);
    // after the transform's own edits: at one position with the same owner, theirs come first
    edits.push(...scopes.edits);
  }
  // the console's `=value` (jspeStatement): `var x = 5` gives 5 (the last declarator's value, undefined without an
  // initialiser) and a function declaration gives the function, where V8's completion value is empty
  const last = runnable[runnable.length - 1];
  if (last?.type === "VariableDeclaration") {
    const declarator = last.declarations[last.declarations.length - 1];
    const value = declarator.init && declarator.id.type === "Identifier" ? declarator.id.name : "void 0";
    edits.push({ pos: last.end, text: `;${value}`, kind: "close", nodeStart: last.start, nodeEnd: last.end });
  } else if (last?.type === "FunctionDeclaration") {
    edits.push({ pos: last.end, text: `;${last.id.name}`, kind: "close", nodeStart: last.start - 1, nodeEnd: last.end + 1 });
  }
  const end = runnable.length ? runnable[runnable.length - 1]!.end : 0;
  const { code, map } = applyEdits(source, 0, end, edits);
  return {
    code,
    syntaxError,
    originalOffset(generated: number) {
      let best: [number, number, boolean?] = [0, 0];
      for (const entry of map) if (entry[0] <= generated) best = entry;
      return best[2] ? best[1] : best[1] + (generated - best[0]);
    },
  };
}

/** Espruino runs the console line once brackets balance; an open template or comment also continues the line. */
export function needsMoreInput(source: string): boolean {
  let depth = 0;
  try {
    for (const token of LenientParser.tokenizer(source, { ecmaVersion: "latest" })) {
      const label = token.type.label;
      if (label === "{" || label === "(" || label === "[" || label === "${") depth++;
      else if (label === "}" || label === ")" || label === "]") depth--;
    }
  } catch (err) {
    const message = String((err as Error).message);
    if (/Unterminated (template|comment)/.test(message)) return true;
    return false;
  }
  return depth > 0;
}
