// Prints a value the way Espruino's console shows a result after `=` (jsfPrintJSON with PRETTY | SOME_NEWLINES |
// DROP_QUOTES): `=3`, `="str"`, `={ a: 1, b: [ 1, 2 ] }`; objects wrap after 4 simple items, nested objects go on
// their own line. Works on values from the sandbox realm, so it never relies on instanceof.

const ITEMS_ON_LINE = 4;
const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const MAX_DEPTH = 8;

export function quoteString(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i]!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (ch === "\t") out += "\\t";
    else if (c < 32 || (c >= 127 && c < 256)) out += "\\x" + c.toString(16).padStart(2, "0").toUpperCase();
    else if (c >= 256) out += "\\u" + c.toString(16).padStart(4, "0").toUpperCase();
    else out += ch;
  }
  return out + '"';
}

export function formatNumber(n: number): string {
  if (Number.isNaN(n)) return "NaN";
  if (n === Infinity) return "Infinity";
  if (n === -Infinity) return "-Infinity";
  return String(n);
}

function tag(v: object): string {
  return Object.prototype.toString.call(v).slice(8, -1);
}

const TYPED_ARRAYS = new Set([
  "Uint8Array", "Int8Array", "Uint8ClampedArray", "Uint16Array", "Int16Array", "Uint32Array", "Int32Array",
  "Float32Array", "Float64Array",
]);

function isComplex(v: unknown): boolean {
  return v !== null && (typeof v === "object" || typeof v === "function");
}

function functionText(fn: Function): string {
  const src = Function.prototype.toString.call(fn);
  if (src.includes("[native code]")) return "function () { [native code] }";
  // Espruino stores functions without their name: `function (a, b) { ... }`
  return src.replace(/^function\s*[\w$]*\s*\(/, "function (");
}

export function formatValue(
  v: unknown,
  indent = "",
  depth = 0,
  pinName?: (v: object) => string | undefined,
  dropQuotes = true,
): string {
  if (v === undefined) return "undefined";
  if (v === null) return "null";
  switch (typeof v) {
    case "number":
      return formatNumber(v);
    case "boolean":
      return String(v);
    case "string":
      return quoteString(v);
    case "function":
      return functionText(v);
    case "bigint":
    case "symbol":
      return String(v);
  }
  const obj = v as Record<string, unknown>;
  const pin = pinName?.(obj);
  if (pin) return pin;
  if (depth > MAX_DEPTH) return "{ ... }";
  const kind = tag(obj);
  if (TYPED_ARRAYS.has(kind)) {
    const items = Array.prototype.slice.call(obj as unknown as ArrayLike<number>).map(formatNumber);
    return `new ${kind}([${items.join(", ")}])`;
  }
  if (kind === "ArrayBuffer") {
    const bytes = Array.prototype.slice.call(new Uint8Array(obj as unknown as ArrayBuffer)).map(String);
    return `new Uint8Array([${bytes.join(", ")}]).buffer`;
  }
  if (kind === "Date") return `Date: ${(obj as unknown as Date).toString().replace(/ \(.*\)$/, "")}`;
  if (kind === "Error") return `${String(obj.name)}: ${String(obj.message)}`;
  const isArray = Array.isArray(obj);
  const entries: Array<[string, unknown]> = isArray
    ? (obj as unknown as unknown[]).map((item, i) => [String(i), item])
    : Object.keys(obj).map((k) => [k, obj[k]]);
  const [openBracket, closeBracket] = isArray ? ["[", "]"] : ["{", "}"];
  if (entries.length === 0) return `${openBracket} ${closeBracket}`;
  const inner = indent + "  ";
  let out = openBracket;
  let sinceNewLine = 0;
  let previousComplex = false;
  entries.forEach(([key, item], index) => {
    if (index > 0) out += ",";
    const complex = isComplex(item) && typeof item !== "function";
    if (complex || previousComplex || sinceNewLine >= ITEMS_ON_LINE * (isArray ? 2 : 1)) {
      out += "\n" + inner;
      sinceNewLine = 0;
    } else out += " ";
    if (!isArray) out += (dropQuotes && IDENTIFIER.test(key) ? key : quoteString(key)) + ": ";
    out += formatValue(item, inner, depth + 1, pinName, dropQuotes);
    previousComplex = complex;
    sinceNewLine++;
  });
  out += previousComplex ? `\n${indent} ${closeBracket}` : ` ${closeBracket}`;
  return out;
}
