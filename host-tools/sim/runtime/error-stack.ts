// The stack an uncaught error prints on Espruino 2v29 (src/jslex.c jslPrintStackTrace, jslPrintPosition,
// jslPrintTokenLineMarker), rebuilt from V8's stack of the same error:
//     at f (:1:2)        one block per lexer: a function's own code, then its caller's...
//   q.x;                 ...down to the code that was evaluated (REPL, boot code, a file loaded with load(file))
//    ^
// A function's position is relative to its own code (jspeFunctionDefinitionInternal keeps the text from the first
// token after `{`, without a leading `return`); a function called by a native (timer, forEach) has no name. The
// column is the token the board's lexer had just read when it raised the error (`.` in `a.x`, `)` of a call or of
// `new Error(…)`, the operator after a missing variable), not V8's.
import * as walk from "acorn-walk";
import { parseProgram, type AnyNode } from "./source-transform.ts";

/** Code the sandbox ran, with the name the board's lexer gives it (jspEvaluateVar's stackTraceName). */
export interface ScriptInfo {
  source: string;
  /** "REPL", "boot code", ".boot0", the file of load(file), "module", "event" (a string callback). */
  stackName: string;
  /** Code compiled as `(function (exports, module) {\n…\n})`: its top level is the module's code. */
  moduleWrapper?: boolean;
  program?: AnyNode[];
}

/** One frame of V8's stack: user code at an offset of its original source, or anything else (a native). */
export type Frame = { script: ScriptInfo; offset: number } | { native: true };

const MAX_NAME = 63; // JSLEX_MAX_TOKEN_LENGTH - 1: jsvGetString into the lexer's name buffer

/**
 * The board's stack text for V8's frames (innermost first). `origin`: the first frame is where the error was raised
 * (not a call into a native that raised it). `reference`: the error is a missing variable.
 */
export function boardStack(frames: Frame[], origin: boolean, reference: boolean, notFunction = false): string {
  let out = "";
  for (let i = 0; i < frames.length; i++) {
    const frame = frames[i]!;
    if ("native" in frame) continue;
    const nodes = programOf(frame.script);
    const pos = i === 0 && origin ? originPosition(nodes, frame.script.source, frame.offset, reference, notFunction) : callPosition(nodes, frame.offset);
    const fn = enclosingFunction(nodes, pos, frame.script);
    let name: string | undefined;
    let code: { start: number; end: number };
    if (fn) {
      code = functionCode(fn, frame.script.source);
      const caller = frames[i + 1];
      if (caller && !("native" in caller)) name = calleeName(programOf(caller.script), caller.offset, caller.script.source);
    } else {
      name = frame.script.stackName;
      code = frame.script.moduleWrapper ? moduleCode(frame.script.source) : { start: 0, end: frame.script.source.length };
    }
    const text = frame.script.source.slice(code.start, code.end);
    const at = Math.max(0, Math.min(pos - code.start, text.length));
    const { line, col } = lineAndCol(text, at);
    out += name === undefined ? `    at :${line}:${col}\n` : `    at ${name.slice(0, MAX_NAME)} (:${line}:${col})\n`;
    out += lineMarker(text, at);
  }
  return out;
}

/** The stack of a syntax error at `pos` of code evaluated as `stackName`. */
export function syntaxErrorStack(source: string, pos: number, stackName: string): string {
  const { line, col } = lineAndCol(source, pos);
  return `    at ${stackName} (:${line}:${col})\n${lineMarker(source, pos)}`;
}

/**
 * The stack of an error a native's own lexer raised (JSON.parse: jswrap_json_parse_ext lexes the text with a lexer
 * that has no caller), so `    at :L:C` and the text's line, without the code that called it.
 */
export function lexerErrorStack(source: string, pos: number): string {
  const { line, col } = lineAndCol(source, pos);
  return `    at :${line}:${col}\n${lineMarker(source, pos)}`;
}

/**
 * A stack already in the board's form (lexerErrorStack) rather than V8's `Name: message` and its frames; Node puts
 * the throwing line of the sandbox's script in front (`file:line`, the line, a caret, a blank line) when the error
 * leaves the vm uncaught, which is not the board's.
 */
export function boardStackOf(stack: string): string | undefined {
  const m = /^(?:[^\n]*:\d+\n[^\n]*\n *\^+\n\n)?(    at :\d+:\d+\n[\s\S]*)$/.exec(stack);
  return m?.[1];
}

/** jsvGetLineAndCol: 1-based line and column of a character. */
function lineAndCol(text: string, pos: number): { line: number; col: number } {
  let line = 1;
  let col = 1;
  for (let i = 0; i < pos && i < text.length; i++) {
    col++;
    if (text[i] === "\n") {
      col = 1;
      line++;
    }
  }
  return { line, col };
}

/** jslPrintTokenLineMarker: the line (a long one cut to 60 characters with "..." around the position), then a caret. */
export function lineMarker(text: string, pos: number): string {
  let { col } = lineAndCol(text, pos);
  const startOfLine = text.lastIndexOf("\n", pos - 1) + 1;
  const endOfLine = text.indexOf("\n", startOfLine);
  const lineLength = (endOfLine < 0 ? text.length : endOfLine) - startOfLine;
  let out = "";
  let skip = 0;
  if (lineLength > 60 && pos - startOfLine > 30) {
    out += "...";
    col += 3;
    skip = pos - 30 - startOfLine;
  }
  let chars = -skip;
  for (let i = startOfLine; i < text.length && chars < 60; i++) {
    if (text[i] === "\n") break;
    if (skip > 0) {
      skip--;
      col--;
    } else out += text[i];
    chars++;
  }
  if (chars >= 60) out += "...";
  return `${out}\n${" ".repeat(Math.max(0, col - 1))}^\n`;
}

function programOf(script: ScriptInfo): AnyNode[] {
  script.program ??= parseProgram(script.source);
  return script.program;
}

function each(nodes: AnyNode[], visit: (n: AnyNode, ancestors: AnyNode[]) => void): void {
  for (const node of nodes) walk.fullAncestor(node, (n: any, _state: unknown, ancestors: any) => visit(n, ancestors));
}

function nextChar(source: string, from: number, chars: string): number {
  for (let i = from; i < source.length; i++) if (chars.includes(source[i]!)) return i;
  return from;
}

/** `.` of `a.x`, `]` of `a[i]`: where the board reports a member access on null/undefined. */
function memberPosition(member: AnyNode, source: string): number {
  return member.computed ? member.end - 1 : nextChar(source, member.object.end, ".");
}

/** Where the board's lexer stood when it raised the error V8 raised at `p`. */
function originPosition(nodes: AnyNode[], source: string, p: number, reference: boolean, notFunction: boolean): number {
  let best: number | undefined;
  let bestSize = Infinity;
  const offer = (node: AnyNode, pos: number) => {
    if (node.end - node.start < bestSize) {
      best = pos;
      bestSize = node.end - node.start;
    }
  };
  each(nodes, (n, ancestors) => {
    if (n.start > p || n.end < p) return;
    switch (n.type) {
      case "NewExpression":
        // new Error(…) records its stack once `)` is read; a missing constructor is reported at its name
        if (n.start === p) offer(n, reference ? n.callee.start : n.end - 1);
        break;
      case "MemberExpression":
        // `Function "x" not found!` is reported at the method's name, as V8 does
        if (notFunction && !n.computed && n.property.start === p) offer(n, p);
        else if ((!n.computed && n.property.start === p) || (n.computed && p >= n.object.end && p <= n.property.start)) offer(n, memberPosition(n, source));
        break;
      case "IfStatement":
      case "WhileStatement":
        // V8 reports a missing variable in the condition at the statement; the board once it read the `)`
        if (reference && n.start === p && n.test.type === "Identifier") offer(n, nextChar(source, n.test.end, ")"));
        break;
      case "AssignmentExpression":
        // V8 reports a write to null's property at the `=`; the board at the member's `.`
        if (n.left.type === "MemberExpression" && p >= n.left.end && p < n.right.start) offer(n, memberPosition(n.left, source));
        break;
      case "Identifier": {
        if (n.start !== p || !reference) break;
        const parent = ancestors[ancestors.length - 2];
        let pos = p;
        if (parent && (parent.type === "BinaryExpression" || parent.type === "LogicalExpression") && parent.left === n) {
          // jspeBinaryExpression reads the operator before it needs the left value
          pos = source.indexOf(parent.operator, n.end);
        } else if (parent?.type === "MemberExpression" && parent.object === n) {
          pos = nextChar(source, n.end, ".[");
        } else if (parent && /^(If|While|DoWhile)Statement$/.test(parent.type) && parent.test === n) {
          pos = nextChar(source, n.end, ")");
        }
        offer(n, pos < 0 ? p : pos);
        break;
      }
    }
  });
  return best ?? p;
}

/** The call V8 points at `p` (its callee's name, `new`, or its `(`): the board reports the call's `)`. */
function callPosition(nodes: AnyNode[], p: number): number {
  const call = callAt(nodes, p);
  return call ? call.end - 1 : p;
}

function callAt(nodes: AnyNode[], p: number): AnyNode | undefined {
  let best: AnyNode | undefined;
  each(nodes, (n) => {
    if ((n.type !== "CallExpression" && n.type !== "NewExpression") || n.start > p || n.end <= p) return;
    if ((n.arguments as AnyNode[]).some((a) => a.start <= p && p < a.end)) return;
    if (!best || n.end - n.start < best.end - best.start) best = n;
  });
  return best;
}

/** jspeFunctionCall's functionName: the name the function was called by, else the function's own text. */
function calleeName(nodes: AnyNode[], p: number, source: string): string | undefined {
  const call = callAt(nodes, p);
  if (!call) return undefined;
  const callee = call.callee as AnyNode;
  if (callee.type === "Identifier") return callee.name;
  if (callee.type === "MemberExpression" && !callee.computed) return callee.property.name;
  if (callee.type === "MemberExpression" && callee.property.type === "Literal") return String(callee.property.value);
  let fn = callee;
  while (fn.type === "ParenthesizedExpression") fn = fn.expression;
  if (/Function/.test(fn.type)) {
    const code = functionCode(fn, source);
    const params = (fn.params as AnyNode[]).map((param) => source.slice(param.start, param.end)).join(",");
    return `function (${params}) {${source.slice(code.start, code.end)}}`;
  }
  return undefined;
}

function enclosingFunction(nodes: AnyNode[], pos: number, script: ScriptInfo): AnyNode | undefined {
  let best: AnyNode | undefined;
  each(nodes, (n) => {
    if (!/^(FunctionDeclaration|FunctionExpression|ArrowFunctionExpression)$/.test(n.type)) return;
    if (n.body.start > pos || n.body.end <= pos) return;
    if (script.moduleWrapper && n.start === 1) return; // the wrapper, not a user function
    if (!best || n.start > best.start) best = n;
  });
  return best;
}

/** Skips whitespace and comments from `i`. */
function skipSpace(source: string, i: number, end: number): number {
  for (;;) {
    while (i < end && /\s/.test(source[i]!)) i++;
    if (source.startsWith("//", i)) i = source.indexOf("\n", i) < 0 ? end : source.indexOf("\n", i);
    else if (source.startsWith("/*", i)) i = source.indexOf("*/", i) < 0 ? end : source.indexOf("*/", i) + 2;
    else return i;
  }
}

/** The text the board keeps as a function's code (jspeFunctionDefinitionInternal). */
function functionCode(fn: AnyNode, source: string): { start: number; end: number } {
  const body = fn.body as AnyNode;
  if (body.type !== "BlockStatement") return { start: body.start, end: body.end };
  let start = skipSpace(source, body.start + 1, body.end - 1);
  // a body that starts with `return` is stored without it (JSV_FUNCTION_RETURN)
  if (/^return(?![\w$])/.test(source.slice(start, start + 7))) start = skipSpace(source, start + 6, body.end - 1);
  let end = body.end - 1;
  while (end > start && /\s/.test(source[end - 1]!)) end--;
  return { start, end };
}

/** The module's own text inside `(function (exports, module) {\n…\n})`. */
function moduleCode(source: string): { start: number; end: number } {
  const start = source.indexOf("{\n") + 2;
  return { start, end: Math.max(start, source.length - 3) };
}
