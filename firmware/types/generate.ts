// Generates espruino-esp32.d.ts: the complete type library of an ESP32 running Espruino 2v29, used with `noLib`.
// `lib: ["es5"]` cannot be used: it declares Object.freeze, RangeError, escape, Intl… which the board lacks, and a
// declaration cannot be removed by merging. So the library is made from three sources:
//  1. the list of built-ins an ESP32 build has: Espruino's own scripts/common.py get_jsondata() run over the
//     WRAPPERSOURCES and DEFINES that `make BOARD=ESP32 wrappersources|varsonly` reports (the ifdefs applied);
//  2. TypeScript's own lib.es5 … lib.es2024 declarations, kept only for the members that list contains;
//  3. Espruino's `"typescript"` fields and TYPESCRIPT blocks, or a declaration made from the JSON parameters,
//     for what is Espruino's own (E, Pin, Storage, Wifi, net, tls, ESP32 …), plus OVERRIDES below.
// Run: npx tsx firmware/types/generate.ts [path to the Espruino source, default /opt/ref/espruino]
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const espruino = path.resolve(process.argv[2] ?? "/opt/ref/espruino");
const tsLib = path.dirname(fileURLToPath(import.meta.resolve("typescript")));

interface Builtin {
  type: string;
  name?: string;
  class?: string;
  params?: [string, string, string | string[]][];
  return?: [string, string?];
  return_object?: string;
  instanceof?: string;
  typescript?: string | string[] | null;
  description?: string | string[];
  filename: string;
}

/** The built-ins of the ESP32 build, as Espruino's build scripts see them for BOARD=ESP32. */
function esp32Builtins(): Builtin[] {
  const makeVar = (target: string) =>
    execFileSync("make", ["-s", "BOARD=ESP32", "ESP_IDF_PATH=/none", "ESP_APP_TEMPLATE_PATH=/none", target], { cwd: espruino, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
  const wrappers = /^WRAPPERSOURCES=(.*)$/m.exec(makeVar("wrappersources"))![1].trim().split(/\s+/);
  const defines = /^DEFINES = (.*)$/m.exec(makeVar("varsonly"))![1].trim().split(/\s+/);
  const dir = mkdtempSync(path.join(tmpdir(), "espruino-json-"));
  try {
    const out = path.join(dir, "builtins.json");
    const py = [
      "import sys, json, io, contextlib",
      `sys.path[:0] = [${JSON.stringify(espruino + "/scripts")}, ${JSON.stringify(espruino + "/boards")}]`,
      "import common",
      "out = sys.argv.pop(1)",
      "with contextlib.redirect_stdout(io.StringIO()): data = common.get_jsondata(False, True)",
      "json.dump(data, open(out, 'w'))",
    ].join("\n");
    execFileSync("python3", ["-c", py, out, ...wrappers, ...defines, "-BESP32"], { cwd: espruino });
    return JSON.parse(readFileSync(out, "utf8"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const builtins = esp32Builtins().filter((b) => b.typescript !== null);
const classOf = (name: string) => builtins.filter((b) => b.class === name);
const classNames = new Set(builtins.filter((b) => b.type === "class" || b.type === "library").map((b) => b.class!));
const libraryNames = new Set(builtins.filter((b) => b.type === "library").map((b) => b.class!));
const globalNames = new Set(builtins.filter((b) => !b.class && b.name).map((b) => b.name!));
const instanceMembers = (c: string) => new Set(classOf(c).filter((b) => b.type === "method" || b.type === "property").map((b) => b.name!));
const staticMembers = (c: string) => new Set(classOf(c).filter((b) => b.type === "staticmethod" || b.type === "staticproperty").map((b) => b.name!));

// Part of the interpreter without a JSON entry of its own (src/jsvar.c, jsparse.c), checked on the reference:
// `typeof Function.prototype.length`, `typeof /x/.source`, `(new Error("x")).message` …
const LANGUAGE_PROPERTIES = new Set(["length", "prototype", "constructor", "message", "stack", "source", "lastIndex", "index", "input", "raw", "caller", "arguments", "callee", "BYTES_PER_ELEMENT", "byteLength", "byteOffset", "buffer"]);
/** TypeScript lib interface → the Espruino class whose instance (or static, for …Constructor) members it holds. */
function espruinoSide(iface: string): { cls: string; statics: boolean } | undefined {
  if (iface === "Math" || iface === "JSON") return { cls: iface, statics: true };
  if (/^(Int8|Uint8|Uint8Clamped|Int16|Uint16|Int32|Uint32|Float32|Float64)Array$/.test(iface)) return { cls: "ArrayBufferView", statics: false };
  if (iface === "ReadonlyArray" || iface === "ConcatArray") return { cls: "Array", statics: false };
  if (iface === "CallableFunction" || iface === "NewableFunction") return { cls: "Function", statics: false };
  const m = /^(.*)Constructor$/.exec(iface);
  if (m && /Array$/.test(m[1]) && m[1] !== "Array" && m[1] !== "ReadonlyArray") return { cls: m[1], statics: true };
  if (m) return classNames.has(m[1]) ? { cls: m[1], statics: true } : undefined;
  return classNames.has(iface) ? { cls: iface, statics: false } : undefined;
}

function hasMember(iface: string, member: string): boolean {
  const side = espruinoSide(iface);
  if (!side) return true;
  // Every value inherits Object.prototype's methods (toString(radix), valueOf, hasOwnProperty, on, emit …).
  const names = side.statics ? staticMembers(side.cls) : new Set([...instanceMembers(side.cls), ...instanceMembers("Object")]);
  if (side.cls === "ArrayBufferView" && !side.statics) for (const n of instanceMembers("ArrayBufferView")) names.add(n);
  return names.has(member);
}

const memberName = (m: ts.TypeElement): string | undefined =>
  m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : undefined;

const libText = (file: string) => ts.createSourceFile(file, readFileSync(path.join(tsLib, file), "utf8"), ts.ScriptTarget.Latest, true);

/** Declarations of post-ES5 members, from TypeScript's own lib files (iterable/symbol forms left out). */
const laterMembers = new Map<string, string[]>(); // "Iface.member" → declaration texts
const laterGlobals = new Map<string, string>(); // global name → declaration text (e.g. Promise)
const LATER_LIBS = [
  "lib.es2015.core.d.ts", "lib.es2015.promise.d.ts", "lib.es2016.array.include.d.ts", "lib.es2017.object.d.ts",
  "lib.es2017.string.d.ts", "lib.es2019.object.d.ts", "lib.es2019.string.d.ts", "lib.es2020.string.d.ts", "lib.es2021.string.d.ts",
  "lib.es2022.string.d.ts", "lib.es2017.typedarrays.d.ts",
];
for (const file of LATER_LIBS) {
  const sf = libText(file);
  for (const s of sf.statements) {
    if (ts.isInterfaceDeclaration(s)) {
      for (const m of s.members) {
        const n = memberName(m);
        const text = m.getText(sf);
        if (!n || /Iterable|Symbol|PropertyKey\b/.test(text)) continue;
        const key = s.name.text + "." + n;
        laterMembers.set(key, [...(laterMembers.get(key) ?? []), docOf(m, sf) + text]);
      }
    } else if (ts.isVariableStatement(s)) {
      for (const d of s.declarationList.declarations) laterGlobals.set(d.name.getText(sf), s.getText(sf));
    }
  }
}

function docOf(node: ts.Node, sf: ts.SourceFile): string {
  const jsdoc = (node as { jsDoc?: ts.JSDoc[] }).jsDoc;
  return jsdoc?.length ? jsdoc.map((d) => d.getText(sf)).join("\n") + "\n" : "";
}

const indent = (text: string) => text.split("\n").map((l) => (l.trim() ? "    " + l.trim() : "")).join("\n");
const out: string[] = [];
const emittedMembers = new Set<string>();

// 1 + 2: the language, from lib.es5 filtered, with the later members the board has.
const es5 = libText("lib.es5.d.ts");
for (const s of es5.statements) {
  if (ts.isInterfaceDeclaration(s)) {
    const name = s.name.text;
    const kept: string[] = [];
    for (const m of s.members) {
      const n = memberName(m);
      const isMethod = ts.isMethodSignature(m);
      const keep = !n || (!isMethod && LANGUAGE_PROPERTIES.has(n)) || hasMember(name, n) || !espruinoSide(name);
      if (keep) {
        kept.push(docOf(m, es5) + m.getText(es5));
        if (n) emittedMembers.add(name + "." + n);
      }
    }
    for (const [key, texts] of laterMembers) {
      const [iface, n] = key.split(".");
      if (iface !== name || emittedMembers.has(key) || !espruinoSide(name) || !hasMember(name, n)) continue;
      kept.push(...texts);
      emittedMembers.add(key);
    }
    const head = s.getText(es5).slice(0, s.members.pos - s.getStart(es5));
    out.push(docOf(s, es5) + head + "\n" + kept.map(indent).join("\n") + "\n}\n");
  } else if (ts.isVariableStatement(s)) {
    const names = s.declarationList.declarations.map((d) => d.name.getText(es5));
    if (names.every((n) => classNames.has(n) || globalNames.has(n))) out.push(docOf(s, es5) + s.getText(es5) + "\n");
  } else if (ts.isFunctionDeclaration(s)) {
    if (s.name && globalNames.has(s.name.text)) out.push(docOf(s, es5) + s.getText(es5) + "\n");
  } else if (ts.isModuleDeclaration(s)) {
    // namespace Intl: not on the board
  } else {
    out.push(docOf(s, es5) + s.getText(es5) + "\n");
  }
}
// Promise's constructor and the post-ES5 interfaces lib.es5 does not declare at all.
if (classNames.has("Promise")) {
  const sf = libText("lib.es2015.promise.d.ts");
  for (const s of sf.statements) {
    if (ts.isInterfaceDeclaration(s) && s.name.text === "PromiseConstructor") {
      const kept = s.members.filter((m) => !memberName(m) || LANGUAGE_PROPERTIES.has(memberName(m)!) || hasMember("PromiseConstructor", memberName(m)!));
      out.push(s.getText(sf).slice(0, s.members.pos - s.getStart(sf)) + "\n" + kept.map((m) => indent(docOf(m, sf) + m.getText(sf))).join("\n") + "\n}\n");
    }
  }
  out.push(laterGlobals.get("Promise")! + "\n");
}

// 3: what is Espruino's own.
const typeOf = (t: string | undefined, param = false): string => {
  if (!t) return "any";
  if (["int", "float", "int32"].includes(t)) return "number";
  if (t === "pin") return "Pin";
  if (t === "bool") return param ? "ShortBoolean" : "boolean";
  if (t === "String") return "string";
  if (t === "JsVar" || t === "JsVarArray" || t === "JsLet") return "any";
  if (t === "Array") return "any[]";
  if (t === "Promise") return "Promise<void>";
  return t;
};
const descriptionOf = (b: Builtin): string => {
  const d = Array.isArray(b.description) ? b.description.join("\n") : b.description ?? "";
  const first = d.split(/\n\n|\. /)[0].replace(/\*\//g, "*\\/").replace(/\s+/g, " ").trim();
  return first ? `/** ${first} */\n` : "";
};
const paramsOf = (b: Builtin) =>
  "(" + (b.params ?? []).map(([n, t, d]) => {
    const name = ({ function: "func", var: "variable", this: "thisArg" } as Record<string, string>)[n] ?? n;
    const desc = Array.isArray(d) ? d.join("\n") : d ?? "";
    const rest = t === "JsVarArray";
    // Espruino passes undefined for a missing argument; a parameter whose description gives a default or an
    // "undefined"/"optional" meaning may be left out.
    const optional = !rest && /optional|default|undefined|if not (specified|supplied|given)|can be left|leave/i.test(desc);
    return (rest ? "..." : "") + name + (optional ? "?" : "") + ": " + (n === "pin" && t === "JsVar" ? "Pin" : typeOf(t, true)) + (rest ? "[]" : "");
  }).join(", ") + ")";
const returnOf = (b: Builtin) => (b.return_object ? typeOf(b.return_object) : b.return ? typeOf(b.return[0]) : "void");

/** Hand-written declarations where the JSON says only "JsVar" and our firmware needs the shape. */
const OVERRIDES: Record<string, string[]> = {
  "E.CRC32": ["CRC32(data: string | ArrayBuffer | ArrayBufferView | number[]): number;"],
  "E.toJS": ["toJS(arg: any): string;"],
  "E.getTemperature": ["getTemperature(): number;"],
  "E.kickWatchdog": ["kickWatchdog(): void;"],
  "process.memory": ["memory(gc?: boolean): MemoryInfo;"],
  "process.version": ["version: string;"],
  "process.env": ["env: { VERSION: string; BOARD: string; [key: string]: any };"],
  "net.connect": ["function connect(options: { host: string; port: number }, callback?: (socket: Socket) => void): Socket;"],
  "net.createServer": ["function createServer(callback: (socket: Socket) => void): Server;"],
  "tls.connect": ["function connect(options: { host: string; port: number; ca?: string; cert?: string; key?: string }, callback?: (socket: Socket) => void): Socket;"],
  "Wifi.connect": ["function connect(ssid: string, options?: { password?: string; dnsServers?: string[]; channel?: number; bssid?: string }, callback?: (err: string | null) => void): void;"],
  "Wifi.disconnect": ["function disconnect(callback?: () => void): void;"],
  "Wifi.getStatus": ["function getStatus(callback?: (status: any) => void): { station: string; ssid?: string; rssi?: number; [key: string]: any };"],
  "Wifi.getIP": ["function getIP(callback?: (err: string | null, ipinfo: { ip: string; netmask: string; gw: string; mac: string }) => void): { ip: string; netmask: string; gw: string; mac: string };"],
  "Wifi.setHostname": ["function setHostname(hostname: string, callback?: () => void): void;"],
  "Socket.write": ["write(data: string): void;"],
  "Socket.end": ["end(data?: string): void;"],
  "I2C.writeTo": ["writeTo(address: number | { address: number; stop?: boolean }, ...data: (number | string | number[] | ArrayBuffer | ArrayBufferView)[]): void;"],
  "I2C.readFrom": ["readFrom(address: number | { address: number; stop?: boolean }, quantity: number): Uint8Array;"],
  "I2C.setup": ["setup(options?: { scl?: Pin; sda?: Pin; bitrate?: number }): void;"],
  // Espruino takes any truthy value (jshPinSetValue of jsvGetBool); its own declaration says boolean only.
  ".digitalWrite": ["declare function digitalWrite(pin: Pin | Pin[], value: boolean | number): void;"],
  ".reset": ["declare function reset(clearFlash?: ShortBoolean | \"flash\"): void;"],
  "ESP32.deepSleep": ["deepSleep(us: number): void;"],
};
const extraTypes = () => `
/** Espruino accepts 0/1 where it wants a boolean. */
type ShortBoolean = boolean | 0 | 1;
/** process.memory(): JsVar counts (src/jswrap_process.c). */
interface MemoryInfo { free: number; usage: number; total: number; history: number; gc: number; gctime: number; blocksize: number; stackEndAddress?: number; stackFree?: number; flash_start?: number; flash_binary_end?: number; flash_code_start?: number; flash_length?: number; [key: string]: any }
/** Espruino's require: a built-in library by name, or a module added with Modules.addCached / Storage. */
interface Libraries { ${[...libraryNames].filter((n) => !SKIPPED.has(n)).sort().map((n) => `${JSON.stringify(n)}: typeof import(${JSON.stringify(n)});`).join(" ")} }
/** Espruino's own module system (src/jswrap_modules.c), not Node's. */
declare var exports: any;
declare var module: { exports: any };
declare var __FILE__: string;
/** Pins of the ESP32 build (boards/ESP32.py: GPIO 0..39; LED1 is D2, BTN1 is D0). */
${Array.from({ length: 40 }, (_, i) => `declare const D${i}: Pin;`).join("\n")}
`;

/** The declarations of one built-in; none when they need a type that is left out. */
function declarationsFor(b: Builtin, context: "global" | "class" | "library"): string[] {
  const decls = declarationsOf(b, context);
  return decls.some(mentionsUnavailable) ? [] : decls;
}

function declarationsOf(b: Builtin, context: "global" | "class" | "library"): string[] {
  const key = (b.class ?? "") + "." + b.name;
  if (OVERRIDES[key]) return OVERRIDES[key].map((d) => (context === "class" && b.type.startsWith("static") && !d.startsWith("static") ? "static " + d : d));
  if (b.typescript) {
    const decls = Array.isArray(b.typescript) ? b.typescript : [b.typescript];
    return decls.map((d) => {
      d = d.trim();
      if (context === "library" && !/^(function|const|let|var|class|interface|type)\b/.test(d)) d = (b.type === "staticproperty" ? "const " : "function ") + d;
      if (context === "class" && b.type.startsWith("static") && !d.startsWith("static")) d = "static " + d;
      return d;
    });
  }
  const isStatic = context === "class" && b.type.startsWith("static");
  if (b.type === "event") {
    const sig = `on(event: ${JSON.stringify(b.name)}, callback: ${paramsOf(b)} => void): void;`;
    return [context === "library" ? "function " + sig : (isStatic ? "static " : "") + sig];
  }
  if (["function", "method", "staticmethod", "constructor"].includes(b.type)) {
    const name = b.type === "constructor" ? "constructor" : b.name!;
    const sig = `${name}${paramsOf(b)}${b.type === "constructor" ? "" : ": " + returnOf(b)};`;
    if (context === "global") return ["declare function " + sig];
    if (context === "library") return ["function " + sig];
    return [(isStatic ? "static " : "") + sig];
  }
  const type = b.type === "object" ? b.instanceof! : returnOf(b);
  if (context === "global") return [`declare const ${b.name}: ${type};`];
  if (context === "library") return [`const ${b.name}: ${type};`];
  return [`${isStatic ? "static " : ""}${b.name}: ${type};`];
}

/** Not declared: hardware the sensor-node boards do not wire and whose declarations need types Espruino defines only for other boards. */
const SKIPPED = new Set(["Graphics", "NRF", "Bluetooth", "BluetoothDevice", "BluetoothRemoteGATTServer", "BluetoothRemoteGATTService", "BluetoothRemoteGATTCharacteristic", "Waveform", "File", "fs", "httpCRq", "httpCRs", "httpSRq", "httpSRs", "httpSrv", "http", "url", "dgram", "dgramSocket", "NetworkJS", "TelnetServer", "AES", "neopixel", "timer", "LoopbackA", "LoopbackB", "Telnet", "OneWire", "heatshrink"]);
// TYPESCRIPT blocks of the files in the build (types such as Pin, PinMode, ErrorFlag), one statement at a time:
// those lib.es5 already declares (ArrayLike) and those that need a left-out class (Graphics' Image) are dropped.
const declaredInLib = new Set(es5.statements.map((s) => (s as { name?: ts.Identifier }).name?.text).filter(Boolean));
const unavailable = new Set(SKIPPED);
const mentionsUnavailable = (text: string) => [...text.matchAll(/[A-Za-z_$][\w$]*/g)].some((m) => unavailable.has(m[0]));
let tsStatements: { name: string; text: string }[] = [];
for (const file of new Set(builtins.map((b) => b.filename).filter((f) => f.endsWith(".c")))) {
  const src = readFileSync(path.join(espruino, file), "utf8");
  for (const m of src.matchAll(/\/\*TYPESCRIPT([\s\S]*?)\*\//g)) {
    let body = m[1];
    if (body.trimStart().startsWith("{")) {
      const end = body.indexOf("\n}") + 2;
      if (JSON.parse(body.slice(0, end)).class) continue; // members of a class: not used by the ESP32 classes we declare
      body = body.slice(end);
    }
    const sf = ts.createSourceFile("block.d.ts", body.replace(/\\\//g, "/"), ts.ScriptTarget.Latest, true);
    for (const st of sf.statements) {
      const name = (st as { name?: ts.Identifier }).name?.text ?? "";
      if (!declaredInLib.has(name)) tsStatements.push({ name, text: docOf(st, sf) + st.getText(sf) });
    }
  }
}
for (let changed = true; changed; ) {
  changed = false;
  tsStatements = tsStatements.filter((st) => {
    if (!mentionsUnavailable(st.text.replace(/\/\*\*[\s\S]*?\*\//g, ""))) return true;
    unavailable.add(st.name);
    changed = true;
    return false;
  });
}
const tsBlocks = tsStatements.map((st) => st.text);
const builtinInTs = (c: string) => /^(Object|Function|Array|String|Number|Boolean|Date|RegExp|Math|JSON|Error|TypeError|SyntaxError|ReferenceError|InternalError|ArrayBuffer|ArrayBufferView|DataView|Promise|.*Array)$/.test(c);

const espruinoOut: string[] = [...tsBlocks, extraTypes()];
// Espruino additions to the language's own objects (e.g. Object.prototype.on/emit, Math.clip, E-style helpers).
const additions = new Map<string, string[]>();
for (const b of builtins) {
  if (!b.class || !builtinInTs(b.class) || !b.name || b.type === "class" || b.type === "constructor" || b.class === "ArrayBufferView") continue;
  const statics = b.type.startsWith("static") || b.class === "Math" || b.class === "JSON";
  const iface = statics && b.class !== "Math" && b.class !== "JSON" ? b.class + "Constructor" : b.class;
  if (emittedMembers.has(iface + "." + b.name)) continue;
  if (b.class === "InternalError") continue;
  const decl = declarationsFor(b, "class").map((d) => d.replace(/^static /, ""));
  if (!decl.length) continue;
  additions.set(iface, [...(additions.get(iface) ?? []), descriptionOf(b) + decl.join("\n")]);
}
for (const [iface, decls] of additions) {
  const generic = iface === "Array" ? "<T>" : "";
  espruinoOut.push(`interface ${iface}${generic} {\n${decls.map(indent).join("\n")}\n}\n`);
}
espruinoOut.push(`/** Espruino's own error type (src/jswrap_error.c). */\ninterface InternalError extends Error {}\ndeclare var InternalError: { new (message?: string): InternalError; (message?: string): InternalError; readonly prototype: InternalError };\n`);

for (const c of [...classNames].sort()) {
  if (SKIPPED.has(c) || builtinInTs(c)) continue;
  const members = classOf(c).filter((b) => b.type !== "class" && b.type !== "library" && !["init", "idle", "kill", "EV_SERIAL1"].includes(b.type));
  const classBlock = builtins.find((b) => b.class === c && (b.type === "class" || b.type === "library"))!;
  if (libraryNames.has(c)) {
    const body = members.filter((b) => declarationsFor(b, "library").length).map((b) => descriptionOf(b) + declarationsFor(b, "library").join("\n"));
    espruinoOut.push(`${descriptionOf(classBlock)}declare module ${JSON.stringify(c)} {\n${body.map(indent).join("\n")}\n}\n`);
  } else {
    const body = members.filter((b) => declarationsFor(b, "class").length).map((b) => descriptionOf(b) + declarationsFor(b, "class").join("\n"));
    const name = typeof classBlock.typescript === "string" ? classBlock.typescript : c;
    espruinoOut.push(`${descriptionOf(classBlock)}declare class ${name} {\n${body.map(indent).join("\n")}\n}\n`);
  }
}
for (const b of builtins) {
  if (b.class || !b.name || SKIPPED.has(b.name)) continue;
  if (["global", "globalThis", "arguments", "eval", "parseInt", "parseFloat", "isFinite", "isNaN", "encodeURIComponent", "decodeURIComponent", "NaN", "Infinity"].includes(b.name)) continue;
  if (b.type === "object" && SKIPPED.has(b.instanceof!)) continue;
  if (declarationsFor(b, "global").length) espruinoOut.push(descriptionOf(b) + declarationsFor(b, "global").join("\n"));
}
espruinoOut.push("/** The global object (globalThis is TypeScript's own). */\ndeclare var global: any;");

const header = `// Type library of Espruino 2v29 on an ESP32 (the "ESP32" board build) — GENERATED, do not edit.
// Made by firmware/types/generate.ts from the Espruino 2v29 source (${path.basename(espruino)}): the built-ins of
// the ESP32 build (its WRAPPERSOURCES and DEFINES, filtered by Espruino's scripts/common.py), declared with
// TypeScript's own lib.es5…es2022 declarations for the members the board has, and Espruino's "typescript"
// declarations for its own APIs. A complete library: use it with "noLib": true (see tsconfig.board.json), so
// whatever the board lacks (Map, Set, Symbol, Array.from, Math.trunc, Object.freeze, RangeError, …) is an error.
// Not declared although in the build: ${[...SKIPPED].sort().join(", ")}.
/// <reference no-default-lib="true"/>
`;
writeFileSync(path.join(here, "espruino-esp32.d.ts"), header + "\n" + out.join("\n") + "\n// ---- Espruino ----\n\n" + espruinoOut.join("\n") + "\n");
console.log("wrote firmware/types/espruino-esp32.d.ts");
