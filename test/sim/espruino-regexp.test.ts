// The port of Espruino's RegExp engine (src/jswrap_regexp.c) and its String helpers (src/jswrap_string.c).
// Each expectation is what the C code does; where V8 answers differently the V8 answer is in the comment.
import { describe, expect, it } from "vitest";
import {
  RegExpEngineError, regexpExec, regexpTest, stringMatch, stringReplace, stringSplit, type RegExpFields,
} from "../../host-tools/sim/runtime/espruino-regexp.ts";

const re = (source: string, flags?: string): RegExpFields => (flags === undefined ? { source, lastIndex: 0 } : { source, flags, lastIndex: 0 });
const test = (source: string, text: string, flags?: string) => regexpTest(re(source, flags), text);
const exec = (source: string, text: string, flags?: string) => regexpExec(re(source, flags), text);
const items = (source: string, text: string, flags?: string) => exec(source, text, flags)?.items ?? null;

describe("the engine: what it supports", () => {
  it("matches literals and '.', which also matches a newline", () => {
    expect(exec("lo W", "Hello World")).toEqual({ items: ["lo W"], index: 3, input: "Hello World" });
    expect(test("a.b", "a\nb")).toBe(true); // V8: false
    expect(test("abc", "ab")).toBe(false);
  });

  it("has character classes with ranges, inversion and a literal '.'", () => {
    expect(items("[a-c]+", "xxbcay")).toEqual(["bca"]);
    expect(items("[^0-9]+", "12ab3")).toEqual(["ab"]);
    expect(test("[.]", "a")).toBe(false);
    expect(test("[.]", ".")).toBe(true);
    expect(test("[\\d_]", "_")).toBe(true);
    expect(test("[z-a]", "m")).toBe(false); // V8: SyntaxError (range out of order); here the range is empty
  });

  it("knows \\d \\D \\s \\S \\w \\W and the control escapes; \\b is a backspace, not a word boundary", () => {
    expect(items("\\d+", "ab123c")).toEqual(["123"]);
    expect(items("\\D+", "12ab3")).toEqual(["ab"]);
    expect(test("\\s", "\u00a0")).toBe(true);
    expect(items("\\S+", "  xy ")).toEqual(["xy"]);
    expect(items("\\w+", "-a_1-")).toEqual(["a_1"]);
    expect(items("\\W", "ab!")).toEqual(["!"]);
    expect(test("\\t\\n\\r\\v\\f\\0", "\t\n\r\v\f\0")).toBe(true);
    expect(test("a\\bb", "a\bb")).toBe(true);
    expect(test("\\bfoo", "foo")).toBe(false); // V8: true
    expect(test("\\x41\\x7e", "A~")).toBe(true);
  });

  it("treats other escapes as the quoted character: \\u is just 'u'", () => {
    expect(test("\\u0041", "A")).toBe(false); // V8: true
    expect(test("\\u0041", "u0041")).toBe(true);
    expect(test("a\\.b", "axb")).toBe(false);
    expect(test("\\/", "/")).toBe(true);
  });

  it("anchors with ^ and $, but never tries a match at the end of a non-empty text", () => {
    expect(test("^ab", "xab")).toBe(false);
    expect(test("b$", "ab")).toBe(true);
    expect(test("$", "ab")).toBe(false); // V8: true
    expect(test("x*$", "ab")).toBe(false); // V8: true
    expect(test("$", "")).toBe(true);
  });

  it("makes * and + greedy, trying the rest after zero characters first even for +", () => {
    expect(items("a*", "aaab")).toEqual(["aaa"]);
    expect(items("a.*b", "axxbyyb")).toEqual(["axxbyyb"]);
    expect(items("a+b", "caaab")).toEqual(["aaab"]);
    expect(test("a+b", "b")).toBe(false);
    expect(items("a+a", "a")).toEqual(["a"]); // V8: null
  });

  it("honours only the i and g flags", () => {
    expect(test("ABC", "xabc", "i")).toBe(true);
    expect(test("[A-Z]", "q", "i")).toBe(true);
    expect(test("^b", "a\nb", "m")).toBe(false); // V8 with m: true
  });
});

describe("the engine: what it does not support", () => {
  it("has no ? and no {n,m}: they are literal characters", () => {
    expect(test("colou?r", "color")).toBe(false); // V8: true
    expect(test("colou?r", "colou?r")).toBe(true);
    expect(test("a{2}", "aa")).toBe(false); // V8: true
    expect(test("a{2}", "a{2}")).toBe(true);
  });

  it("records groups but cannot quantify them: the * or + after ')' is a literal", () => {
    expect(items("W(o)rld", "Hello World")).toEqual(["World", "o"]);
    expect(test("(ab)+", "abab")).toBe(false); // V8: true
    expect(test("(ab)+", "ab+")).toBe(true);
  });

  it("closes the group opened last, so an outer group around an inner one stays empty", () => {
    expect(items("((a)b)", "ab")).toEqual(["ab", "", "ab"]); // V8: ["ab", "ab", "a"]
    expect(items("(a)x|b", "b")).toEqual(["b", ""]); // V8: ["b", undefined]
  });

  it("keeps nine groups; a tenth '(' lands on the first group's end, as in the C struct", () => {
    expect(items("(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)", "abcdefghij")).toEqual(["abcdefghij", "abcdefghi", "b", "c", "d", "e", "f", "g", "h", "ij"]);
  });

  it("finds '|' by scanning forward from where matching failed, and restarts there from the attempt's start", () => {
    expect(items("cat|dog", "hotdog")).toEqual(["dog"]);
    expect(items("^(a|b)c$", "bc")).toEqual(["bc", "b"]);
    expect(items("^(a|b)c$", "ac")).toEqual(["a", ""]); // V8: ["ac", "a"]
    expect(items("^(a|b)c$", "ax")).toEqual(["a", ""]); // V8: null
    expect(items("^(a|b)c$", "c")).toBeNull();
    // a '|' inside [...] is found by that scan too
    expect(test("a[|]b", "]b")).toBe(true); // V8: false
  });

  it("throws for backreferences and unfinished sets, but only when matching reaches them", () => {
    expect(() => test("(a)\\1", "aa")).toThrow(new RegExpEngineError("Backreferences not supported"));
    expect(() => test("[abc", "x")).toThrow(new RegExpEngineError("Unfinished character set in RegEx"));
    expect(test("a|[b", "a")).toBe(true);
  });

  it("stops with no match when interrupted", () => {
    let calls = 0;
    const stop = () => ++calls > 1000;
    expect(regexpExec(re("a*a*a*a*a*a*a*a*a*a*b"), "a".repeat(40), { isInterrupted: stop })).toBeNull();
    expect(calls).toBeGreaterThan(1000);
  });
});

describe("exec and lastIndex (jswrap_regexp_exec)", () => {
  it("starts at lastIndex even without g, then resets it to 0", () => {
    const r = { source: "a", lastIndex: 2 };
    expect(regexpExec(r, "aaa")?.index).toBe(2); // V8 ignores lastIndex without g: 0
    expect(r.lastIndex).toBe(0);
  });

  it("moves lastIndex past the match with g, back to 0 when nothing is found", () => {
    const r = re("o", "g");
    expect(regexpExec(r, "foo")?.index).toBe(1);
    expect(r.lastIndex).toBe(2);
    expect(regexpExec(r, "foo")?.index).toBe(2);
    expect(regexpExec(r, "foo")).toBeNull();
    expect(r.lastIndex).toBe(0);
  });

  it("returns nothing at all (undefined) when lastIndex is past the end or source is not a string", () => {
    const r = { source: "x", flags: "g", lastIndex: 5 };
    expect(regexpExec(r, "x")).toBeUndefined();
    expect(r.lastIndex).toBe(5);
    expect(regexpExec({ source: 5 }, "5")).toBeUndefined();
  });
});

describe("String methods with a RegExp (jswrap_string.c)", () => {
  it("match: the exec result, or every match text with g — an empty array, not null, when there is none", () => {
    expect(stringMatch("abcdef", re("bcd"))).toEqual({ items: ["bcd"], index: 1, input: "abcdef" });
    expect(stringMatch("abcdefabcdef", re("bcd", "g"))).toEqual(["bcd", "bcd"]);
    expect(stringMatch("abc", re("x", "g"))).toEqual([]); // V8: null
    expect(stringMatch("ab", re("x*", "g"))).toEqual(["", "", ""]);
  });

  it("replace: $1..$9 insert groups, every other $ sequence stays, a trailing $ adds '$' and a NUL", () => {
    expect(stringReplace("john smith", re("(\\w+)\\s(\\w+)"), "$2, $1", false)).toBe("smith, john");
    expect(stringReplace("abc", re("b"), "[$&]", false)).toBe("a[$&]c"); // V8: "a[b]c"
    expect(stringReplace("abc", re("b"), "$0$9$$", false)).toBe("a$0$9$$c"); // V8: "a$0$9$c"
    expect(stringReplace("a", re("a"), "x$", false)).toBe("x$\0"); // V8: "x$"
  });

  it("replace: first match only without g, all with g or with replaceAll, lastIndex back to 0", () => {
    const g = re("-", "g");
    expect(stringReplace("a-b-c", re("-"), "+", false)).toBe("a+b-c");
    expect(stringReplace("a-b-c", g, "+", false)).toBe("a+b+c");
    expect(g.lastIndex).toBe(0);
    expect(stringReplace("a-b-c", re("-"), "+", true)).toBe("a+b+c"); // V8: TypeError (replaceAll needs g)
    expect(stringReplace("abc", re("x*", "g"), "-", false)).toBe("-a-b-c-");
    expect(stringReplace("abc", re("$"), "!", false)).toBe("abc"); // V8: "abc!"
  });

  it("replace: a function gets (match, groups..., index, input) and its result is used", () => {
    const calls: unknown[][] = [];
    const out = stringReplace("a1b22", re("(\\d)(\\d*)", "g"), (...args) => {
      calls.push(args);
      return "<" + String(args[0]) + ">";
    }, false);
    expect(out).toBe("a<1>b<22>");
    expect(calls).toEqual([["1", "1", "", 1, "a1b22"], ["22", "2", "2", 3, "a1b22"]]);
  });

  it("split: no captured groups in the result and no limit; a pattern matching '' never ends", () => {
    expect(stringSplit("1a2b3\n4", re("[^0-9]"))).toEqual(["1", "2", "3", "4"]);
    expect(stringSplit("a1b", re("(\\d)"))).toEqual(["a", "b"]); // V8: ["a", "1", "b"]
    expect(stringSplit("a,b,", re(","))).toEqual(["a", "b", ""]);
    expect(() => stringSplit("abc", re("x*"), { maxSplitParts: 100 })).toThrow(new RegExpEngineError("Out of Memory!"));
  });
});
