// The host natives behind the sandbox's number, string and JSON built-ins (prelude-builtins.ts): only primitives
// cross, except the values JSON.stringify / E.toJS walk.
import { jsonParse, jsonStringify, toJS } from "./json.ts";
import {
  mathPow,
  mathRound,
  mathSqrt,
  numberToString,
  numberToStringRadix,
  parseFloatText,
  parseIntText,
  stringToNumber,
  toFixed,
} from "./number.ts";
import { encodeURIComponentText, fromCharCodes } from "./string.ts";

export function builtinNatives(): Record<string, unknown> {
  return {
    numberToString,
    numberToStringRadix,
    toFixed,
    mathRound,
    mathPow,
    mathSqrt,
    stringToNumber,
    parseFloat: parseFloatText,
    parseInt: parseIntText,
    jsonStringify,
    jsonParse,
    toJS,
    encodeURIComponent: encodeURIComponentText,
    fromCharCodes,
  };
}
