// Espruino's JsVar usage on the virtual board: walks what is reachable from the global object and counts blocks
// the way the interpreter stores them (jsvar-accounting.ts). What the walk cannot see (running scopes) the runtime
// adds from the enter/leave hooks (espruino-runtime.ts).
import {
  bufferDataBlocks,
  functionBlocks,
  JSVAR_BLOCK_SIZE,
  JSVAR_TOTAL,
  nameBlocks,
  primitiveBlocks,
  valueBlocks,
} from "./jsvar-accounting.ts";

export { JSVAR_BLOCK_SIZE, JSVAR_TOTAL };
/** What the interpreter itself holds at boot (built-in roots, timers array, history, input line). */
export const BASE_USAGE = 180;

const MAX_OBJECTS = 20000;
/** `__proto__`, `prototype`: 9 characters, 2 blocks each. */
const PROTO_NAME_BLOCKS = nameBlocks("__proto__");

/**
 * What exists at power-on (built-in objects and their properties): on the board these live in flash, not in
 * JsVars, so they are not counted; properties added to them later are.
 */
export type BuiltinSnapshot = Map<object, Set<string>>;

export function snapshotBuiltins(root: object): BuiltinSnapshot {
  const snapshot: BuiltinSnapshot = new Map();
  const stack: object[] = [root];
  while (stack.length && snapshot.size < MAX_OBJECTS) {
    const obj = stack.pop()!;
    if (snapshot.has(obj)) continue;
    let names: string[];
    try {
      names = Object.getOwnPropertyNames(obj);
    } catch {
      continue;
    }
    snapshot.set(obj, new Set(names));
    const proto = Object.getPrototypeOf(obj);
    if (proto) stack.push(proto);
    for (const name of names) {
      const desc = Object.getOwnPropertyDescriptor(obj, name);
      const value = desc?.value;
      if (value !== null && (typeof value === "object" || typeof value === "function")) stack.push(value);
    }
  }
  return snapshot;
}

function hasOwnMembers(proto: unknown): boolean {
  if (proto === null || typeof proto !== "object") return false;
  return Object.getOwnPropertyNames(proto).some((n) => n !== "constructor");
}

/**
 * A module's own scope (jspEvaluateModule): `exports`, `module` and its top-level declarations, which every function
 * of the module holds (`values()` reads them from the running module).
 */
export interface ModuleScope {
  names: string[];
  values?: () => unknown[];
}

/** Where a function's code came from: a module (whose scope it holds), and whether from a Storage file (flash). */
export interface FunctionOrigin {
  inFlash: boolean;
  scope?: ModuleScope;
}

/**
 * The scope of a call of a function that holds other functions (source-transform.ts FUNCTION_SCOPE): on the board
 * the scope object with a name var per parameter, var and inner function, kept for as long as a function made in it
 * is; `names` comma-separated, `values()` their values now, `parent` the scope around it (null: the root or a module).
 */
export interface ScopeRecord {
  names: string;
  values: () => unknown[];
  parent: ScopeRecord | null;
}

/** A record's scope object and its names, without the values. */
function scopeRecordOwnBlocks(record: ScopeRecord): number {
  let blocks = 1;
  if (record.names) for (const name of record.names.split(",")) blocks += nameBlocks(name);
  return blocks;
}

/**
 * The scope of a running call that has a record, besides what the enter hook counted for it (the scope object and
 * one block a name): long names, and the values, unless a function made in it was counted already.
 */
export function runningScopeExtra(record: ScopeRecord, seen: Set<object>, options: CountOptions): number {
  records.add(record);
  const told = 1 + (record.names ? record.names.split(",").length : 0);
  return countJsVars(record, seen, options) - told;
}

/**
 * The values a running call was given (its arguments) that nothing the walk counted holds: a string made for the
 * call (a payload cut out of a packet, a header being written), an object made for it, a boolean. A string equal to
 * one the walk met, or given to an outer call already, is taken as the same var (a board shares it; the sim cannot
 * tell two equal strings apart).
 */
export function argumentBlocks(args: ArrayLike<unknown>, seen: Set<object>, options: CountOptions & { strings: Set<string> }): number {
  let total = 0;
  for (let i = 0; i < args.length; i++) {
    const v = args[i];
    if (isObject(v)) total += countJsVars(v, seen, options);
    else if (typeof v === "string") {
      if (options.strings.has(v)) continue;
      options.strings.add(v);
      total += valueBlocks(v, false);
    } else total += valueBlocks(v, false);
  }
  return total;
}

export interface CountOptions {
  builtins?: BuiltinSnapshot;
  origin?: (source: string) => FunctionOrigin | undefined;
  /** The scope a function made inside a recorded scope keeps, and how many scopes deep it was made. */
  closure?: (fn: Function) => { record: ScopeRecord | null; depth: number } | undefined;
  /** Collects the strings the walk counted (a running call's arguments equal to one of them are taken as shared). */
  strings?: Set<string>;
}

/** A function's own blocks depend only on its text and where it came from: computed once per function object. */
const functionCost = new WeakMap<Function, { blocks: number; scope?: ModuleScope }>();

function functionOwn(
  fn: Function,
  origin?: (source: string) => FunctionOrigin | undefined,
  closure?: { record: ScopeRecord | null; depth: number },
): { blocks: number; scope?: ModuleScope } {
  let cost = functionCost.get(fn);
  if (cost === undefined) {
    const source = Function.prototype.toString.call(fn);
    if (source.includes("[native code]")) cost = { blocks: 1 };
    else {
      const from = origin?.(source);
      const blocks = functionBlocks(source, from?.inFlash ?? false);
      // A function keeps the scopes it was made in (jspeiGetScopesAsVar): one name var (`\xFFsco`) pointing at the
      // scope, or with two scopes or more at a copy of their array (1 + one per scope). A function without code
      // keeps none (`function(){}` in a module is 1 block).
      const depth = closure ? closure.depth : from?.scope ? 1 : 0;
      const keeps = blocks > 1 && depth > 0 ? 1 + (depth > 1 ? 1 + depth : 0) : 0;
      cost = { blocks: blocks + keeps, scope: blocks > 1 ? from?.scope : undefined };
    }
    functionCost.set(fn, cost);
  }
  return cost;
}

/**
 * ArrayBuffers made by E.toArrayBuffer(string): on the board one var that references the string (no copy), and
 * that string is normally held elsewhere too (a socket's data), so only the var is counted.
 */
const stringBacked = new WeakSet<object>();
export function markStringBacked(buffer: object): void {
  stringBacked.add(buffer);
}

function isArrayBuffer(v: object): v is ArrayBuffer {
  return Object.prototype.toString.call(v) === "[object ArrayBuffer]";
}

/** Module scopes met in this walk (told apart from user objects by identity). */
const scopes = new WeakSet<object>();
/** Call scope records (told apart from user objects by identity). */
const records = new WeakSet<object>();

const isObject = (v: unknown): v is object => v !== null && (typeof v === "object" || typeof v === "function");

/** Counts JsVars held by `root` (and everything reachable from it not already in `seen`). */
export function countJsVars(root: unknown, seen = new Set<object>(), options: CountOptions = {}): number {
  const { builtins, origin, closure, strings } = options;
  const held = (v: unknown, inArray: boolean): number => {
    if (strings && typeof v === "string") strings.add(v);
    return valueBlocks(v, inArray);
  };
  if (!isObject(root)) return primitiveBlocks(root);
  let total = 0;
  const stack: object[] = [root];
  while (stack.length && seen.size < MAX_OBJECTS) {
    const obj = stack.pop()!;
    if (seen.has(obj)) continue;
    seen.add(obj);
    if (records.has(obj)) {
      // a call's scope: its object, a name var per name holding its value, and the scope around it
      const record = obj as ScopeRecord;
      let values: unknown[] = [];
      try {
        values = record.values();
      } catch {
        // a name not readable yet
      }
      total += scopeRecordOwnBlocks(record);
      values.forEach((v) => {
        if (isObject(v)) stack.push(v as object);
        else total += held(v, false);
      });
      if (record.parent) {
        records.add(record.parent);
        stack.push(record.parent);
      }
      continue;
    }
    if (scopes.has(obj)) {
      // a module scope: the scope object and a name var per declaration, holding what it names
      const scope = obj as ModuleScope;
      let values: unknown[] = [];
      try {
        values = scope.values?.() ?? [];
      } catch {
        // a module that has not finished loading
      }
      total += 1;
      scope.names.forEach((name, i) => {
        total += nameBlocks(name);
        if (isObject(values[i])) stack.push(values[i] as object);
        else total += held(values[i], false);
      });
      continue;
    }
    const builtinNames = builtins?.get(obj);
    if (builtinNames) {
      // a built-in: only what was added to it after power-on costs RAM (e.g. listeners on E)
      for (const name of Object.getOwnPropertyNames(obj)) {
        const desc = Object.getOwnPropertyDescriptor(obj, name);
        if (!desc || desc.get || desc.set) continue;
        if (!builtinNames.has(name)) total += nameBlocks(name) + (isObject(desc.value) ? 0 : held(desc.value, false));
        if (isObject(desc.value)) stack.push(desc.value);
      }
      continue;
    }
    if (isArrayBuffer(obj)) {
      total += stringBacked.has(obj) ? 1 : 1 + bufferDataBlocks(obj.byteLength);
      continue;
    }
    if (ArrayBuffer.isView(obj)) {
      // the view, then its buffer once however many views share it
      total += 1;
      stack.push(obj.buffer);
      continue;
    }
    const isFunction = typeof obj === "function";
    const isArray = Array.isArray(obj);
    if (isFunction) {
      const kept = closure?.(obj as Function);
      const own = functionOwn(obj as Function, origin, kept);
      total += own.blocks;
      if (own.scope) {
        scopes.add(own.scope);
        stack.push(own.scope);
      }
      if (kept?.record) {
        records.add(kept.record);
        stack.push(kept.record);
      }
    } else total += 1;
    // an instance of a user class holds `__proto__` (jspeFunctionCall for `new`)
    const proto = Object.getPrototypeOf(obj);
    if (builtins && proto && !builtins.has(proto)) {
      total += PROTO_NAME_BLOCKS;
      stack.push(proto);
    }
    let names: string[];
    try {
      names = Object.getOwnPropertyNames(obj);
    } catch {
      continue;
    }
    for (const name of names) {
      if (isFunction && (name === "length" || name === "name" || name === "arguments" || name === "caller")) continue;
      // A function's prototype costs nothing until something is put on it (methods of a class).
      if (isFunction && name === "prototype" && !hasOwnMembers((obj as { prototype?: unknown }).prototype)) continue;
      if (isArray && name === "length") continue;
      let value: unknown;
      try {
        const desc = Object.getOwnPropertyDescriptor(obj, name);
        if (!desc || desc.get || desc.set) continue;
        value = desc.value;
      } catch {
        continue;
      }
      // an array index is an integer name: one block
      total += isArray && /^\d+$/.test(name) ? 1 : nameBlocks(name);
      if (isObject(value)) stack.push(value);
      else total += held(value, isArray);
    }
  }
  return total;
}
