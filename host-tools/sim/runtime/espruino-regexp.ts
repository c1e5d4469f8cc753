// Espruino 2v29's regular-expression engine, ported line by line from src/jswrap_regexp.c (espruino/Espruino,
// commit c30cca92), plus the RegExp paths of String.prototype.match/replace/replaceAll/split (src/jswrap_string.c).
// Pure: no sandbox, no I/O. The quirks are the point, so they are kept:
// - only literals, `.`, `[...]`/`[^...]` (ranges; `.` is literal inside), `\d \D \s \S \w \W \f \b(backspace) \n \r
//   \t \v \0 \xNN` (any other escape is the quoted character, `\1`..`\9` throw), `^`, `$`, `*`, `+`;
//   `?`, `{n}`, `\u`, lookaround are literal characters;
// - `(` and `)` only record positions (no alternation inside a group, a quantifier after `)` applies to a literal);
//   `)` closes the group opened last, so nested groups leave the outer one empty;
// - `|` is found by scanning forward from the point where matching failed, and matching restarts there from the
//   attempt's start (`/^(a|b)c$/` matches "ax" as "a");
// - `*`/`+` try the rest of the pattern after zero characters first and keep the longest success;
// - a match is tried at every position from lastIndex up to the last character, never at the end of a non-empty
//   text, so `/$/` finds nothing in "ab";
// - only the `i` and `g` flags do anything; exec() starts at lastIndex even without `g` and then resets it to 0.
// Characters are compared as UTF-16 code units (Espruino compares bytes; the same for ASCII and binary strings).

/** An error the engine raises as Espruino's jsExceptionHere(JSET_ERROR, …) does. */
export class RegExpEngineError extends Error {}

/** The fields of an Espruino RegExp object the engine reads and writes (own properties, as on the board). */
export interface RegExpFields {
  source?: unknown;
  flags?: unknown;
  lastIndex?: unknown;
}

/** An exec() result: the match and its groups, `index` and `input`. */
export interface ExecMatch {
  items: string[];
  index: number;
  input: string;
}

export interface EngineOptions {
  /** Polled like jspIsInterrupted(): returning true stops matching with "no match". */
  isInterrupted?: () => boolean;
  /** split() with a pattern that matches "" never ends on the board (it runs out of memory): stop after this many parts. */
  maxSplitParts?: number;
}

const MAX_GROUPS = 9;
const NO_RANGE = 256;
const END = 0;
const C = {
  dot: 0x2e, lbracket: 0x5b, rbracket: 0x5d, caret: 0x5e, backslash: 0x5c, dash: 0x2d, pipe: 0x7c, dollar: 0x24,
  lparen: 0x28, rparen: 0x29, star: 0x2a, plus: 0x2b,
} as const;

interface MatchInfo {
  startIndex: number;
  ignoreCase: boolean;
  rangeMatch: boolean;
  rangeFirstChar: number;
  groups: number;
  /** groupStart[0..8] then groupEnd[0..8], laid out like the C struct: a 10th `(` writes groupStart[9] = groupEnd[0]. */
  slots: number[];
}

interface RawMatch {
  start: number;
  end: number;
  groups: Array<[number, number]>;
}

/** The C code passes matchInfo by value: every matchhere() works on its own copy. */
function copyInfo(info: MatchInfo): MatchInfo {
  return { ...info, slots: info.slots.slice() };
}

function isNumeric(ch: number): boolean {
  return ch >= 0x30 && ch <= 0x39;
}

/** isAlpha() in src/jsutils.c (it includes '_'). */
function isAlpha(ch: number): boolean {
  return (ch >= 0x61 && ch <= 0x7a) || (ch >= 0x41 && ch <= 0x5a) || ch === 0x5f;
}

/** isWhitespace() in src/jsutils.c: tab, VT, FF, space, no-break space, \n, \r. */
function isWhitespace(ch: number): boolean {
  return ch === 0x09 || ch === 0x0b || ch === 0x0c || ch === 0x20 || ch === 0xa0 || ch === 0x0a || ch === 0x0d;
}

/** charToLowerCase(): ASCII and ISO-8859-1 capitals (not ×). */
function toLower(ch: number): number {
  if ((ch >= 0x41 && ch <= 0x5a) || (ch >= 0xc0 && ch <= 0xde && ch !== 0xd7)) return ch + 32;
  return ch;
}

/** chtod(): any letter counts, so hexToByte("zz") is not an error. */
function chtod(ch: number): number {
  if (ch >= 0x30 && ch <= 0x39) return ch - 0x30;
  if (ch >= 0x61 && ch <= 0x7a) return 10 + ch - 0x61;
  if (ch >= 0x41 && ch <= 0x5a) return 10 + ch - 0x41;
  return -1;
}

function hexToByte(hi: number, lo: number): number {
  const a = chtod(hi);
  const b = chtod(lo);
  return (a < 0 || b < 0 ? -1 : (a << 4) | b) & 0xff;
}

class Matcher {
  constructor(
    private readonly re: string,
    private readonly text: string,
    private readonly isInterrupted: () => boolean,
  ) {}

  /** regexp[p], with the C string's terminating NUL past the end. */
  private at(p: number): number {
    return p < this.re.length ? this.re.charCodeAt(p) : END;
  }

  private charAt(pos: number): number {
    return pos < this.text.length ? this.text.charCodeAt(pos) : 0;
  }

  /** match(): tries every start from startIndex while there is a character (and once at startIndex even if not). */
  run(startIndex: number, ignoreCase: boolean): RawMatch | null {
    const info: MatchInfo = {
      startIndex, ignoreCase, rangeMatch: false, rangeFirstChar: NO_RANGE, groups: 0,
      slots: new Array(2 * MAX_GROUPS + 1).fill(0),
    };
    let result = this.matchhere(0, startIndex, info);
    let pos = startIndex + 1;
    while (!result && pos < this.text.length) {
      info.startIndex++;
      result = this.matchhere(0, pos, info);
      pos++;
    }
    return result;
  }

  private matchfound(pos: number, info: MatchInfo): RawMatch {
    const groups: Array<[number, number]> = [];
    for (let i = 0; i < info.groups; i++) groups.push([info.slots[i]!, info.slots[MAX_GROUPS + i]!]);
    return { start: info.startIndex, end: pos, groups };
  }

  /** No match here: look for a `|` further on and try what follows it from the attempt's start. */
  private nomatchfound(p: number, info: MatchInfo): RawMatch | null {
    while (this.at(p) !== END && this.at(p) !== C.pipe) {
      if (this.at(p) === C.backslash) {
        p++;
        if (this.at(p) === END) return null;
      }
      p++;
    }
    if (this.at(p) !== C.pipe) return null;
    return this.matchhere(p + 1, info.startIndex, info);
  }

  /** Matches one pattern character at p against text[pos]; its pattern length goes to length.v. */
  private matchcharacter(p: number, pos: number, length: { v: number }, info: MatchInfo): boolean {
    length.v = 1;
    let ch = this.charAt(pos);
    if (this.at(p) === C.dot) return true;
    if (this.at(p) === C.lbracket) {
      info.rangeMatch = true;
      const inverted = this.at(p + 1) === C.caret;
      if (inverted) length.v++;
      let matchAny = false;
      while (this.at(p + length.v) !== END && this.at(p + length.v) !== C.rbracket) {
        if (this.at(p + length.v) === C.dot) {
          // https://github.com/espruino/Espruino/issues/1948: '.' in a set is a literal dot
          matchAny = matchAny || ch === C.dot;
          length.v++;
        } else {
          const inner = { v: 1 };
          const matched = this.matchcharacter(p + length.v, pos, inner, info);
          matchAny = matchAny || matched;
          length.v += inner.v;
        }
      }
      if (this.at(p + length.v) === C.rbracket) length.v++;
      else throw new RegExpEngineError("Unfinished character set in RegEx");
      info.rangeMatch = false;
      return matchAny !== inverted;
    }
    let cH = this.at(p);
    if (cH === C.backslash) {
      length.v = 2;
      cH = this.at(p + 1);
      switch (cH) {
        case 0x64: return isNumeric(ch); // d
        case 0x44: return !isNumeric(ch); // D
        case 0x66: cH = 0x0c; break; // f
        case 0x62: cH = 0x08; break; // b: backspace, not a word boundary
        case 0x6e: cH = 0x0a; break; // n
        case 0x72: cH = 0x0d; break; // r
        case 0x73: return isWhitespace(ch); // s
        case 0x53: return !isWhitespace(ch); // S
        case 0x74: cH = 0x09; break; // t
        case 0x76: cH = 0x0b; break; // v
        case 0x77: return isNumeric(ch) || isAlpha(ch) || ch === 0x5f; // w
        case 0x57: return !(isNumeric(ch) || isAlpha(ch) || ch === 0x5f); // W
        case 0x30: cH = 0; break; // 0
        default:
          if (cH >= 0x31 && cH <= 0x39) throw new RegExpEngineError("Backreferences not supported");
          if (cH === 0x78 && this.at(p + 2) !== END && this.at(p + 3) !== END) {
            length.v = 4;
            cH = hexToByte(this.at(p + 2), this.at(p + 3));
          }
        // anything else: the quoted character itself
      }
    }
    // haveCode:
    if (info.rangeMatch && this.at(p + length.v) === C.dash && this.at(p + 1 + length.v) !== C.rbracket) {
      info.rangeFirstChar = cH;
      length.v++;
      const inner = { v: 1 };
      const matched = this.matchcharacter(p + length.v, pos, inner, info);
      length.v += inner.v;
      return matched;
    }
    if (info.ignoreCase) {
      ch = toLower(ch);
      cH = toLower(cH);
    }
    if (info.rangeFirstChar !== NO_RANGE) {
      let cL = info.rangeFirstChar;
      if (info.ignoreCase) cL = toLower(cL);
      info.rangeFirstChar = NO_RANGE;
      return ch >= cL && ch <= cH && cL < cH;
    }
    return cH === ch;
  }

  /** matchhere(): the pattern from p at text position pos, up to the next `|`. */
  private matchhere(p: number, pos: number, callerInfo: MatchInfo): RawMatch | null {
    const info = copyInfo(callerInfo);
    if (this.isInterrupted()) return null;
    const c = this.at(p);
    if (c === END || c === C.pipe) return this.matchfound(pos, info);
    if (c === C.caret) {
      if (pos !== 0) return null;
      return this.matchhere(p + 1, pos, info);
    }
    if (c === C.dollar) {
      if (pos >= this.text.length) return this.matchhere(p + 1, pos, info);
      return this.nomatchfound(p + 1, info);
    }
    if (c === C.lparen) {
      info.slots[info.groups] = pos; // groupStart[groups]
      info.slots[MAX_GROUPS + info.groups] = pos; // groupEnd[groups]
      if (info.groups < MAX_GROUPS) info.groups++;
      return this.matchhere(p + 1, pos, info);
    }
    if (c === C.rparen) {
      if (info.groups > 0) info.slots[MAX_GROUPS + info.groups - 1] = pos;
      return this.matchhere(p + 1, pos, info);
    }
    const length = { v: 1 };
    let charMatched = this.matchcharacter(p, pos, length, info);
    const op = this.at(p + length.v);
    if (op === C.star || op === C.plus) {
      if (!charMatched && op === C.plus) return this.nomatchfound(p + length.v + 1, info);
      const afterStar = p + length.v + 1;
      // the rest right now (zero characters, also for '+'), then after each further matching character
      let last = this.matchhere(afterStar, pos, info);
      while (pos < this.text.length && charMatched) {
        pos++;
        charMatched = this.matchcharacter(p, pos, length, info);
        const result = this.matchhere(afterStar, pos, info);
        if (result) last = result;
      }
      return last;
    }
    if (pos < this.text.length && charMatched) return this.matchhere(p + length.v, pos + 1, info);
    return this.nomatchfound(p + length.v, info);
  }
}

function never(): boolean {
  return false;
}

/** Searches `text` from startIndex like the C match(); groups are [start, end) positions. */
export function searchPattern(
  source: string,
  text: string,
  startIndex: number,
  ignoreCase: boolean,
  options: EngineOptions = {},
): { index: number; end: number; groups: Array<[number, number]> } | null {
  const raw = new Matcher(source, text, options.isInterrupted ?? never).run(startIndex, ignoreCase);
  return raw && { index: raw.start, end: raw.end, groups: raw.groups };
}

/** jswrap_regexp_hasFlag: `flags` must be a string holding the letter. */
export function hasFlag(re: RegExpFields, flag: string): boolean {
  return typeof re.flags === "string" && re.flags.includes(flag);
}

/** jsvGetInteger() of a property value. */
function integerOf(v: unknown): number {
  if (typeof v === "number") return Number.isFinite(v) ? Math.trunc(v) : 0;
  if (typeof v === "boolean") return v ? 1 : 0;
  if (typeof v === "string") {
    const n = parseInt(v, 10);
    return Number.isFinite(n) ? n : 0;
  }
  return 0;
}

/** The substring jsvNewFromStringVar(str, start, len) gives for a [start, end) pair (a negative length wraps to "the rest"). */
function slice(text: string, start: number, end: number): string {
  return end < start ? text.slice(start) : text.slice(start, end);
}

/**
 * RegExp.prototype.exec (jswrap_regexp_exec) on an already stringified input. Updates re.lastIndex.
 * Returns undefined (the C code returns no value at all) when `source` is not a string or lastIndex is past the end.
 */
export function regexpExec(re: RegExpFields, input: string, options: EngineOptions = {}): ExecMatch | null | undefined {
  const lastIndex = integerOf(re.lastIndex);
  if (typeof re.source !== "string" || lastIndex > input.length) return undefined;
  // a negative lastIndex is a huge size_t on the board (start past the end); treat it as 0 here
  const found = searchPattern(re.source, input, Math.max(0, lastIndex), hasFlag(re, "i"), options);
  let result: ExecMatch | null = null;
  let nextIndex = 0;
  if (found) {
    const items = [slice(input, found.index, found.end)];
    for (const [start, end] of found.groups) items.push(slice(input, start, end));
    result = { items, index: found.index, input };
    if (hasFlag(re, "g")) nextIndex = found.index + items[0]!.length;
  }
  re.lastIndex = nextIndex;
  return result;
}

export function regexpTest(re: RegExpFields, input: string, options: EngineOptions = {}): boolean {
  const result = regexpExec(re, input, options);
  return result !== undefined && result !== null;
}

/** String.prototype.match with a RegExp: the exec() result, or with `g` every match text (an empty array, not null, when none). */
export function stringMatch(str: string, re: RegExpFields, options: EngineOptions = {}): ExecMatch | string[] | null | undefined {
  re.lastIndex = 0;
  let match = regexpExec(re, str, options);
  if (!hasFlag(re, "g")) return match;
  const all: string[] = [];
  while (match) {
    const text = match.items[0]!;
    all.push(text);
    re.lastIndex = match.index + text.length + (text.length ? 0 : 1);
    match = regexpExec(re, str, options);
  }
  re.lastIndex = 0;
  return all;
}

/** A replacement: a string (with `$1`..`$9`) or a function called with (match, groups…, index, input) returning a string. */
export type Replacement = string | ((...args: Array<string | number>) => string);

/** String.prototype.replace / replaceAll with a RegExp (`_jswrap_string_replace`). */
export function stringReplace(str: string, re: RegExpFields, replacement: Replacement, replaceAll: boolean, options: EngineOptions = {}): string {
  const interrupted = options.isInterrupted ?? never;
  re.lastIndex = 0;
  const global = replaceAll || hasFlag(re, "g");
  let out = "";
  let lastIndex = 0;
  let match = regexpExec(re, str, options);
  while (match && !interrupted()) {
    const text = match.items[0]!;
    out += str.slice(lastIndex, match.index);
    if (typeof replacement === "function") {
      // the match, at most 10 further items, then index and input
      const args: Array<string | number> = match.items.slice(0, 11);
      args.push(match.index, match.input);
      out += replacement(...args);
    } else {
      out += expandReplacement(replacement, match);
    }
    lastIndex = match.index + text.length;
    match = null;
    if (global) {
      re.lastIndex = lastIndex + (text.length ? 0 : 1);
      match = regexpExec(re, str, options);
    }
  }
  out += str.slice(lastIndex);
  if (global) re.lastIndex = 0;
  return out;
}

/** `$1`..`$9` insert a group that exists; every other `$x` stays as it is, and a trailing `$` appends "$" and a NUL. */
function expandReplacement(replacement: string, match: ExecMatch): string {
  let out = "";
  for (let i = 0; i < replacement.length; i++) {
    const ch = replacement[i]!;
    if (ch !== "$") {
      out += ch;
      continue;
    }
    i++;
    // jsvStringIteratorGetCharAndNext past the end gives '\0'
    const next = i < replacement.length ? replacement[i]! : "\0";
    const group = next > "0" && next <= "9" ? match.items[next.charCodeAt(0) - 0x30] : undefined;
    out += group !== undefined ? group : "$" + next;
  }
  return out;
}

/** String.prototype.split with a RegExp: no captured groups in the output, no limit, a trailing "" kept. */
export function stringSplit(str: string, re: RegExpFields, options: EngineOptions = {}): string[] {
  const maxParts = options.maxSplitParts ?? Number.POSITIVE_INFINITY;
  const parts: string[] = [];
  let last = 0;
  re.lastIndex = 0;
  let match = regexpExec(re, str, options);
  while (match) {
    // an empty match repeats forever on the board (an interrupt ends it there too: exec() then finds nothing)
    if (parts.length >= maxParts) throw new RegExpEngineError("Out of Memory!");
    parts.push(str.slice(last, match.index));
    last = match.index + match.items[0]!.length;
    re.lastIndex = last;
    match = regexpExec(re, str, options);
  }
  re.lastIndex = 0;
  if (last <= str.length) parts.push(str.slice(last));
  return parts;
}
