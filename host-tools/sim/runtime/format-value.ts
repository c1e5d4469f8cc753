// Prints a value the way Espruino does, following jsfGetJSONWithCallback in src/jswrap_json.c:
// - the console's `=value` uses JSON_LIMIT | SOME_NEWLINES | PRETTY | SHOW_DEVICES | SHOW_OBJECT_NAMES | DROP_QUOTES
//   (jsiHandleNewLine in src/jsinteractive.c): `=[ 1, 2 ]`, `={ a: 1, b: 2 }`, arrays over 15 items and strings
//   over 40 chars shortened with " ... ", function bodies shown as `{ ... }`;
// - print()/console.log use PRETTY | SOME_NEWLINES without the limits and with quoted keys.
// SOME_NEWLINES: every value that is not undefined/null/number/boolean (strings too) starts a new line, and an
// object also wraps after 4 items on one line. Note the ", " before a wrapped item and "[ "/"{ " before the first one:
// Espruino leaves those trailing spaces in its output, so they are reproduced.
// Works on values from the sandbox realm, so it never relies on instanceof.
import { numberToString } from "./builtins/number.ts";
import { FUNCTION_ENTER, FUNCTION_LEAVE, INTERRUPT_CHECK, SCOPE_MASK } from "./source-transform.ts";
import { withoutScopeRecords } from "./scope-records.ts";

export interface FormatOptions {
  /** JSON_LIMIT: shorten long arrays/strings, hide function bodies (the console's `=` result). */
  limit: boolean;
  /** JSON_DROP_QUOTES: keys that are identifiers or integers print without quotes. */
  dropQuotes: boolean;
  /** Name for device objects (pins D0..D39, Serial1, I2C1) as JSON_SHOW_DEVICES prints them. */
  deviceName?: (v: object) => string | undefined;
  /** The global variable name of a constructor (JSON_SHOW_OBJECT_NAMES prints `Name: {...}`). */
  globalNameOf?: (fn: Function) => string | undefined;
  /** A user function's text as it was written (before the sandbox's rewriting), when it is still known. */
  originalSource?: (fn: Function) => string | undefined;
}

export const CONSOLE_FORMAT: FormatOptions = { limit: true, dropQuotes: true };
export const PRINT_FORMAT: FormatOptions = { limit: false, dropQuotes: false };

/** jswrap_json.c constants. */
const LIMIT_AMOUNT = 15;
const LIMITED_AMOUNT = 5;
const LIMIT_STRING_AMOUNT = 60;
const LIMITED_STRING_AMOUNT = 27;
const ITEMS_ON_LINE_OBJECT = 4;
const LIMIT_TEXT = " ... ";
const INDENT = "  ";

const TYPED_ARRAYS = new Set([
  "Uint8Array", "Int8Array", "Uint8ClampedArray", "Uint16Array", "Int16Array", "Uint32Array", "Int32Array",
  "Float32Array", "Float64Array",
]);

/** escapeCharacter(ch, nextCh, jsonStyle=false) in src/jsutils.c, as `%q` uses it. */
function escapeCharacter(c: number, next: number): string | undefined {
  switch (c) {
    case 0x08: return "\\b";
    case 0x09: return "\\t";
    case 0x0a: return "\\n";
    case 0x0b: return "\\v";
    case 0x0c: return "\\f";
    case 0x0d: return "\\r";
    case 0x5c: return "\\\\";
    case 0x22: return '\\"';
  }
  // "\0".."\7" unless a digit follows (then "\0"+"1" would read back as "\01")
  if (c < 8 && !(next >= 0x30 && next <= 0x37)) return "\\" + c;
  if (c < 32 || (c >= 127 && c < 256)) return "\\x" + c.toString(16).toUpperCase().padStart(2, "0");
  if (c >= 256) return "\\u" + c.toString(16).toUpperCase().padStart(4, "0");
  return undefined;
}

/** `%q`: a double-quoted string with Espruino's escapes. */
export function quoteString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) out += escapeCharacter(s.charCodeAt(i), i + 1 < s.length ? s.charCodeAt(i + 1) : -1) ?? s[i];
  return out + '"';
}

/** jsvGetString of a number: the board's ftoa/itostr (builtins/number.ts). */
export function formatNumber(n: number): string {
  return numberToString(n);
}

/** jsonNeedsNewLine(): undefined, null and numerics (numbers, booleans, pins) stay on the line. */
function needsNewLine(v: unknown, options: FormatOptions): boolean {
  if (v === undefined || v === null || typeof v === "number" || typeof v === "boolean") return false;
  if (typeof v === "object" && options.deviceName?.(v) !== undefined && /^D\d+$/.test(options.deviceName(v)!)) return false;
  return true;
}

function newLine(level: number): string {
  return "\n" + INDENT.repeat(level);
}

function tag(v: object): string {
  return Object.prototype.toString.call(v).slice(8, -1);
}

/** isIDString() in src/jsutils.c: letters, digits and '_' ('$' is not included). */
function isIDString(key: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key);
}

function isIntegerish(key: string): boolean {
  return /^(0|-?[1-9]\d{0,9})$/.test(key);
}

function functionParameters(source: string): string {
  const arrow = /^(?:async\s*)?(?:\(([^)]*)\)|([A-Za-z_$][\w$]*))\s*=>/.exec(source);
  const list = arrow ? (arrow[1] ?? arrow[2] ?? "") : (/^[^(]*\(([^)]*)\)/.exec(source)?.[1] ?? "");
  return list
    .split(",")
    .map((p) => p.replace(/=.*$/s, "").trim())
    .filter(Boolean)
    .join(",");
}

/** `__espnodeEnter(params,locals,passed);try{` (source-transform.ts). */
const ENTER_PREFIX = new RegExp(`^${FUNCTION_ENTER}\\([^)]*\\);try\\{`);
const LEAVE_SUFFIX = `}finally{${FUNCTION_LEAVE}()}`;
/** The var-declaration masks a function with conditionally declared vars starts with (var-scope.ts). */
const MASK_DECLARATION = new RegExp(`^var ${SCOPE_MASK}\\d+_\\d+=0(,${SCOPE_MASK}\\d+_\\d+=0)*;`);

const ARGUMENTS_DECLARATION = /^arguments\.length<(\d+)&&\(arguments\.length=\1\);/;

/** The function body as the user wrote it: without the sandbox's call-depth wrapper and interrupt checks. */
function withoutInstrumentation(body: string): string {
  const enter = ENTER_PREFIX.exec(body);
  if (enter && body.endsWith(LEAVE_SUFFIX)) body = body.slice(enter[0].length, -LEAVE_SUFFIX.length);
  body = withoutScopeRecords(body);
  body = body.replace(ARGUMENTS_DECLARATION, "").replace(MASK_DECLARATION, "").replace(ARGUMENTS_DECLARATION, "").trim();
  return body.split(`${INTERRUPT_CHECK}();`).join("");
}

/**
 * The code the board keeps for a function written as `original` (jspeFunctionDefinitionInternal): from the first
 * token after `{` (whitespace and a leading comment skipped, the line break after a line comment kept) to the end of
 * the last token; an arrow's expression body becomes `return <expression>`.
 */
function boardCode(original: string): string {
  const arrow = /^(?:\(([^)]*)\)|([A-Za-z_$][\w$]*))\s*=>\s*/.exec(original);
  if (arrow && original[arrow[0].length] !== "{") return `return ${original.slice(arrow[0].length).trim()}`;
  let code = original.slice(original.indexOf("{", arrow ? arrow[0].length - 1 : original.indexOf(")")) + 1, original.lastIndexOf("}"));
  code = code.replace(/^\s+/, "");
  const comment = /^(?:\/\/[^\n]*|\/\*[\s\S]*?\*\/)/.exec(code);
  if (comment) code = code.slice(comment[0].length).replace(/^[ \t]+/, "");
  return code.replace(/\s+$/, "");
}

/** jsfGetJSONForFunctionWithCallback: `(a,b) { ... }` (limited) or the code (not limited); a built-in's is native. */
function functionText(fn: Function, options: FormatOptions): string {
  const source = Function.prototype.toString.call(fn);
  // the sandbox's own functions (print, E.toString, …) are the board's built-ins
  if (source.includes("[native code]") || !source.includes(`${FUNCTION_ENTER}(`)) return "function () { [native code] }";
  const params = functionParameters(source);
  const original = options.originalSource?.(fn);
  if (original !== undefined) {
    const code = boardCode(original);
    if (options.limit) return `function (${params}) {${code ? LIMIT_TEXT : ""}}`;
    return `function (${params}) {${code}${code.includes("\n") ? "\n" : ""}}`;
  }
  const open = source.indexOf("{");
  const body = withoutInstrumentation(
    open >= 0 ? source.slice(open + 1, source.lastIndexOf("}")).trim() : `return ${source.replace(/^[^=]*=>\s*/, "")}`,
  );
  // a function without code has nothing to shorten: `function () {}`
  if (options.limit) return `function (${params}) {${body ? LIMIT_TEXT : ""}}`;
  return body.includes("\n") ? `function (${params}) {\n  ${body}\n}` : `function (${params}) {${body}}`;
}

class Formatter {
  private readonly visiting = new Set<object>();

  constructor(private readonly options: FormatOptions) {}

  value(v: unknown, level: number): string {
    if (v === undefined) return "undefined";
    if (v === null) return "null";
    switch (typeof v) {
      case "number":
        return formatNumber(v);
      case "boolean":
        return String(v);
      case "string":
        return this.string(v);
      case "bigint":
      case "symbol":
        return String(v);
    }
    const obj = v as object;
    if (this.visiting.has(obj)) return LIMIT_TEXT;
    this.visiting.add(obj);
    try {
      if (typeof v === "function") return functionText(v as Function, this.options);
      return this.object(obj, level);
    } finally {
      this.visiting.delete(obj);
    }
  }

  private string(s: string): string {
    if (this.options.limit && s.length > LIMIT_STRING_AMOUNT) {
      return quoteString(s.slice(0, LIMITED_STRING_AMOUNT)) + LIMIT_TEXT + quoteString(s.slice(s.length - LIMITED_STRING_AMOUNT));
    }
    return quoteString(s);
  }

  private object(obj: object, level: number): string {
    const device = this.options.deviceName?.(obj);
    if (device !== undefined) return device;
    const kind = tag(obj);
    if (TYPED_ARRAYS.has(kind) || kind === "ArrayBuffer") return this.arrayBuffer(obj, kind);
    if (Array.isArray(obj)) return this.array(obj as unknown[], level);
    let prefix = "";
    const proto = Object.getPrototypeOf(obj) as Record<string, unknown> | null;
    // JSON_SHOW_OBJECT_NAMES: objects made with `new X()` where X is a global print as `X: ...`; a custom toString
    // (Date, Error, user classes) replaces the contents.
    if (proto && Object.getPrototypeOf(proto) !== null && Object.prototype.hasOwnProperty.call(proto, "constructor")) {
      const name = typeof proto.constructor === "function" ? this.options.globalNameOf?.(proto.constructor) : undefined;
      if (kind === "Date") return `Date: ${(obj as Date).toString().replace(/ \(.*\)$/, "")}`;
      // jswrap_error_toString after the constructor's name: `Error: Error: x` (errors have no name: the type is used)
      if (kind === "Error") {
        const type = String((obj as { type?: unknown }).type ?? "Error");
        const message = (obj as Error).message;
        return `${type}: ${message === undefined ? type : `${type}: ${String(message)}`}`;
      }
      if (name) {
        prefix = `${name}: `;
        let root: object = proto;
        while (Object.getPrototypeOf(root)) root = Object.getPrototypeOf(root) as object;
        const toString = (obj as { toString?: unknown }).toString;
        if (typeof toString === "function" && toString !== (root as { toString?: unknown }).toString) {
          return prefix + String((toString as () => unknown).call(obj));
        }
      }
    }
    const { text, needNewLine } = this.items(Object.keys(obj), obj as Record<string, unknown>, level, true);
    return prefix + "{ " + text + (needNewLine ? newLine(level) : "") + " }";
  }

  /** jsfGetJSONForObjectItWithCallback: `key: value` pairs; needNewLine when the closing bracket goes on a new line. */
  private items(keys: string[], obj: Record<string, unknown>, level: number, first: boolean): { text: string; needNewLine: boolean } {
    let out = "";
    let needNewLine = false;
    let sinceNewLine = 0;
    for (const key of keys) {
      const descriptor = Object.getOwnPropertyDescriptor(obj, key);
      if (descriptor && (descriptor.get || descriptor.set)) continue; // getters/setters are hidden
      const item = obj[key];
      sinceNewLine++;
      if (!first) out += ", ";
      const newNeedsNewLine = needsNewLine(item, this.options);
      if (sinceNewLine > ITEMS_ON_LINE_OBJECT) needNewLine = true;
      if (needNewLine || newNeedsNewLine) {
        out += newLine(level + 1);
        needNewLine = false;
        sinceNewLine = 0;
      }
      const bare = this.options.dropQuotes && (isIntegerish(key) || (key.length < 63 && isIDString(key)));
      out += (bare ? key : quoteString(key)) + ": ";
      first = false;
      out += this.value(item, level + 1);
      needNewLine = newNeedsNewLine;
    }
    return { text: out, needNewLine };
  }

  private array(arr: unknown[], level: number): string {
    const length = arr.length;
    const limited = this.options.limit && length > LIMIT_AMOUNT;
    let out = "[ ";
    let needNewLine = false;
    let first = true;
    for (let i = 0; i < length; i++) {
      if (limited && i >= LIMITED_AMOUNT && i < length - LIMITED_AMOUNT) continue;
      if (!first) out += ", ";
      first = false;
      if (limited && i === length - LIMITED_AMOUNT) out += LIMIT_TEXT;
      const item = i in arr ? arr[i] : undefined;
      const newNeedsNewLine = needsNewLine(item, this.options);
      if (needNewLine || newNeedsNewLine) {
        out += newLine(level + 1);
        needNewLine = false;
      }
      out += this.value(item, level + 1);
      needNewLine = newNeedsNewLine;
    }
    // named (non-index) properties follow the items; their last line break is not carried to the closing bracket
    const named = Object.keys(arr).filter((k) => !/^(0|[1-9]\d*)$/.test(k));
    if (named.length) out += this.items(named, arr as unknown as Record<string, unknown>, level, first).text;
    return out + (needNewLine ? newLine(level) : "") + " ]";
  }

  private arrayBuffer(obj: object, kind: string): string {
    const values: number[] =
      kind === "ArrayBuffer"
        ? Array.prototype.slice.call(new Uint8Array(obj as ArrayBuffer))
        : Array.prototype.slice.call(obj as ArrayLike<number>);
    if (values.every((x) => x === 0)) return `new ${kind}(${values.length})`;
    const length = values.length;
    const limited = this.options.limit && length > LIMIT_AMOUNT;
    let out = `new ${kind === "ArrayBuffer" ? "Uint8Array" : kind}([`;
    for (let i = 0; i < length; i++) {
      if (limited && i >= LIMITED_AMOUNT && i < length - LIMITED_AMOUNT) continue;
      if (i > 0) out += ", ";
      if (limited && i === length - LIMITED_AMOUNT) out += LIMIT_TEXT;
      out += formatNumber(values[i]!);
    }
    return out + "])" + (kind === "ArrayBuffer" ? ".buffer" : "");
  }
}

export function formatValue(v: unknown, options: FormatOptions = CONSOLE_FORMAT): string {
  return new Formatter(options).value(v, 0);
}
