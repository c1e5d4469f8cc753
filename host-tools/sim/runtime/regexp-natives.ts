// Host natives behind the sandbox's RegExp (prelude-regexp.ts): run the ported engine on sandbox RegExp objects and
// turn its errors into sandbox Errors, so they print as `Uncaught Error: …` at the user's line.
import {
  RegExpEngineError, regexpExec, regexpTest, stringMatch, stringReplace, stringSplit,
  type EngineOptions, type RegExpFields, type Replacement,
} from "./espruino-regexp.ts";

export function regexpNatives(realmError: ErrorConstructor, options: EngineOptions): Record<string, unknown> {
  const run = <T>(work: () => T): T => {
    try {
      return work();
    } catch (err) {
      if (err instanceof RegExpEngineError) throw new realmError(err.message);
      throw err;
    }
  };
  const interrupted = options.isInterrupted ?? (() => false);
  return {
    regexExec: (re: RegExpFields, str: string) => run(() => regexpExec(re, str, options)),
    regexTest: (re: RegExpFields, str: string) => run(() => regexpTest(re, str, options)),
    regexMatch: (str: string, re: RegExpFields) => run(() => stringMatch(str, re, options)),
    regexReplace: (str: string, re: RegExpFields, replacement: Replacement, all: boolean) =>
      run(() => stringReplace(str, re, replacement, all, options)),
    regexSplit: (str: string, re: RegExpFields) => run(() => stringSplit(str, re, options)),
    interrupted,
  };
}
