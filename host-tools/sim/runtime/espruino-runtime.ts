// One Espruino "RAM": a node:vm context holding only what the interpreter has, plus its timers and event queue.
// reset() throws this away and builds a new one; Storage, Wi-Fi and the console belong to the board, not to it.
import vm from "node:vm";
import * as acorn from "acorn";
import { createHash, pbkdf2Sync } from "node:crypto";
import { crc32 } from "node:zlib";
import { DEFAULT_MAX_CALL_DEPTH, RECURSION_MESSAGE } from "./call-depth.ts";
import { boardStack, boardStackOf, syntaxErrorStack, type Frame, type ScriptInfo } from "./error-stack.ts";
import { EventLoop } from "./event-loop.ts";
import { CONSOLE_FORMAT, formatValue, PRINT_FORMAT } from "./format-value.ts";
import {
  BASE_USAGE,
  countJsVars,
  JSVAR_BLOCK_SIZE,
  JSVAR_TOTAL,
  snapshotBuiltins,
  type BuiltinSnapshot,
  type CountOptions,
  type FunctionOrigin,
  type ModuleScope,
  markStringBacked,
  runningScopeExtra,
  argumentBlocks,
  type ScopeRecord,
} from "./memory-estimate.ts";
import { CALL_BASE, moduleDeclarations } from "./jsvar-accounting.ts";
import { PRELUDE } from "./prelude.ts";
import { PRELUDE_MODULES } from "./prelude-modules.ts";
import { PRELUDE_REGEXP } from "./prelude-regexp.ts";
import { PRELUDE_BUILTINS } from "./prelude-builtins.ts";
import { builtinNatives } from "./builtins/natives.ts";
import { regexpNatives } from "./regexp-natives.ts";
import {
  FUNCTION_BIND,
  FUNCTION_ENTER,
  FUNCTION_LEAVE,
  FUNCTION_SCOPE,
  EVAL_CODE,
  INTERRUPT_CHECK,
  PLUS,
  TO_NUMBER,
  TO_TEXT,
  REGEXP_LITERAL,
  SCOPE_CALLABLE,
  SCOPE_GLOBAL,
  SCOPE_GLOBALS,
  SCOPE_TEMP,
  transformSource,
  type TransformedSource,
} from "./source-transform.ts";

export const ESPRUINO_VERSION = "2v29";
export const BOARD_NAME = "ESP32";
export { DEFAULT_MAX_CALL_DEPTH, RECURSION_MESSAGE };

/** Thrown through user code when Ctrl-C arrives; user catch blocks re-throw it at their first instruction. */
export class InterruptSignal {
  readonly espnodeSignal = "interrupt";
}

/**
 * Thrown through user code when a call would nest deeper than the stack allows. Like the board (which sets
 * EXEC_INTERRUPTED along with the exception) user catch and finally blocks cannot keep it: they re-throw it first.
 */
export class RecursionSignal {
  readonly espnodeSignal = "recursion";
  /** V8's (host realm) stack at the call that went too deep: its first user frame is the refused function's start. */
  constructor(readonly stack: string) {}
}

/** Thrown through user code when the board must reboot right now (watchdog, E.reboot). */
export class HardResetSignal {
  constructor(readonly reason: "watchdog" | "software" | "deepsleep", readonly sleepUs = 0) {}
}

export interface RuntimeHost {
  /** Console output; "\n" is turned into "\r\n" by the console. */
  print(text: string): void;
  /** Shared flag set by the port thread the moment a 0x03 byte arrives. */
  interruptFlag: Int32Array;
  /** Asks the board to run the idle loop soon (a timer or event became due). */
  wake(): void;
  /** Board-specific natives (Storage, Wi-Fi, net, hardware, reset/load/save...). */
  natives(runtime: EspruinoRuntime): Record<string, unknown>;
  /** Nested user function calls allowed (default DEFAULT_MAX_CALL_DEPTH). */
  maxCallDepth?: number;
  /** The watchdog's period is multiplied by this (test hook, default 1). */
  watchdogTimeScale?: number;
}

interface ScriptRecord extends ScriptInfo {
  transformed: TransformedSource;
}

const MAX_SCRIPTS = 400;
let scriptCounter = 0;

function isSignal(err: unknown): err is InterruptSignal | HardResetSignal {
  return err instanceof InterruptSignal || err instanceof HardResetSignal;
}

export class EspruinoRuntime {
  readonly loop: EventLoop;
  readonly context: vm.Context;
  readonly global: Record<string, any>;
  private readonly scripts = new Map<string, ScriptRecord>();
  private readonly realm: { Error: ErrorConstructor; SyntaxError: SyntaxErrorConstructor; JSON: JSON };
  private helpers!: Record<string, any>;
  private builtins: BuiltinSnapshot | undefined;
  /** Transformed code of each module loaded (memory-estimate.ts: its functions hold its scope; code from Storage is in flash). */
  private readonly moduleCode = new Map<string, FunctionOrigin>();
  /** The scope of each compiled module function, told how to read its values once the module has run. */
  private readonly moduleScopes = new WeakMap<Function, ModuleScope>();
  /** JsVars each running user call holds, by nesting depth (set by the enter hook, see callBlocks). */
  private readonly callScopes: Int32Array;
  /** The scope record of each running call that holds other functions (source-transform.ts FUNCTION_SCOPE). */
  private readonly callRecords: (ScopeRecord | undefined)[] = [];
  /** The last whole files Storage.read returned: eval() of one runs code that stays in flash (jspeFunctionDefinition). */
  private readonly mappedFiles = new Set<string>();
  /** The arguments each running call was given (counted where nothing else holds them). */
  private readonly callArguments: (ArrayLike<unknown> | undefined)[] = [];
  /** The scope each function made inside such a call keeps, and how many scopes deep it was made. */
  private readonly closures = new WeakMap<Function, { record: ScopeRecord | null; depth: number }>();
  /** The prelude's module cache (modules required so far and code added with Modules.addCached). */
  private moduleCache: (() => unknown) | undefined;
  private watchdog: { timeoutMs: number; auto: boolean; lastKick: number } | undefined;
  private timeOffset = 0;
  /** A reboot requested from inside user code: re-thrown at every check so user catch blocks cannot keep it. */
  private pendingSignal: HardResetSignal | undefined;
  /**
   * [DEPTH]: nesting of user function calls right now (counted by the enter/leave calls the source transform adds);
   * [ATTENTION]: 1 while a signal is pending, so the enter call takes the full check. Shared with the sandbox's
   * enter/leave functions, which run in the sandbox realm so V8 can inline them into user code.
   */
  private readonly callState = new Int32Array(2);
  private get callDepth(): number {
    return this.callState[DEPTH]!;
  }
  private set callDepth(depth: number) {
    this.callState[DEPTH] = depth;
  }
  private get recursion(): RecursionSignal | undefined {
    return this.recursionSignal;
  }
  private set recursion(signal: RecursionSignal | undefined) {
    this.recursionSignal = signal;
    this.callState[ATTENTION] = signal || this.pendingSignal ? 1 : 0;
  }
  private recursionSignal: RecursionSignal | undefined;
  disposed = false;

  constructor(private readonly host: RuntimeHost) {
    this.loop = new EventLoop(() => host.wake());
    this.context = vm.createContext({}, { name: "espruino", codeGeneration: { strings: true, wasm: false } });
    this.global = vm.runInContext("globalThis", this.context) as Record<string, any>;
    // the board's stack lists every nested call (jslPrintStackTrace walks all lexers)
    vm.runInContext("Error.stackTraceLimit = 200", this.context);
    this.realm = vm.runInContext("({ Error: Error, SyntaxError: SyntaxError, JSON: JSON })", this.context);
    const flag = host.interruptFlag;
    const maxCallDepth = host.maxCallDepth ?? DEFAULT_MAX_CALL_DEPTH;
    this.callScopes = new Int32Array(maxCallDepth + 1);
    const fullCheck = () => {
      if (this.pendingSignal) throw this.pendingSignal;
      if (this.recursion) throw this.recursion;
      if (Atomics.load(flag, 0) !== 0) throw new InterruptSignal();
      this.checkWatchdog(Date.now());
    };
    const [check, enter, leave, scope, bind] = vm.runInContext(CHECK_FUNCTIONS, this.context, { filename: "espruino-checks.js" })(
      flag,
      this.callState,
      this.callScopes,
      CALL_BASE,
      maxCallDepth,
      fullCheck,
      () => this.tooMuchRecursion(),
      this.callRecords,
      this.closures,
      this.callArguments,
    );
    // Script-scope constants, not global properties: invisible to user code enumerating the global object, and
    // looked up without the vm global's interceptor (about 40 times faster per call than a global property).
    const hidden = "__espnodeHidden";
    this.global[hidden] = [check, enter, leave, scope, bind, (code: unknown) => this.evalCode(code)];
    vm.runInContext(
      `const ${INTERRUPT_CHECK} = ${hidden}[0], ${FUNCTION_ENTER} = ${hidden}[1], ${FUNCTION_LEAVE} = ${hidden}[2], ` +
        `${FUNCTION_SCOPE} = ${hidden}[3], ${FUNCTION_BIND} = ${hidden}[4], ${EVAL_CODE} = ${hidden}[5];` +
        `delete globalThis.${hidden};`,
      this.context,
      { filename: "espruino-hidden.js" },
    );
    // before the prelude hides Proxy: what the var-scope rewriting (var-scope.ts) uses, as script-scope bindings too
    vm.runInContext(SCOPE_HELPERS, this.context, { filename: "espruino-scope.js" });
    const natives = { ...this.coreNatives(), ...builtinNatives(), ...host.natives(this) };
    const prelude = vm.runInContext(PRELUDE, this.context, { filename: "espruino-prelude.js" });
    this.helpers = prelude(natives, this.global);
    vm.runInContext(PRELUDE_REGEXP, this.context, { filename: "espruino-regexp.js" })(natives, this.global, this.helpers, REGEXP_LITERAL);
    // the board's number-to-text conversions; `a + b` and template literals call them (script-scope constants, as above)
    this.global[hidden] = vm.runInContext(PRELUDE_BUILTINS, this.context, { filename: "espruino-builtins.js" })(natives, this.global, this.helpers);
    vm.runInContext(`const ${TO_TEXT} = ${hidden}[0], ${PLUS} = ${hidden}[1], ${TO_NUMBER} = ${hidden}[2]; delete globalThis.${hidden};`, this.context, {
      filename: "espruino-hidden.js",
    });
    vm.runInContext(PRELUDE_MODULES, this.context, { filename: "espruino-modules.js" })(natives, this.global, this.helpers);
    this.builtins = snapshotBuiltins(this.global);
  }

  // ---- running code -------------------------------------------------------------------------------------------

  /**
   * Runs console/boot code statement by statement; prints errors like Espruino. `stackName` is what the board's
   * stack calls this code (jspEvaluateVar): "REPL", "boot code", ".boot0", the file given to load(file), "event".
   */
  evaluate(source: string, stackName = "REPL"): { ok: boolean; value?: unknown } {
    const transformed = transformSource(source);
    let result: { ok: boolean; value?: unknown } = { ok: true, value: undefined };
    if (transformed.code.trim()) {
      const filename = this.remember({ source, transformed, stackName });
      result = this.guard(() => new vm.Script(transformed.code, { filename }).runInContext(this.context), false);
    }
    if (result.ok && transformed.syntaxError) {
      this.host.print(`Uncaught SyntaxError: ${transformed.syntaxError.message}\n${syntaxErrorStack(source, transformed.syntaxError.pos, stackName)}`);
      return { ok: false };
    }
    return result;
  }

  /** Compiles module code to `function (exports, module)`; throws a sandbox SyntaxError on bad syntax. */
  compileModule(source: string, id: string, fromStorage = false): unknown {
    const wrapped = `(function (exports, module) {\n${source}\n})`;
    const transformed = transformSource(wrapped, { moduleWrapper: true });
    if (transformed.syntaxError) throw new this.realm.SyntaxError(`${transformed.syntaxError.message} in module ${id}`);
    const filename = this.remember({ source: wrapped, transformed, stackName: "module", moduleWrapper: true });
    // The module's scope, which its functions keep (memory-estimate.ts): the module function returns a reader of
    // its top-level declarations, added after the transform so positions in error stacks do not move.
    const names = ["exports", "module", ...moduleDeclarations(wrapped)];
    const end = transformed.code.lastIndexOf(`}finally{${FUNCTION_LEAVE}()}`);
    const reader = `\n;return function(){return [${names.map((n) => `typeof ${n}==="undefined"?void 0:${n}`).join(",")}]}`;
    const code = end < 0 ? transformed.code : transformed.code.slice(0, end) + reader + transformed.code.slice(end);
    const scope: ModuleScope = { names };
    // a board runs a Storage file where it is mapped: its functions' code stays in flash, not in JsVars
    this.moduleCode.set(transformed.code, { inFlash: fromStorage, scope });
    const fn = new vm.Script(code, { filename }).runInContext(this.context) as Function;
    this.moduleScopes.set(fn, scope);
    return fn;
  }

  /**
   * Calls a sandbox function (timer or event callback); errors print, signals propagate. `stopped` runs when the
   * callback was interrupted (Ctrl-C, too much recursion), before that is reported.
   */
  call(fn: unknown, thisObj: unknown, args: unknown[], stopped?: () => void): void {
    if (typeof fn === "string") {
      this.evaluate(fn, "event");
      return;
    }
    if (typeof fn !== "function") return;
    this.guard(() => (fn as Function).apply(thisObj, args), true, stopped);
  }

  /** One pass of the idle loop: queued events first, then due timers. */
  runIdle(now: number): void {
    if (this.watchdog?.auto) this.watchdog.lastKick = now;
    for (const event of this.loop.takeEvents()) {
      for (const fn of event.fns) this.call(fn, event.thisObj, event.args);
    }
    for (const timer of this.loop.takeDueTimers(now)) {
      // jsiIdle: an interval whose callback was interrupted is removed (jsError, so it prints "ERROR: ...")
      const removeInterval = timer.repeat
        ? () => {
            this.loop.clearTimer(timer.id);
            this.host.print("ERROR: Ctrl-C while processing interval - removing it.\n");
          }
        : undefined;
      this.call(timer.fn, this.global, timer.args, removeInterval);
    }
    this.checkWatchdog(Date.now());
  }

  /** Next moment the idle loop has work (ms timestamp), if any. */
  nextWake(): number | undefined {
    if (this.loop.hasEvents()) return Date.now();
    const timer = this.loop.nextDue();
    const dog = this.watchdog && !this.watchdog.auto ? this.watchdog.lastKick + this.watchdog.timeoutMs + 1 : undefined;
    if (timer === undefined) return dog;
    return dog === undefined ? timer : Math.min(timer, dog);
  }

  /** Queues `obj`'s listeners for `event` (Espruino's emit: never synchronous). */
  emit(obj: unknown, event: string, args: unknown[]): boolean {
    if (obj === null || typeof obj !== "object") return false;
    const listeners = (obj as Record<string, unknown>)["#on" + event];
    if (listeners === undefined) return false;
    this.loop.queue(listeners, obj, args);
    return true;
  }

  queueCall(fn: unknown, args: unknown[]): void {
    if (typeof fn === "function") this.loop.queue(fn, this.global, args);
  }

  parseJSON(text: string): unknown {
    return this.realm.JSON.parse(text);
  }

  toUint8Array(binary: string): Uint8Array {
    return this.helpers.toUint8Array(binary);
  }

  /** The console's `=value` form (forConsole) or print()'s form of a value. */
  format(value: unknown, forConsole = true): string {
    const g = this.global;
    return formatValue(value, {
      ...(forConsole ? CONSOLE_FORMAT : PRINT_FORMAT),
      deviceName: (obj) => {
        const pin = (obj as { __pin?: unknown }).__pin;
        if (typeof pin === "number") return `D${pin}`;
        const proto = Object.getPrototypeOf(obj);
        const name = (obj as { __name?: unknown }).__name;
        if (typeof name === "string" && (proto === g.Serial?.prototype || proto === g.I2C?.prototype)) return name;
        return undefined;
      },
      // RegExp is hidden in the sandbox but a root variable on the board (jspNewObject(0,"RegExp") creates it there)
      globalNameOf: (fn) => Object.keys(g).find((key) => g[key] === fn) ?? (fn === g.RegExp ? "RegExp" : undefined),
      originalSource: (fn) => this.originalSource(fn),
    });
  }

  /** `%v` in Espruino's printf: a value converted to a string without quotes (jsvAsString). */
  asString(value: unknown): string {
    if (typeof value === "string") return value;
    if (Array.isArray(value)) return value.map((v) => (v === undefined || v === null ? "" : this.asString(v))).join(",");
    if (value !== null && typeof value === "object") return "[object Object]";
    if (typeof value === "function") return this.format(value, false);
    return String(value);
  }

  private countOptions(): CountOptions {
    return {
      builtins: this.builtins,
      closure: (fn) => this.closures.get(fn),
      origin: (source) => {
        for (const [code, origin] of this.moduleCode) if (code.includes(source)) return origin;
        return undefined;
      },
    };
  }

  jsVarUsage(): number {
    // Besides the globals, the board's root holds the module cache and the timers and events with what they keep.
    const seen = new Set<object>();
    const options = { ...this.countOptions(), strings: new Set<string>() };
    let usage = BASE_USAGE + countJsVars(this.global, seen, options) + this.loop.timerCount() * 6;
    const roots = [...((this.moduleCache?.() as unknown[] | undefined) ?? []), ...this.loop.liveValues()];
    for (const root of roots) usage += countJsVars(root, seen, options);
    // the scopes of the calls running right now, which no walk from the root reaches (with a record: its values too)
    for (let depth = 0; depth < this.callDepth; depth++) {
      usage += this.callScopes[depth]!;
      const record = this.callRecords[depth];
      if (record) usage += runningScopeExtra(record, seen, options);
    }
    // what the running calls were given that nothing above holds (outermost first: a value passed down counts once)
    for (let depth = 0; depth < this.callDepth; depth++) {
      const args = this.callArguments[depth];
      if (args) usage += argumentBlocks(args, seen, options);
    }
    return usage;
  }

  now(): number {
    return Date.now() + this.timeOffset;
  }

  enableWatchdog(timeoutSeconds: number, auto: boolean): void {
    this.watchdog = { timeoutMs: timeoutSeconds * 1000 * (this.host.watchdogTimeScale ?? 1), auto, lastKick: Date.now() };
    this.host.wake();
  }

  kickWatchdog(): void {
    if (this.watchdog) this.watchdog.lastKick = Date.now();
  }

  dispose(): void {
    this.disposed = true;
    this.loop.clear();
    this.scripts.clear();
  }

  /** Reboots the board from inside user code (E.reboot, deep sleep, watchdog). */
  raise(signal: HardResetSignal): never {
    this.pendingSignal = signal;
    this.callState[ATTENTION] = 1;
    throw signal;
  }

  // ---- errors -------------------------------------------------------------------------------------------------

  private guard(run: () => unknown, fromSystem: boolean, stopped?: () => void): { ok: boolean; value?: unknown } {
    const depth = this.callDepth;
    // a recursion left over from a promise callback (outside any guard) is reported by its unhandled rejection
    if (depth === 0) this.recursion = undefined;
    try {
      const value = run();
      if (this.pendingSignal) throw this.pendingSignal;
      if (this.recursion) return this.reportRecursion(fromSystem, stopped);
      if (Atomics.load(this.host.interruptFlag, 0) !== 0) {
        // user code caught the interrupt and ran to the end: Espruino still reports it
        return this.reportInterrupt(fromSystem, stopped);
      }
      return { ok: true, value };
    } catch (err) {
      if (err instanceof RecursionSignal || this.recursion) return this.reportRecursion(fromSystem, stopped);
      if (err instanceof InterruptSignal) return this.reportInterrupt(fromSystem, stopped);
      if (isSignal(err)) throw err;
      this.host.print(this.uncaughtText(err));
      return { ok: false };
    } finally {
      this.callDepth = depth;
    }
  }

  private reportInterrupt(fromSystem: boolean, stopped?: () => void): { ok: false } {
    Atomics.store(this.host.interruptFlag, 0, 0);
    stopped?.();
    this.host.print(fromSystem ? "Execution Interrupted during event processing.\n" : "Execution Interrupted\n");
    return { ok: false };
  }

  /**
   * jsiCheckErrors after jspCheckStackPosition: the exception with its stack, then "Execution Interrupted"; from a
   * callback the interruption is reported first ("... during event processing.").
   */
  private reportRecursion(fromSystem: boolean, stopped?: () => void): { ok: false } {
    const stack = this.recursion?.stack ?? "";
    this.recursion = undefined;
    // a Ctrl-C that arrived meanwhile is part of the same interruption
    Atomics.store(this.host.interruptFlag, 0, 0);
    stopped?.();
    const uncaught = `Uncaught Error: ${RECURSION_MESSAGE}\n${this.recursionStack(stack)}`;
    if (fromSystem) this.host.print(`Execution Interrupted during event processing.\n${uncaught}`);
    else this.host.print(`${uncaught}Execution Interrupted\n`);
    return { ok: false };
  }

  /** Stops the user code: the call that would nest deeper than the stack allows does not run. */
  private tooMuchRecursion(): never {
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 500;
    const stack = new Error().stack ?? "";
    Error.stackTraceLimit = limit;
    this.recursion = new RecursionSignal(stack);
    throw this.recursion;
  }

  /** The board's stack for a refused call: its first user frame is the enter call of the function that did not run. */
  private recursionStack(stack: string): string {
    const frames = this.framesOf(stack);
    const first = frames.findIndex((f) => !("native" in f));
    return boardStack(first < 0 ? frames : frames.slice(first + 1), false, false);
  }

  private checkWatchdog(now: number): void {
    const dog = this.watchdog;
    if (dog && now - dog.lastKick > dog.timeoutMs) this.raise(new HardResetSignal("watchdog"));
  }

  /**
   * The code eval() is given, as the board runs it: rewritten like console input (a loader's `eval(Storage.read(…))`
   * runs the app with the interpreter's semantics and memory accounting); a syntax error is a SyntaxError worded as the
   * console words it (the board's wording can differ: host-tools/sim/README.md).
   */
  private evalCode(code: unknown): unknown {
    if (typeof code !== "string") return code;
    const transformed = transformSource(code);
    if (transformed.syntaxError) throw new this.realm.SyntaxError(transformed.syntaxError.message);
    this.remember({ source: code, transformed, stackName: "eval" });
    // a Storage file (a loader's eval): its functions' code is a flash string on the board, one var each
    if (this.mappedFiles.has(code)) this.moduleCode.set(transformed.code, { inFlash: true });
    return transformed.code;
  }

  /** A user function's text as it was typed or stored, found through the scripts still remembered. */
  private originalSource(fn: Function): string | undefined {
    const text = Function.prototype.toString.call(fn);
    const records = [...this.scripts.values()];
    for (let i = records.length - 1; i >= 0; i--) {
      const { transformed, source } = records[i]!;
      const at = transformed.code.indexOf(text);
      if (at < 0) continue;
      const start = transformed.originalOffset(at);
      try {
        // the function's own extent in the original (an arrow's expression body has no closing brace to map back)
        return source.slice(start, acorn.parseExpressionAt(source, start, { ecmaVersion: "latest" }).end);
      } catch {
        return source.slice(start, transformed.originalOffset(at + text.length - 1) + 1);
      }
    }
    return undefined;
  }

  private remember(record: ScriptRecord): string {
    const filename = `espruino-${++scriptCounter}.js`;
    this.scripts.set(filename, record);
    if (this.scripts.size > MAX_SCRIPTS) this.scripts.delete(this.scripts.keys().next().value!);
    return filename;
  }

  /** `Uncaught Error: msg` plus the board's stack when the error came from user code (jsiCheckErrors). */
  uncaughtText(err: unknown): string {
    if (err instanceof RecursionSignal) {
      // only a promise callback gets here: the signal ended as the promise's rejection
      if (this.recursion === err) this.recursion = undefined;
      return `Uncaught Error: ${RECURSION_MESSAGE}\n${this.recursionStack(err.stack)}`;
    }
    if (err !== null && typeof err === "object" && "message" in err && typeof (err as Error).stack === "string") {
      // errors have no name here (as on the board): the prelude gives each error prototype its type
      const typed = err as Error & { type?: unknown };
      const { name, message } = espruinoError({ name: typed.type === undefined ? typed.name : String(typed.type), message: typed.message });
      return `Uncaught ${name}: ${message}\n${this.errorStack(err as Error)}`;
    }
    // jsiCheckErrors: jsiConsolePrintf("Uncaught %v\n", exception), so `throw "x"` prints `Uncaught x`
    return `Uncaught ${this.asString(err)}\n`;
  }

  /**
   * An unhandled promise rejection (jswrap_promise.c _jswrap_promise_seal): a new Error "Unhandled promise
   * rejection: <reason as text>", then the reason's own stack.
   */
  unhandledRejectionText(reason: unknown): string {
    if (reason instanceof RecursionSignal) return this.uncaughtText(reason);
    let text: string;
    let stack = "";
    if (reason !== null && typeof reason === "object" && "message" in reason && typeof (reason as Error).stack === "string") {
      const typed = reason as Error & { type?: unknown };
      const { name, message } = espruinoError({ name: typed.type === undefined ? typed.name : String(typed.type), message: typed.message });
      text = `${name}: ${message}`;
      stack = this.errorStack(reason as Error);
    } else text = this.asString(reason);
    return `Uncaught Error: Unhandled promise rejection: ${text}\n${stack}`;
  }

  /** The board's stack of an error V8 raised or user code constructed (V8 records both where they are made). */
  private errorStack(err: Error): string {
    // JSON.parse's errors carry the board's own stack (error-stack.ts lexerErrorStack)
    const own = boardStackOf(err.stack!);
    if (own !== undefined) return own;
    const frames = this.framesOf(err.stack!);
    // an error raised inside a native (prelude code, V8 builtins) is reported at the user's call of that native
    const origin = frames.length > 0 && !("native" in frames[0]!);
    const reference = err.name === "ReferenceError" || (err as { type?: unknown }).type === "ReferenceError";
    const notFunction = / is not a function/.test(String(err.message));
    return boardStack(frames, origin, reference, notFunction);
  }

  /** V8's stack frames: user code mapped back to its source; the sandbox's own helpers left out. */
  private framesOf(stack: string): Frame[] {
    const frames: Frame[] = [];
    for (const line of stack.split("\n").slice(1)) {
      if (!/^\s+at /.test(line)) continue;
      const match = /(espruino-[\w-]+\.js):(\d+):(\d+)\)?$/.exec(line);
      // helpers that stand for an operator the board does inline (scope lookups, `+`, checks) are not calls
      if (match && /^espruino-(scope|hidden|checks)\.js$/.test(match[1]!)) continue;
      const record = match ? this.scripts.get(match[1]!) : undefined;
      if (!record) {
        frames.push({ native: true });
        continue;
      }
      const generatedOffset = offsetOf(record.transformed.code, Number(match![2]), Number(match![3]));
      frames.push({ script: record, offset: record.transformed.originalOffset(generatedOffset) });
    }
    // the host's frames below the sandbox (the console, timers) are not the board's
    while (frames.length && "native" in frames[frames.length - 1]!) frames.pop();
    return frames;
  }

  // ---- natives every board has -------------------------------------------------------------------------------

  private coreNatives(): Record<string, unknown> {
    return {
      print: (text: string) => this.host.print(text),
      format: (v: unknown, dropQuotes: boolean) => this.format(v, dropQuotes),
      // Function.prototype.toString: the code the board keeps (`function (a) {return a}`), a built-in's native
      functionText: (fn: Function) => this.format(fn, false),
      mappedFile: (text: string) => {
        this.mappedFiles.delete(text);
        this.mappedFiles.add(text);
        if (this.mappedFiles.size > 8) this.mappedFiles.delete(this.mappedFiles.values().next().value!);
      },
      setTimer: (fn: unknown, ms: number, args: unknown[], repeat: boolean) => {
        if (typeof fn !== "function" && typeof fn !== "string") throw new this.realm.Error("Function or String not supplied!");
        return this.loop.setTimer(fn, ms, args, repeat, Date.now());
      },
      timerList: () => {
        const now = Date.now();
        return this.loop.listTimers().map((t) => ({ id: t.id, time: Math.max(0, t.due - now), interval: t.repeat ? t.interval : undefined, callback: t.fn }));
      },
      clearTimer: (id: number | undefined) => {
        // an id that is no timer (any more) is ignored: `clearTimeout(99)` answers =undefined on the 2v29 reference
        this.loop.clearTimer(id);
      },
      changeInterval: (id: number, ms: number) => {
        if (!this.loop.changeInterval(id, ms, Date.now())) throw new this.realm.Error(`Unknown Interval ${this.format(id)}`);
      },
      queue: (listeners: unknown, thisObj: unknown, args: unknown[]) => this.loop.queue(listeners, thisObj, args),
      time: () => this.now() / 1000,
      setTime: (t: number) => {
        this.timeOffset = Number(t) * 1000 - Date.now();
      },
      setTimeZone: () => {},
      crc32: (binary: string) => crc32(Buffer.from(binary, "latin1")) >>> 0,
      cryptoHash: (alg: string, binary: string) => createHash(alg).update(Buffer.from(binary, "latin1")).digest("latin1"),
      cryptoPbkdf2: (pass: string, salt: string, iterations: number, bytes: number, alg: string) =>
        pbkdf2Sync(Buffer.from(pass, "latin1"), Buffer.from(salt, "latin1"), iterations, bytes, alg).toString("latin1"),
      btoa: (binary: string) => Buffer.from(binary, "latin1").toString("base64"),
      atob: (text: string) => Buffer.from(text, "base64").toString("latin1"),
      stringBacked: (buffer: object) => markStringBacked(buffer),
      // jswrap_espruino_getSizeOf: the value's own blocks and everything it holds
      sizeOf: (v: unknown) =>
        countJsVars(v, new Set(), this.countOptions()),
      // jswrap_process_memory (src/jswrap_process.c): gc/gctime only when a collection ran; no stack/flash
      // fields on the ESP32 (they are ARM-only)
      memory: (gc: boolean) => {
        const usage = Math.min(JSVAR_TOTAL, this.jsVarUsage());
        const collected = gc ? { gc: 0, gctime: 0.5 } : {};
        return JSON.stringify({ free: JSVAR_TOTAL - usage, usage, total: JSVAR_TOTAL, history: 0, ...collected, blocksize: JSVAR_BLOCK_SIZE });
      },
      env: () =>
        JSON.stringify({
          VERSION: ESPRUINO_VERSION,
          GIT_COMMIT: "espnode-sim",
          BOARD: BOARD_NAME,
          RAM: 524288,
          FLASH: 0,
          SPIFLASH: 4194304,
          STORAGE: 196608,
          SERIAL: "espnode-sim",
          CONSOLE: "Serial1",
          MODULES: "Wifi,net,tls,Storage,ESP32,crypto,heatshrink",
          // a pointer into the ESP32's DRAM, as jswrap_process_env reports exportPtrs
          EXPTR: 1073433556,
        }),
      version: () => ESPRUINO_VERSION,
      compileModule: (source: string, id: string, fromStorage: boolean) => this.compileModule(source, id, fromStorage),
      moduleScope: (fn: Function, values: unknown) => {
        const scope = this.moduleScopes.get(fn);
        if (scope && typeof values === "function") scope.values = values as () => unknown[];
      },
      moduleCache: (get: () => unknown) => {
        this.moduleCache = get;
      },
      enableWatchdog: (timeout: number, auto: boolean) => this.enableWatchdog(timeout, auto),
      kickWatchdog: () => this.kickWatchdog(),
      errorFlags: () => "[]",
      dumpStr: () => this.dumpText(),
      dump: () => this.host.print(this.dumpText()),
      ...regexpNatives(this.realm.Error, {
        isInterrupted: () => Atomics.load(this.host.interruptFlag, 0) !== 0,
        // an endless split() runs out of JsVars on the board: each part costs at least one
        maxSplitParts: JSVAR_TOTAL,
      }),
    };
  }

  /** A readable approximation of Espruino's dump(): global variables and functions. */
  private dumpText(): string {
    let out = "";
    for (const key of Object.keys(this.global)) {
      const value = this.global[key];
      if (typeof value === "function") out += `function ${key}${this.format(value).replace(/^function /, "")}\n`;
      else out += `var ${key} = ${this.format(value)};\n`;
    }
    return out;
  }
}

const DEPTH = 0;
const ATTENTION = 1;

/**
 * The checks the source transform puts into user code, as sandbox functions so V8 can inline them: check (loops,
 * catch/finally) and enter (every function) take the host's full check when Ctrl-C or a signal is pending and
 * every 2048 calls (watchdog); enter then refuses a call deeper than the limit (jspeFunctionCall checks the stack
 * before it runs a function, so the call that would go too deep never starts); leave undoes enter.
 */
const CHECK_FUNCTIONS = `(function (flag, state, scopes, callBase, maxDepth, fullCheck, tooDeep, records, closures, given) {
  var calls = 0;
  function check() {
    if ((flag[0] | state[${ATTENTION}]) !== 0 || ++calls >= 2048) {
      calls = 0;
      fullCheck();
    }
  }
  // (declared parameters, locals, arguments passed, enclosing scopes + a return var): the JsVars the call's scope
  // holds (jsvar-accounting.ts callBlocks)
  // (arguments: the call's arguments object, 0 for an arrow function)
  function enter(params, locals, args, extra) {
    check();
    var depth = state[${DEPTH}];
    if (depth >= maxDepth) tooDeep();
    var passed = args ? args.length : 0;
    scopes[depth] = callBase + extra + (passed > params ? passed : params) + locals;
    given[depth] = args;
    state[${DEPTH}] = depth + 1;
  }
  function leave() {
    var depth = --state[${DEPTH}];
    records[depth] = undefined;
    given[depth] = undefined;
  }
  // the scope of the running call (a function that holds others): see source-transform.ts FUNCTION_SCOPE
  function scope(names, values, parent) {
    var record = { names: names, values: values, parent: parent };
    records[state[${DEPTH}] - 1] = record;
    return record;
  }
  function bind(fn, record, depth) {
    closures.set(fn, { record: record, depth: depth });
    return fn;
  }
  return [check, enter, leave, scope, bind];
})`;

/**
 * The global object for writes, typeof and delete; the same behind a check for reads (a missing name throws
 * `ReferenceError: x is not defined`, as reading an unknown variable does); the scratch variable of rewritten
 * assignments; and the check for calls through a masked name (keeps V8's "x is not a function").
 */
const SCOPE_HELPERS = `const ${SCOPE_GLOBAL} = globalThis;
const ${SCOPE_GLOBALS} = (function (global, ReferenceError) {
  return new Proxy(global, {
    get: function (target, name) {
      if (!(name in target)) throw new ReferenceError(String(name) + " is not defined");
      return target[name];
    },
    set: function (target, name, value) {
      target[name] = value;
      return true;
    },
  });
})(globalThis, ReferenceError);
const ${SCOPE_CALLABLE} = (function (TypeError) {
  return function (fn, name) {
    if (typeof fn !== "function") throw new TypeError(name + " is not a function");
    return fn;
  };
})(TypeError);
let ${SCOPE_TEMP};`;

function offsetOf(code: string, line: number, column: number): number {
  let offset = 0;
  for (let l = 1; l < line; l++) {
    const next = code.indexOf("\n", offset);
    if (next < 0) break;
    offset = next + 1;
  }
  return offset + column - 1;
}

/** Espruino's wording for the errors V8 raises. */
export function espruinoError(err: { name?: string; message?: string }): { name: string; message: string } {
  const name = String(err.name ?? "Error");
  const message = String(err.message ?? "");
  let m: RegExpExecArray | null;
  if (name === "ReferenceError" && (m = /^(\S+) is not defined$/.exec(message))) return { name, message: `"${m[1]}" is not defined` };
  if (name === "TypeError" && (m = /^(.+?) is not a function/.exec(message))) {
    const callee = /([\w$]+)\)?$/.exec(m[1]!)?.[1] ?? m[1]!;
    return { name: "Error", message: `Function "${callee}" not found!` };
  }
  if (name === "TypeError" && (m = /^Cannot read properties of (\w+) \(reading '(.*)'\)$/.exec(message)))
    return { name: "Error", message: `Can't read property '${m[2]}' of ${m[1]}` };
  // jspeiFindInScopes/jspGetNamedField: the board reports a write to null/undefined as a read too
  if (name === "TypeError" && (m = /^Cannot set properties of (\w+) \(setting '(.*)'\)$/.exec(message)))
    return { name: "Error", message: `Can't read property '${m[2]}' of ${m[1]}` };
  // V8's own limit (deep recursion inside a native, or a huge maxCallDepth): the board's message, as an Error
  if (name === "RangeError" && /Maximum call stack/.test(message)) return { name: "Error", message: RECURSION_MESSAGE };
  return { name, message };
}
