// Numbers as the board converts them, following src/jsutils.c and src/jswrap_number.c / jswrap_math.c /
// jswrap_functions.c of Espruino 2v29:
// - ftoa_bounded_extra: number → text (12 significant digits at most, `10e+20` exponents, no V8 shortest round-trip),
//   used by jsvGetString/jsvAsString for every float: String(n), n+"", print, `=value`, JSON.stringify, join;
// - itostr_extra: integers that fit an int32 (the board keeps them as JsVarInt);
// - jswrap_object_toString (radix), jswrap_number_toFixed, jswrap_math_round/pow/sqrt;
// - stringToFloatWithRadix / stringToIntWithRadix / getRadix: Number(), parseFloat(), parseInt().
// Pure functions on host numbers and strings: the sandbox calls them through its natives.

/** JS_NUMBER_BUFFER_SIZE in src/jsutils.h: the text of a number is cut to fit it. */
const NUMBER_BUFFER_SIZE = 70;
const STOP_AT_ERROR = 0.0000001;

function isInt32(n: number): boolean {
  return (n | 0) === n && !Object.is(n, -0);
}

/** itoch(): digits above 9 are lower-case letters. */
function digitChar(v: number): string {
  return v < 10 ? String.fromCharCode(48 + v) : String.fromCharCode(97 + v - 10);
}

/** `(JsVarInt)x` for the "close to an integer" check: an out-of-range cast never equals 1 + itself on the board. */
function toInt32Cast(x: number): number {
  return x >= 2147483648 || x < -2147483648 ? -2147483648 : Math.trunc(x);
}

/** ftoa_bounded_extra(val, str, JS_NUMBER_BUFFER_SIZE, radix, fractionalDigits). */
export function ftoa(value: number, radix = 10, fractionalDigits = -1): string {
  if (Number.isNaN(value)) return "NaN";
  if (!Number.isFinite(value)) return value < 0 ? "-Infinity" : "Infinity";
  let len = NUMBER_BUFFER_SIZE;
  let out = "";
  let val = value;
  if (val < 0) {
    if (--len <= 0) return out;
    out += "-";
    val = -val;
  }
  let exponent = 0;
  if (radix === 10 && val > 0 && fractionalDigits < 0) {
    // repeated mul/div by 1e5 then 10, as the board does it (its rounding errors are part of the result)
    if (val >= 1e21) {
      while (val > 100000) {
        val /= 100000;
        exponent += 5;
      }
      while (val > 10) {
        val /= 10;
        exponent++;
      }
    } else if (val < 1e-6) {
      while (val < 1e-5) {
        val *= 100000;
        exponent -= 5;
      }
      while (val < 1) {
        val *= 10;
        exponent--;
      }
    }
  }
  // really close to an integer? use that
  if (toInt32Cast(val + STOP_AT_ERROR) === 1 + toInt32Cast(val)) val = 1 + toInt32Cast(val);
  let d = 1;
  while (d * radix <= val) d *= radix;
  while (d >= 1) {
    const v = Math.trunc(val / d);
    val -= v * d;
    if (--len <= 0) return out;
    out += digitChar(v);
    d /= radix;
  }
  if ((fractionalDigits < 0 && val > 0) || fractionalDigits > 0) {
    let hasPoint = false;
    val *= radix;
    while ((fractionalDigits < 0 && fractionalDigits > -12 && val > STOP_AT_ERROR) || fractionalDigits > 0) {
      let v = Math.trunc(val + (fractionalDigits === 1 ? 0.5 : 0.00000001));
      val = (val - v) * radix;
      if (v === radix) v = radix - 1;
      if (!hasPoint) {
        hasPoint = true;
        if (--len <= 0) return out;
        out += ".";
      }
      if (--len <= 0) return out;
      out += digitChar(v);
      fractionalDigits--;
    }
  }
  if (exponent && len > 5) out += "e" + (exponent > 0 ? "+" : "") + String(exponent);
  return out;
}

/** jsvGetString of a number: an int32 prints as an integer (itostr), anything else through ftoa. */
export function numberToString(n: number): string {
  return isInt32(n) ? String(n) : ftoa(n);
}

/** itostr_extra(val, str, signed, base) for an int32. */
function itostr(n: number, radix: number): string {
  return (n < 0 ? "-" : "") + Math.abs(n).toString(radix);
}

/**
 * jswrap_object_toString: a radix 2..36 given as an integer works for numbers (floats through ftoa with that radix,
 * so `(255.5).toString(16)` is "ff.8"); otherwise the plain conversion.
 */
export function numberToStringRadix(n: number, radix: unknown): string {
  if (typeof radix === "number" && isInt32(radix) && radix >= 2 && radix <= 36) {
    return isInt32(n) ? itostr(n, radix) : ftoa(n, radix, -1);
  }
  return numberToString(n);
}

/** jswrap_number_toFixed: 0..20 digits, digits cut (not rounded) except the last one: (-7.5).toFixed(0) is "-7". */
export function toFixed(n: number, decimals: number): string {
  let digits = Number.isFinite(decimals) ? Math.trunc(decimals) : 0;
  if (digits < 0) digits = 0;
  if (digits > 20) digits = 20;
  return ftoa(n, 10, digits);
}

/** jswrap_math_round: halves round away from zero (Math.round(-2.5) is -3); -0 and non-finite pass through. */
export function mathRound(x: number): number {
  if (!Number.isFinite(x) || Object.is(x, -0)) return x;
  x += x < 0 ? -0.5 : 0.5;
  const i = Math.trunc(x);
  if (i === 0 && x < 0) return -0;
  return i;
}

/** jswrap_math_mod: fmod by repeated subtraction of doubled divisors. */
function mathMod(x: number, y: number): number {
  const c = x;
  if (!Number.isFinite(x) || Number.isNaN(y) || y === 0) return NaN;
  if (y === Infinity) return x;
  if (c < 0) x = -x;
  if (y < 0) y = -y;
  if (y !== 0 && Number.MAX_VALUE >= y && Number.MAX_VALUE >= x) {
    while (x >= y) {
      const a = x / 2;
      let b = y;
      while (a >= b) b *= 2;
      x -= b;
    }
  } else x = 0;
  return c < 0 ? -x : x;
}

/** jswrap_math_pow: small integer powers by multiplication, the rest as exp(log(x) * y). */
export function mathPow(x: number, y: number): number {
  const yi = toInt32Cast(y);
  if (yi >= 0 && yi < 10 && yi === y) {
    if (yi === 0) return 1;
    let p = x;
    for (let k = yi; k > 1; k--) p *= x;
    return p;
  }
  if (x < 0 && mathMod(y, 1) === 0) return mathMod(y, 2) === 0 ? Math.exp(Math.log(-x) * y) : -Math.exp(Math.log(-x) * y);
  if (x !== 0 || 0 >= y) return Math.exp(Math.log(x) * y);
  return 0;
}

/** jswrap_math_sqrt: exp(log(x) / 2). */
export function mathSqrt(x: number): number {
  return x >= 0 ? Math.exp(Math.log(x) * 0.5) : NaN;
}

/** isWhitespaceInline in src/jsutils.h. */
function isWhitespace(ch: string | undefined): boolean {
  return ch === "\t" || ch === "\x0b" || ch === "\x0c" || ch === " " || ch === "\n" || ch === "\r";
}

/** chtod(): a digit or letter as its value, else -1. */
function digitValue(ch: string | undefined): number {
  if (ch === undefined) return -1;
  const c = ch.charCodeAt(0);
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 122) return 10 + c - 97;
  if (c >= 65 && c <= 90) return 10 + c - 65;
  return -1;
}

/** getRadix(): `0x` hex, `0b` binary, `0o` or a leading 0 octal (unless a '.', 8 or 9 follows), else decimal. */
function readRadix(s: string, at: number): { radix: number; at: number } {
  if (s[at] !== "0") return { radix: 10, at };
  at++;
  const next = s[at];
  if (next === "o" || next === "O") return { radix: 8, at: at + 1 };
  if (next === "x" || next === "X") return { radix: 16, at: at + 1 };
  if (next === "b" || next === "B") return { radix: 2, at: at + 1 };
  let radix = 8;
  for (let p = at; p < s.length; p++) {
    const ch = s[p]!;
    if (ch === "." || ch === "8" || ch === "9") radix = 10;
    else if (ch < "0" || ch > "9") break;
  }
  return { radix, at };
}

/** Leading blanks, then an optional sign, as each of the C string-to-number functions starts. */
function readSign(s: string, from = 0): { negated: boolean; at: number } {
  let at = from;
  while (isWhitespace(s[at])) at++;
  if (s[at] === "-") return { negated: true, at: at + 1 };
  return { negated: false, at: s[at] === "+" ? at + 1 : at };
}

/** stringToFloatWithRadix(s, forceRadix, &end): the value and where the number ended. */
export function stringToFloat(s: string, forceRadix = 0): { value: number; end: number } {
  let { negated, at } = readSign(s);
  const numberStart = at;
  let radix = forceRadix;
  if (!radix) ({ radix, at } = readRadix(s, at));
  let v = 0;
  let mul = 0.1;
  for (let digit = digitValue(s[at]); digit >= 0 && digit < radix; digit = digitValue(s[at])) {
    v = v * radix + digit;
    at++;
  }
  if (radix === 10) {
    if (s[at] === ".") {
      at++;
      while (at < s.length && s[at]! >= "0" && s[at]! <= "9") {
        v += mul * (s.charCodeAt(at) - 48);
        mul /= 10;
        at++;
      }
    }
    if (s[at] === "e" || s[at] === "E") {
      at++;
      let eNegated = false;
      if (s[at] === "-" || s[at] === "+") {
        eNegated = s[at] === "-";
        at++;
      }
      let e = 0;
      while (at < s.length && s[at]! >= "0" && s[at]! <= "9") e = e * 10 + (s.charCodeAt(at++) - 48);
      if (eNegated) e = -e;
      for (; e > 0; e--) v *= 10;
      for (; e < 0; e++) v /= 10;
    }
  }
  if (numberStart === at || (s[numberStart] === "." && at === numberStart + 1)) return { value: NaN, end: at };
  return { value: negated ? -v : v, end: at };
}

/** jsvGetFloat of a string (Number("x"), +"x" on the board): the whole string must be the number. */
export function stringToNumber(s: string): number {
  if (s.length >= 63) return NaN;
  if (s === "") return 0;
  if (s === "Infinity") return Infinity;
  if (s === "-Infinity") return -Infinity;
  const { value, end } = stringToFloat(s);
  return end === s.length ? value : NaN;
}

/** jswrap_parseFloat. */
export function parseFloatText(s: string): number {
  s = s.slice(0, NUMBER_BUFFER_SIZE - 1);
  if (s === "Infinity") return Infinity;
  if (s === "-Infinity") return -Infinity;
  return stringToFloat(s).value;
}

/** jswrap_parseInt: `0x` means hex (radix 0 or 16), otherwise radix 10 unless given; digits up to the first non-digit. */
export function parseIntText(s: string, radix: number): number {
  s = s.slice(0, NUMBER_BUFFER_SIZE - 1);
  let at = 0;
  if ((!radix || radix === 16) && s[0] === "0" && (s[1] === "x" || s[1] === "X")) {
    radix = 16;
    at = 2;
  }
  if (!radix) radix = 10;
  // stringToIntWithRadix
  const sign = readSign(s, at);
  const negated = sign.negated;
  at = sign.at;
  const start = at;
  let v = 0;
  for (let digit = digitValue(s[at]); digit >= 0 && digit < radix; digit = digitValue(s[at])) {
    v = v * radix + digit;
    at++;
  }
  if (at === start) return NaN;
  return negated ? -v : v;
}

/** stringToInt (stringToIntWithRadix into a `long long`: wraps past 2^63) as jsvNewFromLongInteger keeps it. */
export function stringToLongInt(s: string): number {
  let { negated, at } = readSign(s);
  let radix: number;
  ({ radix, at } = readRadix(s, at));
  let v = 0n;
  for (let digit = digitValue(s[at]); digit >= 0 && digit < radix; digit = digitValue(s[at])) {
    v = BigInt.asIntN(64, v * BigInt(radix) + BigInt(digit));
    at++;
  }
  return Number(BigInt.asIntN(64, negated ? -v : v));
}
