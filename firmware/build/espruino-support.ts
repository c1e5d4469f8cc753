// What the Espruino interpreter (2v25+ on an ESP32) provides, as far as the build checks it.
// Source: ../shared/espruino-notes.md and Espruino's reference. A global missing here is refused by the build.

export const ESPRUINO_GLOBALS = new Set([
  // language built-ins
  "undefined", "NaN", "Infinity", "eval", "arguments", "globalThis", "global",
  "Object", "Function", "Array", "String", "Number", "Boolean", "Date", "RegExp", "JSON", "Math", "Promise",
  "Error", "TypeError", "SyntaxError", "ReferenceError", "InternalError",
  "ArrayBuffer", "DataView", "Uint8Array", "Int8Array", "Uint8ClampedArray", "Uint16Array", "Int16Array",
  "Uint32Array", "Int32Array", "Float32Array", "Float64Array",
  "parseInt", "parseFloat", "isNaN", "isFinite", "encodeURIComponent", "decodeURIComponent",
  "btoa", "atob",
  // Espruino
  "E", "print", "console", "process", "require", "exports", "module", "Modules",
  "setTimeout", "setInterval", "clearTimeout", "clearInterval", "changeInterval", "getTime", "setTime",
  "reset", "load", "save", "echo", "dump", "edit", "trace", "setBusyIndicator", "setSleepIndicator", "setDeepSleep",
  "analogRead", "analogWrite", "digitalRead", "digitalWrite", "digitalPulse", "pinMode", "getPinMode",
  "setWatch", "clearWatch", "peek8", "poke8", "peek16", "poke16", "peek32", "poke32", "getSerial",
  "Pin", "Serial", "Serial1", "Serial2", "Serial3", "I2C", "I2C1", "I2C2", "SPI", "SPI1", "SPI2",
  "LED", "LED1", "LED2", "BTN", "BTN1", "ESP32", "Wifi",
  ...Array.from({ length: 40 }, (_, i) => "D" + i),
]);

/** Members of built-ins that exist in Node but not on the interpreter. */
export const MISSING_MEMBERS = new Set([
  "Array.from", "Object.freeze", "Math.trunc", "Math.imul", "Number.isInteger", "Number.isFinite", "Number.isNaN",
  "Number.MAX_SAFE_INTEGER", "Error.captureStackTrace", "Object.getOwnPropertySymbols",
  // not among the ESP32 build's JSON wrappers (src/jswrap_math.c, jswrap_number.c, jswrap_object.c, ...)
  "Math.log2", "Math.log10", "Math.cbrt", "Math.hypot", "Math.sinh", "Math.cosh", "Math.tanh", "Math.asinh",
  "Math.acosh", "Math.atanh", "Math.clz32", "Math.fround", "Math.expm1", "Math.log1p", "Number.EPSILON",
  "Number.MIN_SAFE_INTEGER", "Number.isSafeInteger", "Number.parseFloat", "Number.parseInt", "Object.is",
  "Object.seal", "Object.isFrozen", "Object.isSealed", "Object.preventExtensions", "Object.isExtensible", "Array.of",
  "Promise.race", "Promise.allSettled", "Promise.any", "String.fromCodePoint", "String.raw", "Date.UTC",
]);

/** Node/V8 globals that the interpreter lacks; named in the error so the cause is obvious. */
export const KNOWN_MISSING = new Set([
  "Map", "Set", "WeakMap", "WeakSet", "Symbol", "Proxy", "Reflect", "TextEncoder", "TextDecoder", "Buffer", "Intl",
  "BigInt", "queueMicrotask", "structuredClone", "setImmediate", "WeakRef", "fetch",
  "RangeError", "URIError", "EvalError", "escape", "unescape", "encodeURI", "decodeURI",
]);
