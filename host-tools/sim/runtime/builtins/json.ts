// JSON.stringify and E.toJS as the board writes them (JSON.parse as it reads: jsonParse, below), following src/jswrap_json.c of Espruino 2v29:
// jswrap_json_stringify / jswrap_espruino_toJS (their JSONFlags) → jsfGetJSONWithCallback,
// jsfGetJSONForObjectItWithCallback, jsonNewLine; strings quoted as `%Q` (vcbprintf, escapeCharacter in
// src/jsutils.c, JSON style: `\u00E9`, upper-case hex); numbers through jsvGetString (ftoa, see number.ts).
// Differences from V8 this gives: typed arrays and ArrayBuffers are arrays of their values, the replacer is ignored,
// `JSON.stringify(undefined)` is "null" and a function is "undefined", a function inside an array is `undefined`,
// bytes ≥ 0x7F and control characters escape as `\u00XX`, `\v` too; with an indent the separators are `, `/`: `,
// the closing bracket is indented one level less one space (`\n ]`), empty containers are `[  ]`/`{  }`, and an
// array's named properties are listed after its items.
// Works on values from the sandbox realm, so it never relies on instanceof.
import { lexerErrorStack } from "../error-stack.ts";
import { JsonLexer, LEX_FLOAT, LEX_INT, LEX_R_FALSE, LEX_R_NULL, LEX_R_TRUE, LEX_STR, tokenAsString } from "./json-lexer.ts";
import { numberToString, stringToFloat, stringToLongInt } from "./number.ts";

/** JSONFlags in src/jswrap_json.h (the ones these two callers use). */
const PRETTY = 4;
const ALL_NEWLINES = 2;
const IGNORE_FUNCTIONS = 16;
const NO_UNDEFINED = 64;
const DROP_QUOTES = 512;
const ALL_UNICODE_ESCAPE = 2048;
const NO_NAN = 4096;
const ALLOW_TOJSON = 8192;

/** jswrap_json_stringify: IGNORE_FUNCTIONS|NO_UNDEFINED|ARRAYBUFFER_AS_ARRAY|JSON_COMPATIBILE|ALLOW_TOJSON. */
const STRINGIFY_FLAGS = IGNORE_FUNCTIONS | NO_UNDEFINED | ALL_UNICODE_ESCAPE | NO_NAN | ALLOW_TOJSON;
/** jswrap_espruino_toJS: DROP_QUOTES|NO_UNDEFINED|ARRAYBUFFER_AS_ARRAY|ALLOW_TOJSON. */
const TOJS_FLAGS = DROP_QUOTES | NO_UNDEFINED | ALLOW_TOJSON;

const TYPED_ARRAYS = new Set([
  "Uint8Array", "Int8Array", "Uint8ClampedArray", "Uint16Array", "Int16Array", "Uint32Array", "Int32Array",
  "Float32Array", "Float64Array", "ArrayBuffer",
]);

function hex(c: number, digits: number): string {
  return c.toString(16).toUpperCase().padStart(digits, "0");
}

/** escapeCharacter(ch, nextCh, jsonStyle) in src/jsutils.c: JSON style writes every other escape as `\uXXXX`. */
function escapeCharacter(c: number, next: number, jsonStyle: boolean): string | undefined {
  switch (c) {
    case 0x0a: return "\\n";
    case 0x09: return "\\t";
    case 0x08: return "\\b";
    case 0x0c: return "\\f";
    case 0x0d: return "\\r";
    case 0x5c: return "\\\\";
    case 0x22: return '\\"';
  }
  if (c === 0x0b && !jsonStyle) return "\\v";
  if (c < 8 && !jsonStyle && !(next >= 0x30 && next <= 0x37)) return "\\" + c;
  if (c < 32 || c >= 127) return jsonStyle || c > 255 ? "\\u" + hex(c, 4) : "\\x" + hex(c, 2);
  return undefined;
}

/** `%Q` (jsonStyle) or `%q`: a double-quoted string with the board's escapes. */
export function quoteJSONString(s: string, jsonStyle = true): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    out += escapeCharacter(s.charCodeAt(i), i + 1 < s.length ? s.charCodeAt(i + 1) : -1, jsonStyle) ?? s[i];
  }
  return out + '"';
}

/** isIDString() in src/jsutils.c. */
function isIDString(key: string): boolean {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key);
}

function isIntegerish(key: string): boolean {
  return /^(0|-?[1-9]\d{0,9})$/.test(key);
}

class JSONWriter {
  private readonly visiting = new Set<object>();

  constructor(private readonly whitespace: string) {}

  private newLine(level: number): string {
    return "\n" + this.whitespace.repeat(level);
  }

  value(v: unknown, key: string | undefined, flags: number, level: number): string {
    if (v === undefined) return flags & NO_UNDEFINED ? "null" : "undefined";
    if (v === null) return "null";
    switch (typeof v) {
      case "number":
        return flags & NO_NAN && !Number.isFinite(v) ? "null" : numberToString(v);
      case "boolean":
        return String(v);
      case "string":
        return quoteJSONString(v, (flags & ALL_UNICODE_ESCAPE) !== 0);
      case "function":
        // jsfGetJSONWithCallback: IGNORE_FUNCTIONS prints "undefined" for a function met outside an object
        return "undefined";
    }
    const obj = v as object;
    if (this.visiting.has(obj)) return " ... ";
    this.visiting.add(obj);
    try {
      return this.object(obj, key, flags, level);
    } finally {
      this.visiting.delete(obj);
    }
  }

  private object(obj: object, key: string | undefined, flags: number, level: number): string {
    const pretty = (flags & PRETTY) !== 0;
    const kind = Object.prototype.toString.call(obj).slice(8, -1);
    if (TYPED_ARRAYS.has(kind)) return this.arrayBuffer(obj, kind, flags, level);
    if (Array.isArray(obj)) return this.array(obj, flags, level);
    if (flags & ALLOW_TOJSON) {
      const toJSON = (obj as { toJSON?: unknown }).toJSON;
      if (typeof toJSON === "function") {
        const result = (toJSON as (k: unknown) => unknown).call(obj, key);
        if (result === obj) this.visiting.delete(obj);
        return this.value(result, undefined, flags & ~ALLOW_TOJSON, level);
      }
    }
    const { text, needNewLine } = this.items(Object.keys(obj), obj as Record<string, unknown>, flags, level, true);
    return (pretty ? "{ " : "{") + text + (needNewLine ? this.newLine(level) : "") + (pretty ? " }" : "}");
  }

  /** jsfGetJSONForObjectItWithCallback (SOME_NEWLINES is never set here: only ALL_NEWLINES wraps). */
  private items(keys: string[], obj: Record<string, unknown>, flags: number, level: number, first: boolean) {
    const pretty = (flags & PRETTY) !== 0;
    let out = "";
    let needNewLine = false;
    for (const key of keys) {
      const descriptor = Object.getOwnPropertyDescriptor(obj, key);
      if (descriptor && (descriptor.get || descriptor.set)) continue;
      const item = obj[key];
      if ((flags & IGNORE_FUNCTIONS && typeof item === "function") || (flags & NO_UNDEFINED && item === undefined)) continue;
      if (!first) out += pretty ? ", " : ",";
      if (flags & ALL_NEWLINES) out += this.newLine(level + 1);
      needNewLine = (flags & ALL_NEWLINES) !== 0;
      const bare = flags & DROP_QUOTES && (isIntegerish(key) || (key.length < 63 && isIDString(key)));
      out += (bare ? key : quoteJSONString(key, (flags & ALL_UNICODE_ESCAPE) !== 0)) + (pretty ? ": " : ":");
      first = false;
      out += this.value(item, key, flags, level + 1);
    }
    return { text: out, needNewLine };
  }

  private array(arr: unknown[], flags: number, level: number): string {
    const pretty = (flags & PRETTY) !== 0;
    let out = pretty ? "[ " : "[";
    let needNewLine = false;
    for (let i = 0; i < arr.length; i++) {
      if (i > 0) out += pretty ? ", " : ",";
      if (flags & ALL_NEWLINES) {
        out += this.newLine(level + 1);
        needNewLine = true;
      }
      out += i in arr ? this.value(arr[i], String(i), flags, level + 1) : flags & NO_UNDEFINED ? "null" : "undefined";
    }
    // named properties follow the items, but only in the pretty form (their line break is not carried over)
    if (pretty) {
      const named = Object.keys(arr).filter((k) => !/^(0|[1-9]\d*)$/.test(k));
      out += this.items(named, arr as unknown as Record<string, unknown>, flags, level, arr.length === 0).text;
    }
    return out + (needNewLine ? this.newLine(level) : "") + (pretty ? " ]" : "]");
  }

  /** ARRAYBUFFER_AS_ARRAY: the element values, also for an all-zero buffer. */
  private arrayBuffer(obj: object, kind: string, flags: number, level: number): string {
    const pretty = (flags & PRETTY) !== 0;
    const values: number[] = Array.prototype.slice.call(kind === "ArrayBuffer" ? new Uint8Array(obj as ArrayBuffer) : (obj as ArrayLike<number>));
    let out = "[";
    if (flags & ALL_NEWLINES) out += this.newLine(level + 1);
    values.forEach((n, i) => {
      if (i > 0) out += pretty ? ", " : ",";
      if (flags & ALL_NEWLINES) out += this.newLine(level + 1);
      out += this.value(n, undefined, flags, level + 1);
    });
    if (flags & ALL_NEWLINES) out += this.newLine(level);
    return out + "]";
  }
}

/** jswrap_json_stringify(data, replacer (ignored), space): a number of spaces (0..10) or a string (≤ 10 chars). */
export function jsonStringify(value: unknown, space: unknown, spaceText: string | undefined): string {
  let whitespace = "";
  if (typeof space === "number" || typeof space === "boolean") whitespace = " ".repeat(Math.max(0, Math.min(10, Math.trunc(Number(space)) || 0)));
  else if (space !== undefined && space !== null) whitespace = (spaceText ?? "").slice(0, 9);
  const flags = STRINGIFY_FLAGS | (whitespace ? ALL_NEWLINES | PRETTY : 0);
  return new JSONWriter(whitespace || "  ").value(value, undefined, flags, 0);
}

/** jswrap_espruino_toJS: `{a:1}` (identifier keys unquoted, `%q` escapes). */
export function toJS(value: unknown): string {
  return new JSONWriter("  ").value(value, undefined, TOJS_FLAGS, 0);
}

// ---- JSON.parse ----------------------------------------------------------------------------------------------

/** What JSON.parse gives the sandbox: the value as standard JSON text (V8 builds it there), and the exception. */
export interface ParseResult {
  /** undefined where the board's parser returned nothing (jswrap_json_parse_internal's 0). */
  json?: string;
  error?: { type: "Error" | "SyntaxError"; message: string; stack: string };
}

/** A number as JSON text V8 reads back to the same value (1e400 is Infinity). */
function numberJSON(n: number): string {
  return n === Infinity ? "1e400" : n === -Infinity ? "-1e400" : String(n);
}

/**
 * jswrap_json_parse_ext (src/jswrap_json.c): the board's lexer over the text, then jswrap_json_parse_internal.
 * `liberal` is JSON_DROP_QUOTES (Storage.readJSON: unquoted and number keys). Nothing after the value is checked,
 * a trailing comma is accepted, a duplicate key keeps its first value (the board keeps both; a lookup finds the
 * first). The first exception wins (jsExceptionHere); parsing goes on after it as on the board, and its stack is the
 * JSON text's own (the lexer JSON.parse makes has no caller: jslPrintStackTrace shows only `    at :L:C`).
 */
export function jsonParse(text: string, liberal: boolean): ParseResult {
  let error: ParseResult["error"];
  const raise = (type: "Error" | "SyntaxError", message: string, pos: number) => {
    error ??= { type, message, stack: lexerErrorStack(text, pos) };
  };
  const lex = new JsonLexer(text, raise);
  /** jslMatch: on a mismatch "Got <token> expected <token>" at the token, which is skipped anyway. */
  const match = (expected: number): boolean => {
    if (lex.tk !== expected) {
      raise("SyntaxError", `Got ${lex.tokenString()} expected ${tokenAsString(expected)}`, lex.tokenStart);
      lex.next();
      return false;
    }
    lex.next();
    return true;
  };
  const value = (): string | undefined => {
    const token: number = lex.tk;
    switch (token) {
      case LEX_R_TRUE: lex.next(); return "true";
      case LEX_R_FALSE: lex.next(); return "false";
      case LEX_R_NULL: lex.next(); return "null";
      case 0x2d: {
        // '-': only before a number, as 0 - value (jsvMathsOp), so -0 is 0
        lex.next();
        if (lex.tk !== LEX_INT && lex.tk !== LEX_FLOAT) return undefined;
        const v = value();
        return v === undefined ? undefined : numberJSON(0 - Number(v));
      }
      case LEX_INT: {
        const v = stringToLongInt(lex.value);
        lex.next();
        return numberJSON(v);
      }
      case LEX_FLOAT: {
        const v = stringToFloat(lex.value).value;
        lex.next();
        return numberJSON(v);
      }
      case LEX_STR: {
        const v = lex.value;
        lex.next();
        return JSON.stringify(v);
      }
      case 0x5b: {
        const items: string[] = [];
        lex.next();
        while (lex.tk !== 0x5d && !error) {
          const item = value();
          if (item === undefined || (lex.tk !== 0x5d && !match(0x2c))) return undefined;
          items.push(item);
        }
        return match(0x5d) ? `[${items.join(",")}]` : undefined;
      }
      case 0x7b: {
        const items: string[] = [];
        const keys = new Set<string>();
        const obj = () => `{${items.join(",")}}`;
        lex.next();
        while ((lex.tk === LEX_STR || lex.tk === LEX_INT || lex.isIDOrReservedWord()) && !error) {
          if (!liberal && lex.tk !== LEX_STR) {
            match(LEX_STR);
            return obj();
          }
          // jsvAsArrayIndex: a number key is the number's text
          const key = lex.tk === LEX_INT ? numberToString(stringToLongInt(lex.value)) : lex.value;
          lex.next();
          let item: string | undefined;
          if (!match(0x3a) || (item = value()) === undefined || (lex.tk !== 0x7d && !match(0x2c))) return undefined;
          if (!keys.has(key)) items.push(`${JSON.stringify(key)}:${item}`);
          keys.add(key);
        }
        return match(0x7d) ? obj() : undefined;
      }
      default:
        // the error is at the previous token (lex->tokenLastStart)
        raise("SyntaxError", `Expecting valid value, got ${tokenAsString(lex.tk)}`, lex.tokenLastStart);
        return undefined;
    }
  };
  const json = value();
  return error ? { json, error } : { json };
}
