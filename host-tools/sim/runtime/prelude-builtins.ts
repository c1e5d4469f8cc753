// Sandbox side of the number, string and JSON built-ins (runtime/builtins/*.ts hold the board's algorithms):
// replaces V8's number-to-text conversions with the board's (Number.prototype.toString/toFixed, String(), join,
// JSON.stringify, E.toJS, Math.round/pow/sqrt, parseInt/parseFloat, String.fromCharCode, encodeURIComponent),
// removes the String/Number/Math methods 2v29 lacks, and returns [toText, add, toNumber]: the functions the source
// transform puts where V8 would convert implicitly (`a + b`, `s += n`, template literals, unary `+`).

export const PRELUDE_BUILTINS = String.raw`(function (N, G, H) {
  var hide = H.hide, numberText = N.numberToString;
  var NumberProto = Object.getPrototypeOf(0), StringProto = Object.getPrototypeOf("");
  var numberValueOf = NumberProto.valueOf, objectToString = Object.prototype.toString;
  var OriginalString = G.String, originalFromCharCode = OriginalString.fromCharCode;

  // jsvAsString: numbers through the board's ftoa, anything else as V8 converts it
  function toText(v) {
    if (typeof v === "string") return v;
    if (typeof v === "number") return numberText(v);
    if (v !== null && typeof v === "object" && objectToString.call(v) === "[object Number]") return numberText(numberValueOf.call(v));
    return "" + v;
  }
  // jsvMathsOp '+': when either side is a string both are joined as strings
  function add(a, b) {
    if (typeof a === "string") return typeof b === "string" ? a + b : a + toText(b);
    if (typeof b === "string") return toText(a) + b;
    return a + b;
  }

  ["toExponential", "toPrecision", "toLocaleString"].forEach(function (k) { delete NumberProto[k]; });
  ["anchor", "at", "big", "blink", "bold", "codePointAt", "fontcolor", "fontsize", "fixed", "isWellFormed", "italics",
    "link", "localeCompare", "matchAll", "search", "small", "strike", "sub", "sup", "toWellFormed", "trimStart",
    "trimLeft", "trimEnd", "trimRight", "toLocaleLowerCase", "toLocaleUpperCase"].forEach(function (k) { delete StringProto[k]; });
  ["acosh", "asinh", "atanh", "cosh", "sinh", "tanh", "log2", "log10"].forEach(function (k) { delete Math[k]; });
  // typeof [][k], Object[k], ({})[k] is "undefined" on the 2v29 reference (src/jswrap_array.c, jswrap_object.c)
  ["at", "flat", "flatMap", "keys", "values", "entries", "lastIndexOf", "reduceRight", "copyWithin", "findLast",
    "findLastIndex", "toReversed", "toSorted", "toSpliced", "with", "toLocaleString"].forEach(function (k) { delete Array.prototype[k]; });
  ["toLocaleString", "propertyIsEnumerable", "isPrototypeOf", "__defineGetter__"].forEach(function (k) { delete Object.prototype[k]; });
  delete Object.hasOwn; delete Object.groupBy;

  hide(NumberProto, "toString", function (radix) { return N.numberToStringRadix(numberValueOf.call(this), radix); });
  hide(NumberProto, "toFixed", function (digits) { return N.toFixed(numberValueOf.call(this), +digits || 0); });
  // jswrap_string_concat: each argument through jsvAsString
  hide(StringProto, "concat", function () {
    var out = toText(this);
    for (var i = 0; i < arguments.length; i++) out += toText(arguments[i]);
    return out;
  });
  // Espruino's own: Math.clip (jswrap_math_clip) and Math.wrap (wrapAround in src/jsutils.c)
  hide(Math, "clip", function (x, min, max) { x = +x; if (x < min) x = +min; if (x > max) x = +max; return x; });
  hide(Math, "wrap", function (x, size) { size = +size; if (size < 0) return 0; var v = x / size; v = v - (v | 0); return v * size; });
  hide(Math, "round", function (x) { return N.mathRound(+x); });
  hide(Math, "pow", function (x, y) { return N.mathPow(+x, +y); });
  hide(Math, "sqrt", function (x) { return N.mathSqrt(+x); });

  // jsvArrayJoin(array, separator, ignoreNull): undefined and null items are empty
  function join(separator) {
    var sep = separator === undefined ? "," : toText(separator), out = "";
    for (var i = 0; i < this.length; i++) {
      if (i > 0) out += sep;
      var item = this[i];
      if (item !== undefined && item !== null) out += toText(item);
    }
    return out;
  }
  hide(Array.prototype, "join", join);
  hide(Object.getPrototypeOf(Uint8Array.prototype), "join", join);
  hide(Object.getPrototypeOf(Uint8Array.prototype), "toString", function () { return join.call(this); });

  (function () {
    function String(value) {
      var s = arguments.length === 0 ? "" : typeof value === "number" || (value !== null && typeof value === "object" &&
        objectToString.call(value) === "[object Number]") ? toText(value) : OriginalString(value);
      return this instanceof String ? new OriginalString(s) : s;
    }
    String.prototype = StringProto;
    hide(StringProto, "constructor", String);
    hide(String, "fromCharCode", function () { return N.fromCharCodes(Array.prototype.slice.call(arguments).map(function (c) { return +c & 255; })); });
    hide(G, "String", String);
  })();

  hide(G, "parseInt", function (s, radix) {
    if (typeof s === "number" && !isFinite(s)) return NaN;
    return N.parseInt(toText(s), typeof radix === "number" ? radix | 0 : 0);
  });
  hide(G, "parseFloat", function (s) { return N.parseFloat(toText(s)); });
  // jswrap_isNaN / jswrap_isFinite: jsvGetFloat, so a string is read as Number("…") reads it (" 12" is 12, "12 " NaN)
  var v8IsNaN = G.isNaN, v8IsFinite = G.isFinite;
  hide(G, "isNaN", function (v) { return v8IsNaN(typeof v === "string" ? N.stringToNumber(v) : v); });
  hide(G, "isFinite", function (v) { return v8IsFinite(typeof v === "string" ? N.stringToNumber(v) : v); });
  hide(G, "encodeURIComponent", function (s) { return N.encodeURIComponent(toText(s)); });
  hide(G.JSON, "stringify", function (value, replacer, space) {
    return N.jsonStringify(value, space, typeof space === "string" ? space : typeof space === "object" && space !== null ? toText(space) : undefined);
  });
  hide(G.E, "toJS", function (value) { return N.toJS(value); });
  // jswrap_json_parse / jswrap_json_parse_liberal (Storage.readJSON): the board's parser checks the text and gives
  // it back as standard JSON that V8's parser (kept as H.v8ParseJSON for the prelude's own data) turns into values
  var v8Parse = G.JSON.parse, ErrorKinds = { Error: G.Error, SyntaxError: G.SyntaxError };
  function parseJSON(text, liberal, noExceptions) {
    var r = N.jsonParse(toText(text), liberal);
    if (r.error && !noExceptions) {
      var e = new ErrorKinds[r.error.type](r.error.message);
      hide(e, "stack", r.error.stack);
      throw e;
    }
    return r.json === undefined ? undefined : v8Parse(r.json);
  }
  hide(G.JSON, "parse", function (text) { return parseJSON(text, false, false); });
  H.parseJSON = parseJSON;
  H.v8ParseJSON = v8Parse;
  // unary '+' (jspeFactor → jsvGetFloat): a string as Number("…") reads it
  function toNumber(v) { return typeof v === "string" ? N.stringToNumber(v) : +v; }
  return [toText, add, toNumber];
})`;
