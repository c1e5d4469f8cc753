// An honest approximation of Espruino's JsVar usage: walks what is reachable from the global object and counts
// blocks the way the interpreter stores them (a property = name var + value var, small ints packed into the name,
// strings ≈12 characters per block, functions hold their source text and a scope).

export const JSVAR_TOTAL = 16383;
export const JSVAR_BLOCK_SIZE = 14;
/** What the interpreter itself holds at boot (built-in roots, timers array, history, input line). */
export const BASE_USAGE = 180;

const CHARS_PER_BLOCK = 12;
const MAX_OBJECTS = 20000;

function stringBlocks(s: string): number {
  return Math.max(1, Math.ceil(s.length / CHARS_PER_BLOCK));
}

function valueBlocks(v: unknown): number {
  switch (typeof v) {
    case "number":
      return Number.isInteger(v) && Math.abs(v) < 1 << 30 ? 0 : 1;
    case "boolean":
    case "undefined":
      return 0;
    case "string":
      return v.length <= 4 ? 0 : stringBlocks(v);
    default:
      return v === null ? 0 : 1;
  }
}

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

/** Counts JsVars held by `root` (and everything reachable from it not already in `seen`). */
export function countJsVars(root: unknown, seen = new Set<object>(), builtins?: BuiltinSnapshot): number {
  let total = 0;
  const stack: unknown[] = [root];
  while (stack.length && seen.size < MAX_OBJECTS) {
    const item = stack.pop();
    if (item === null || (typeof item !== "object" && typeof item !== "function")) {
      total += valueBlocks(item);
      continue;
    }
    const obj = item as object;
    if (seen.has(obj)) continue;
    seen.add(obj);
    const builtinNames = builtins?.get(obj);
    if (builtinNames) {
      // a built-in: only what was added to it after power-on costs RAM (e.g. listeners on E)
      for (const name of Object.getOwnPropertyNames(obj)) {
        const desc = Object.getOwnPropertyDescriptor(obj, name);
        if (!desc || desc.get || desc.set) continue;
        if (!builtinNames.has(name)) {
          total += name.length > 4 ? stringBlocks(name) : 1;
          total += valueBlocks(desc.value);
        }
        if (desc.value !== null && (typeof desc.value === "object" || typeof desc.value === "function")) stack.push(desc.value);
      }
      continue;
    }
    total += 1;
    if (typeof obj === "function") {
      const source = Function.prototype.toString.call(obj);
      if (!source.includes("[native code]")) total += stringBlocks(source) + 1;
    }
    if (ArrayBuffer.isView(obj)) {
      total += Math.ceil((obj as ArrayBufferView).byteLength / JSVAR_BLOCK_SIZE) + 1;
      continue;
    }
    let names: string[];
    try {
      names = Object.getOwnPropertyNames(obj);
    } catch {
      continue;
    }
    for (const name of names) {
      if (typeof obj === "function" && (name === "length" || name === "name" || name === "arguments" || name === "caller")) continue;
      // A function's prototype costs nothing until something is put on it (methods of a class).
      if (typeof obj === "function" && name === "prototype" && !hasOwnMembers((obj as { prototype?: unknown }).prototype)) continue;
      if (Array.isArray(obj) && name === "length") continue;
      let value: unknown;
      try {
        const desc = Object.getOwnPropertyDescriptor(obj, name);
        if (!desc || desc.get || desc.set) continue;
        value = desc.value;
      } catch {
        continue;
      }
      total += name.length > 4 ? stringBlocks(name) : 1;
      if (value !== null && (typeof value === "object" || typeof value === "function")) stack.push(value);
      else total += valueBlocks(value);
    }
  }
  return total;
}
