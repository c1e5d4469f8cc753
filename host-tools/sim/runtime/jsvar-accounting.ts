// How many JsVars (14-byte blocks, 32-bit ESP32 memory model) a value takes on the board, following src/jsvar.c
// (jsvNewStringOfLength, jsvMakeIntoVariableName, jsvCountJsVarsUsed) and calibrated against E.getSizeOf and
// process.memory(false) deltas on a 32-bit ESP32-memory-model build of Espruino 2v29 (figures in the comments).
import * as acorn from "acorn";
import { withoutScopeRecords } from "./scope-records.ts";

export const JSVAR_TOTAL = 16383;
export const JSVAR_BLOCK_SIZE = 14;

/** A string's first block holds 9 characters, each further block (JSV_STRING_EXT) 10: "abcdefghi" 1, 10 chars 2, 100 chars 11. */
const STRING_FIRST_CHARS = 9;
const STRING_EXT_CHARS = 10;
/** A property name of up to 4 characters shares its block with the name var; longer names chain string blocks. */
const NAME_INLINE_CHARS = 4;
/** Integers the name var holds itself (a 14-bit packed int): `{a:8191}` 2, `{a:8192}` 3. */
const PACKED_INT_MIN = -8192;
const PACKED_INT_MAX = 8191;
/** jswrap_arraybuffer_constructor: up to this many bytes the data is a plain string, above it one flat string. */
const FLAT_DATA_ABOVE = 19;
/**
 * A running call (jspeFunctionCall): the scope object, the function's lexer and execution state, plus one name var
 * per parameter (as many as were passed when more) and per local. A body that does not start with `return` keeps a
 * return var in the scope (JSV_FUNCTION_RETURN in jsparse.c: one more), and a function defined inside other
 * functions (or in a module) costs one more per enclosing scope, as the call copies that scope chain into an array
 * of its own (jspeiLoadScopesFromVar). Measured with process.memory(false) one call deeper: `function(){return f()}`
 * 3, with one parameter 4, two passed 5; `function(){f()}` 4; one local 5, three locals 7, two parameters and two
 * locals 8; a method that makes one call 9, 10 and 11 with 0, 1 and 2 enclosing functions, 10 in a module.
 */
export const CALL_BASE = 3;

export function stringBlocks(length: number): number {
  return length <= STRING_FIRST_CHARS ? 1 : 1 + Math.ceil((length - STRING_FIRST_CHARS) / STRING_EXT_CHARS);
}

/** A property or parameter name: `a`…`abcd` 1 block, `abcde`…(14 chars) 2, each further 10 characters one more. */
export function nameBlocks(name: string): number {
  return name.length <= NAME_INLINE_CHARS ? 1 : 1 + Math.ceil((name.length - NAME_INLINE_CHARS) / STRING_EXT_CHARS);
}

function isPackedInt(v: unknown): boolean {
  return typeof v === "number" && Number.isInteger(v) && v >= PACKED_INT_MIN && v <= PACKED_INT_MAX && !Object.is(v, -0);
}

/**
 * Blocks a property's value takes besides its name. Small integers and undefined live in the name; in an array a
 * boolean does too (`[true]` is 2, `{a:true}` 3); everything else is a var of its own.
 */
export function valueBlocks(v: unknown, inArray: boolean): number {
  if (v === undefined || isPackedInt(v)) return 0;
  if (typeof v === "boolean") return inArray ? 0 : 1;
  if (typeof v === "string") return stringBlocks(v.length);
  return 1;
}

/** A primitive on its own, as E.getSizeOf counts it: `1` 1, `true` 1, a string by its length. */
export function primitiveBlocks(v: unknown): number {
  if (v === undefined) return 0;
  return typeof v === "string" ? stringBlocks(v.length) : 1;
}

/** An ArrayBuffer's data: a plain string up to 19 bytes, else a flat string (one header block + the bytes). */
export function bufferDataBlocks(bytes: number): number {
  return bytes <= FLAT_DATA_ABOVE ? stringBlocks(bytes) : 1 + Math.ceil(bytes / JSVAR_BLOCK_SIZE);
}

/** `new Uint8Array(n)`: the view, its ArrayBuffer and the data (16 bytes 4, 20 bytes 5, 100 bytes 11). */
export function typedArrayBlocks(bytes: number): number {
  return 2 + bufferDataBlocks(bytes);
}

/** The scope a running call holds (see CALL_BASE). */
export function callBlocks(params: number, passed: number, locals: number, enclosing = 0, returnVar = locals > 0): number {
  return CALL_BASE + enclosing + (returnVar ? 1 : 0) + Math.max(params, passed) + locals;
}

// Reserved words and multi-character operators are one byte each in a function's stored code (jslLexTokenise):
// `function(a,b){return a+b}` stores `Ra+b`, 4 characters.
const ONE_BYTE_WORDS = new Set(
  ("if else do while for break continue function return var let const this throw try catch finally true false null " +
    "undefined new in instanceof switch case default delete typeof void debugger class extends super static of").split(" "),
);

/**
 * Length of a function body once the board has tokenised it: no whitespace or comments, keywords and operators one
 * byte, a space only between two words, strings as written. Falls back to the text's length when it does not lex.
 */
export function tokenisedLength(body: string): number {
  let length = 0;
  let lastWord = false;
  try {
    for (const token of acorn.tokenizer(body, { ecmaVersion: "latest", allowReturnOutsideFunction: true })) {
      const raw = body.slice(token.start, token.end);
      const label = token.type.label;
      const keyword = ONE_BYTE_WORDS.has(raw) && (token.type.keyword !== undefined || raw === "undefined" || raw === "of" || raw === "let" || raw === "static");
      const word = !keyword && (label === "name" || label === "num");
      if (keyword) length += 1;
      else if (label === "string" || label === "template" || label === "regexp") length += raw.length;
      else {
        if (word && lastWord) length += 1;
        length += word ? raw.length : raw.length > 1 ? 1 : raw.length;
      }
      lastWord = word;
    }
  } catch {
    return body.length;
  }
  return length;
}

/** Names a function declares in its own scope (vars, inner function and class declarations), not in nested functions. */
export function declaredNames(fn: any): Set<string> {
  const names = new Set<string>();
  const pattern = (p: any): void => {
    if (!p) return;
    if (p.type === "Identifier") names.add(p.name);
    else if (p.type === "ObjectPattern") for (const prop of p.properties) pattern(prop.type === "RestElement" ? prop.argument : prop.value);
    else if (p.type === "ArrayPattern") for (const e of p.elements) pattern(e);
    else if (p.type === "AssignmentPattern") pattern(p.left);
    else if (p.type === "RestElement") pattern(p.argument);
  };
  const visit = (n: any, top: boolean): void => {
    if (!n || typeof n.type !== "string") return;
    if (!top && (n.type === "FunctionExpression" || n.type === "ArrowFunctionExpression")) return;
    if (!top && (n.type === "FunctionDeclaration" || n.type === "ClassDeclaration")) {
      if (n.id) names.add(n.id.name);
      return;
    }
    if (n.type === "VariableDeclarator") pattern(n.id);
    for (const key of Object.keys(n)) {
      if (key === "type" || (top && (key === "params" || key === "id"))) continue;
      const child = n[key];
      if (Array.isArray(child)) for (const c of child) visit(c, false);
      else if (child && typeof child === "object" && typeof child.type === "string") visit(child, false);
    }
  };
  visit(fn, true);
  return names;
}

/** Top-level declarations of module code given as `(function (exports, module) {…})` (none when it does not parse). */
export function moduleDeclarations(wrapped: string): string[] {
  try {
    const node: any = acorn.parseExpressionAt(wrapped, 0, { ecmaVersion: "latest" });
    return [...declaredNames(node)].filter((n) => n !== "exports" && n !== "module");
  } catch {
    return [];
  }
}

// ---- functions --------------------------------------------------------------------------------------------------

/** What the sandbox adds to a function's text (source-transform.ts, var-scope.ts), taken out before costing it. */
const INSTRUMENTATION: [RegExp, string][] = [
  [/^__espnodeEnter\([^)]*\);try\{/, ""],
  [/\}finally\{__espnodeLeave\(\)\}$/, ""],
  [/arguments\.length<(\d+)&&\(arguments\.length=\1\);/g, ""],
  [/var __espnodeM\d+_\d+=0(,__espnodeM\d+_\d+=0)*;/g, ""],
  [/__espnodeCheck\(\);/g, ""],
  [/__espnodeAdd\(/g, "("],
  [/__espnodeGlobals\./g, ""],
];

export interface FunctionShape {
  params: string[];
  /** The body as the user wrote it, without the sandbox's instrumentation. */
  body: string;
}

/** Parameters and body of a function's source text (Function.prototype.toString of a sandbox function). */
export function functionShape(source: string): FunctionShape | undefined {
  let node: any;
  try {
    node = acorn.parseExpressionAt(`(${source})`, 0, { ecmaVersion: "latest" });
  } catch {
    return undefined;
  }
  if (node.type !== "FunctionExpression" && node.type !== "ArrowFunctionExpression") return undefined;
  const params = node.params.map((p: any) => (p.type === "Identifier" ? p.name : p.type === "AssignmentPattern" && p.left.type === "Identifier" ? p.left.name : "?"));
  const text = `(${source})`;
  let body = node.body.type === "BlockStatement" ? text.slice(node.body.start + 1, node.body.end - 1) : `return ${text.slice(node.body.start, node.body.end)}`;
  body = body.trim();
  for (const [pattern, replacement] of INSTRUMENTATION) body = body.replace(pattern, replacement).trim();
  body = withoutScopeRecords(body).trim();
  return { params, body };
}

/**
 * A function object (E.getSizeOf without its scope): the function var, a name var per parameter, and when it has
 * code a name var plus the tokenised code as a string, or one var pointing into flash for code that came from a
 * Storage file (`function(a,b){return a+b}` 5, `function(){}` 1). The name of a named function expression (2 more
 * on the board) is not counted: the sandbox's declarations look the same and the board keeps no name for those.
 */
export function functionBlocks(source: string, codeInFlash: boolean): number {
  const shape = functionShape(source);
  if (!shape) return 2 + stringBlocks(tokenisedLength(source));
  let blocks = 1;
  for (const p of shape.params) blocks += nameBlocks(p);
  if (shape.body) blocks += 1 + (codeInFlash ? 1 : stringBlocks(tokenisedLength(shape.body)));
  return blocks;
}
