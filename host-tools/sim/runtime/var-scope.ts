// Espruino declares a `var` when its statement runs (jspeStatementVar: jspeiFindOnTop(name, true), then the
// initialiser), in the scope of the function running it; a name is looked up from the innermost function scope out
// to the root. V8 hoists every var to the top of its function. This pass rewrites the references (and declarations)
// inside user functions so the sandbox behaves like the board:
// - a reference that certainly runs after a var statement (later in the block holding it) stays as it is;
// - one that certainly runs before it (same activation, every declaration at the top level) goes to the global;
// - otherwise it tests a bit of a per-activation mask (`var __espnodeM<unit>_<n> = 0` at the body start), set by the
//   var statement before its initialiser runs: bit set → the local, clear → the next scope out, in the end the global.
// Reads of a missing global throw `ReferenceError: x is not defined` (the sim prints `"x" is not defined`); writes
// create the global. A var that has to let a same-named variable of an enclosing function show through while it is
// not declared yet gets a hidden name, as V8 would otherwise shadow the outer one.
import type { Node } from "acorn";

type AnyNode = Node & Record<string, any>;

/** The global object (writes, typeof, delete). */
export const SCOPE_GLOBAL = "__espnodeGlobal";
/** The global object behind a check: reading a missing name throws ReferenceError as an unknown variable does. */
export const SCOPE_GLOBALS = "__espnodeGlobals";
/** A scratch variable for assignments: set and used again before any user code can run in between. */
export const SCOPE_TEMP = "__espnodeT";
/** `(fn, name) => fn`, or throws `name is not a function`: a call through a masked name keeps V8's message. */
export const SCOPE_CALLABLE = "__espnodeFn";
/** Prefix of the per-activation mask variables. */
export const SCOPE_MASK = "__espnodeM";
const HIDDEN_NAME = "__espnodeV";
const BITS_PER_MASK = 30;

/** An insertion or replacement the transform applies (see applyEdits in source-transform.ts). */
export interface ScopeEdit {
  pos: number;
  text: string;
  kind: "open" | "close" | "replace";
  nodeStart: number;
  nodeEnd: number;
  removeLength?: number;
  /** Positions inside the inserted text map back to `pos` (an error there is reported at the original name). */
  clamp?: boolean;
}

interface Unit {
  id: number;
  kind: "function" | "catch" | "class";
  parent: Unit | undefined;
  bindings: Map<string, Binding>;
  /** Function units: the body's BlockStatement (for the mask declaration). */
  body?: AnyNode;
  /** Function units: the function node. */
  fn?: AnyNode;
  masks: number;
  /** Some binding here has a hidden name. */
  hidden?: boolean;
}

interface Declaration {
  node: AnyNode;
  kind: "var" | "for-in" | "function";
  idStart: number;
  idEnd: number;
  /** A statement of the function body itself (or the head of a loop that is one): it always runs, in order. */
  topLevel: boolean;
  /**
   * The block whose statement (or loop head) declares it: code after it in that block runs only after it ran, in
   * this activation (a block is always entered at its top).
   */
  block?: AnyNode;
  /** for-in/of: the loop statement. */
  loop?: AnyNode;
}

interface Binding {
  name: string;
  unit: Unit;
  /** false for parameters, a function's own name, a catch parameter, a class's own name: they exist from the start. */
  conditional: boolean;
  declarations: Declaration[];
  v8Name: string;
  /** Some reference may run before a declaration (it needs the mask or a way past it). */
  seenUnset: boolean;
  dynamic: boolean;
  mask?: string;
  bit?: number;
}

type RefKind = "read" | "callee" | "typeof" | "delete" | "assign" | "update" | "for-target" | "shorthand";

interface Reference {
  id: AnyNode;
  unit: Unit | undefined;
  kind: RefKind;
  /** The assignment, update, unary, loop or property node the kind refers to. */
  owner?: AnyNode;
}

interface ChainEntry {
  binding: Binding;
  set: boolean;
}

export interface ScopeAnalysis {
  edits: ScopeEdit[];
  /** Hidden names for function/class declarations (the transform writes `var <name> = function ...`). */
  declarationNames: Map<AnyNode, string>;
  /**
   * What each function's scope holds on the board (parameters, vars, inner function declarations; not its own
   * name): the names, and the names V8 knows them by here.
   */
  functionScopes: Map<AnyNode, { names: string[]; v8Names: string[] }>;
}

/** The scope edits for one top-level statement; `nextUnitId` numbers the functions across the whole source. */
export function analyseScopes(statement: AnyNode, source: string, counter: { units: number; hidden: number }): ScopeAnalysis {
  const collector = new Collector(counter);
  collector.visit(statement, { unit: undefined, varUnit: undefined, varBody: undefined });
  const { references, functionUnits, statementStarts } = collector;

  const resolved = references.map((ref) => ({ ref, chain: resolve(ref) }));
  // hidden names first: they change what a plain name means to V8
  for (const unit of functionUnits) {
    for (const binding of unit.bindings.values()) {
      if (binding.conditional && binding.seenUnset && enclosingBinds(unit, binding.name)) binding.v8Name = `${binding.name}${HIDDEN_NAME}${++counter.hidden}`;
    }
  }
  for (const unit of functionUnits) for (const binding of unit.bindings.values()) if (binding.v8Name !== binding.name) unit.hidden = true;
  for (const { chain } of resolved) for (const entry of chain) if (!entry.set) entry.binding.dynamic = true;
  for (const unit of functionUnits) {
    for (const binding of unit.bindings.values()) {
      if (!binding.dynamic) continue;
      const index = unit.masks++;
      binding.mask = `${SCOPE_MASK}${unit.id}_${Math.floor(index / BITS_PER_MASK)}`;
      binding.bit = 1 << index % BITS_PER_MASK;
    }
  }

  const edits: ScopeEdit[] = [];
  const declarationNames = new Map<AnyNode, string>();
  for (const unit of functionUnits) maskDeclaration(unit, edits);
  for (const unit of functionUnits) for (const binding of unit.bindings.values()) declarationEdits(binding, edits, declarationNames);
  for (const { ref, chain } of resolved) referenceEdit(ref, chain, source, statementStarts, edits);
  const functionScopes = new Map<AnyNode, { names: string[]; v8Names: string[] }>();
  for (const unit of functionUnits) {
    if (!unit.fn) continue;
    const own = unit.fn.type !== "ArrowFunctionExpression" ? unit.fn.id?.name : undefined;
    const names: string[] = [];
    const v8Names: string[] = [];
    for (const binding of unit.bindings.values()) {
      if (binding.name === own && !binding.declarations.length && !(unit.fn.params as AnyNode[]).some((p) => p.name === own)) continue;
      names.push(binding.name);
      v8Names.push(binding.v8Name);
    }
    functionScopes.set(unit.fn, { names, v8Names });
  }
  return { edits, declarationNames, functionScopes };
}

// ---- collecting units, declarations and references ------------------------------------------------------------

interface Context {
  unit: Unit | undefined;
  /** The function whose scope a var statement declares into (undefined: top level, globals). */
  varUnit: Unit | undefined;
  varBody: AnyNode | undefined;
}

function isNode(v: unknown): v is AnyNode {
  return v !== null && typeof v === "object" && typeof (v as AnyNode).type === "string";
}

/** Walks one statement: the function, catch and class scopes, what each declares and every name reference. */
class Collector {
  readonly references: Reference[] = [];
  readonly functionUnits: Unit[] = [];
  /** Where expression statements start (a replacement starting with "(" there must not join the line before). */
  readonly statementStarts = new Set<number>();
  private readonly parents: AnyNode[] = [];

  constructor(private readonly counter: { units: number }) {}

  visit(node: AnyNode | null | undefined, ctx: Context): void {
    if (!node) return;
    const parent = this.parents[this.parents.length - 1];
    this.parents.push(node);
    this.visitNode(node, parent, ctx);
    this.parents.pop();
  }

  private visitNode(node: AnyNode, parent: AnyNode | undefined, ctx: Context): void {
    switch (node.type) {
      case "Identifier":
        this.reference(ctx, node, "read");
        return;
      case "MemberExpression":
        this.visit(node.object, ctx);
        if (node.computed) this.visit(node.property, ctx);
        return;
      case "CallExpression":
        if (node.callee.type === "Identifier") this.reference(ctx, node.callee, "callee", node);
        else this.visit(node.callee, ctx);
        for (const arg of node.arguments as AnyNode[]) this.visit(arg, ctx);
        return;
      case "ExpressionStatement":
        this.statementStarts.add(node.start);
        this.visit(node.expression, ctx);
        return;
      case "Literal":
      case "ThisExpression":
      case "BreakStatement":
      case "ContinueStatement":
      case "MetaProperty":
      case "EmptyStatement":
      case "DebuggerStatement":
        return;
      case "FunctionDeclaration":
        this.declare(ctx, node.id.name, this.declaration(ctx, node, parent, "function", node.start, node.id.end));
        this.functionUnit(node, ctx);
        return;
      case "FunctionExpression":
      case "ArrowFunctionExpression":
        this.functionUnit(node, ctx);
        return;
      case "ClassDeclaration":
      case "ClassExpression": {
        if (node.type === "ClassDeclaration") this.declare(ctx, node.id.name, this.declaration(ctx, node, parent, "function", node.start, node.id.end));
        this.visit(node.superClass, ctx);
        const unit = this.newUnit("class", ctx.unit);
        if (node.id) fixed(unit, node.id.name);
        this.visit(node.body, { ...ctx, unit });
        return;
      }
      case "VariableDeclaration": {
        const loop = parent && (parent.type === "ForInStatement" || parent.type === "ForOfStatement") && parent.left === node ? parent : undefined;
        const head = loop || (parent?.type === "ForStatement" && parent.init === node) ? parent : undefined;
        for (const d of node.declarations as AnyNode[]) {
          if (d.id.type === "Identifier") {
            const declaration = this.declaration(ctx, head ?? node, head ? this.parents[this.parents.length - 3] : parent, loop ? "for-in" : "var", d.id.start, d.id.end);
            declaration.node = d;
            declaration.loop = loop;
            this.declare(ctx, d.id.name, declaration);
          }
          this.visit(d.init, ctx);
        }
        return;
      }
      case "CatchClause": {
        const unit = this.newUnit("catch", ctx.unit);
        if (node.param?.type === "Identifier") fixed(unit, node.param.name);
        this.visit(node.body, { ...ctx, unit });
        return;
      }
      case "Property":
        if (node.computed) this.visit(node.key, ctx);
        if (node.shorthand && node.value?.type === "Identifier") this.reference(ctx, node.value, "shorthand", node);
        else this.visit(node.value, ctx);
        return;
      case "MethodDefinition":
      case "PropertyDefinition":
        if (node.computed) this.visit(node.key, ctx);
        this.visit(node.value, ctx);
        return;
      case "LabeledStatement":
        this.visit(node.body, ctx);
        return;
      case "AssignmentExpression":
        if (node.left.type === "Identifier") this.reference(ctx, node.left, "assign", node);
        else this.visit(node.left, ctx);
        this.visit(node.right, ctx);
        return;
      case "UpdateExpression":
        if (node.argument.type === "Identifier") this.reference(ctx, node.argument, "update", node);
        else this.visit(node.argument, ctx);
        return;
      case "UnaryExpression":
        if ((node.operator === "typeof" || node.operator === "delete") && node.argument.type === "Identifier")
          this.reference(ctx, node.argument, node.operator, node);
        else this.visit(node.argument, ctx);
        return;
      case "ForInStatement":
      case "ForOfStatement":
        if (node.left.type === "Identifier") this.reference(ctx, node.left, "for-target", node);
        else this.visit(node.left, ctx);
        this.visit(node.right, ctx);
        this.visit(node.body, ctx);
        return;
    }
    for (const key in node) {
      if (key === "type" || key === "start" || key === "end") continue;
      const value = node[key];
      if (Array.isArray(value)) {
        for (const item of value) if (isNode(item)) this.visit(item, ctx);
      } else if (isNode(value)) this.visit(value, ctx);
    }
  }

  private reference(ctx: Context, id: AnyNode, kind: RefKind, owner?: AnyNode): void {
    this.references.push({ id, unit: ctx.unit, kind, owner });
  }

  private newUnit(kind: Unit["kind"], parent: Unit | undefined, body?: AnyNode): Unit {
    const unit: Unit = { id: ++this.counter.units, kind, parent, bindings: new Map(), body, masks: 0 };
    if (kind === "function") this.functionUnits.push(unit);
    return unit;
  }

  private functionUnit(fn: AnyNode, ctx: Context): void {
    const body = fn.body.type === "BlockStatement" ? fn.body : undefined;
    const unit = this.newUnit("function", ctx.unit, body);
    unit.fn = fn;
    if (fn.id && fn.type !== "ArrowFunctionExpression") fixed(unit, fn.id.name);
    for (const param of fn.params as AnyNode[]) if (param.type === "Identifier") fixed(unit, param.name);
    this.visit(fn.body, { unit, varUnit: unit, varBody: body });
  }

  /** `statement` declares it, as a direct child of `container` (a block, the function body…) or not. */
  private declaration(
    ctx: Context,
    statement: AnyNode,
    container: AnyNode | undefined,
    kind: Declaration["kind"],
    idStart: number,
    idEnd: number,
  ): Declaration {
    return {
      node: statement,
      kind,
      idStart,
      idEnd,
      topLevel: container !== undefined && container === ctx.varBody && statement !== ctx.varBody,
      block: container?.type === "BlockStatement" ? container : undefined,
    };
  }

  private declare(ctx: Context, name: string, declaration: Declaration): void {
    const unit = ctx.varUnit;
    if (!unit) return; // top level: a global, as V8 does it
    let binding = unit.bindings.get(name);
    if (!binding) unit.bindings.set(name, (binding = newBinding(unit, name, true)));
    if (binding.conditional) binding.declarations.push(declaration);
  }
}

function fixed(unit: Unit, name: string): void {
  if (!unit.bindings.has(name)) unit.bindings.set(name, newBinding(unit, name, false));
}

function newBinding(unit: Unit, name: string, conditional: boolean): Binding {
  return { name, unit, conditional, declarations: [], v8Name: name, seenUnset: false, dynamic: false };
}

// ---- resolving ----------------------------------------------------------------------------------------------

/** The function whose activation a reference runs in (catch and class scopes belong to it). */
function activationOf(unit: Unit | undefined): Unit | undefined {
  while (unit && unit.kind !== "function") unit = unit.parent;
  return unit;
}

/** Whether `binding` is certainly declared ("set"), certainly not ("clear") or unknown at `ref`. */
function stateAt(binding: Binding, ref: Reference): "set" | "clear" | "dynamic" {
  const pos = ref.id.start;
  for (const d of binding.declarations) if (d.block && pos >= d.idEnd && pos < d.block.end) return "set";
  const sameActivation = activationOf(ref.unit) === binding.unit;
  if (sameActivation && binding.declarations.every((d) => d.topLevel && pos < d.idStart)) return "clear";
  return "dynamic";
}

/** Espruino's lookup for a reference: conditional bindings inside out, ending at a certain one or the global. */
function resolve(ref: Reference): ChainEntry[] {
  const chain: ChainEntry[] = [];
  for (let unit = ref.unit; unit; unit = unit.parent) {
    const binding = unit.bindings.get(ref.id.name);
    if (!binding) continue;
    if (!binding.conditional) {
      chain.push({ binding, set: true });
      break;
    }
    const state = stateAt(binding, ref);
    if (state !== "set") binding.seenUnset = true;
    if (state === "clear") continue;
    chain.push({ binding, set: state === "set" });
    if (state === "set") break;
  }
  return chain;
}

function enclosingBinds(unit: Unit, name: string): boolean {
  for (let outer = unit.parent; outer; outer = outer.parent) if (outer.bindings.has(name)) return true;
  return false;
}

/** The binding V8 finds for a plain name at a reference (the innermost with that name, hidden ones aside). */
function v8Binding(ref: Reference): Binding | undefined {
  const name = ref.id.name;
  for (let unit = ref.unit; unit; unit = unit.parent) {
    const binding = unit.bindings.get(name);
    if (binding && binding.v8Name === name) return binding;
    if (unit.hidden) for (const other of unit.bindings.values()) if (other.v8Name === name) return other;
  }
  return undefined;
}

// ---- writing -----------------------------------------------------------------------------------------------

function maskDeclaration(unit: Unit, edits: ScopeEdit[]): void {
  if (!unit.masks || !unit.body) return;
  const names: string[] = [];
  for (let i = 0; i * BITS_PER_MASK < unit.masks; i++) names.push(`${SCOPE_MASK}${unit.id}_${i}=0`);
  // after the call-depth enter (same owner extent, added later), before a function declaration opening the body
  const body = unit.body;
  edits.push({ pos: body.start + 1, text: `var ${names.join(",")};`, kind: "open", nodeStart: body.start, nodeEnd: body.end });
}

function setBit(binding: Binding): string {
  return `${binding.mask}|=${binding.bit}`;
}

function declarationEdits(binding: Binding, edits: ScopeEdit[], declarationNames: Map<AnyNode, string>): void {
  if (!binding.conditional) return;
  const renamed = binding.v8Name !== binding.name;
  const masked = binding.mask !== undefined;
  if (!renamed && !masked) return;
  for (const d of binding.declarations) {
    const node = d.node;
    if (d.kind === "function") {
      if (renamed) declarationNames.set(node, binding.v8Name);
      if (masked) {
        // inside the transform's `var f = ` … `;`
        edits.push({ pos: node.start, text: `(${setBit(binding)},`, kind: "open", nodeStart: node.start + 1, nodeEnd: node.end - 1 });
        edits.push({ pos: node.end, text: ")", kind: "close", nodeStart: node.start + 1, nodeEnd: node.end - 1 });
      }
      continue;
    }
    const id = node.id as AnyNode;
    if (d.kind === "for-in") {
      if (renamed) edits.push(replaceEdit(id.start, id.end, binding.v8Name));
      if (masked) {
        // the loop declares its variable when it starts, before the object is evaluated
        const right = d.loop!.right as AnyNode;
        edits.push({ pos: right.start, text: `(${setBit(binding)},`, kind: "open", nodeStart: right.start - 1, nodeEnd: right.end + 1 });
        edits.push({ pos: right.end, text: ")", kind: "close", nodeStart: right.start - 1, nodeEnd: right.end + 1 });
      }
      continue;
    }
    if (node.init) {
      if (renamed) edits.push(replaceEdit(id.start, id.end, binding.v8Name));
      if (masked) {
        // declared first, then the initialiser runs (`var x = x` reads the new, undefined x)
        const init = node.init as AnyNode;
        edits.push({ pos: init.start, text: `(${setBit(binding)},`, kind: "open", nodeStart: init.start - 1, nodeEnd: init.end + 1 });
        edits.push({ pos: init.end, text: ")", kind: "close", nodeStart: init.start - 1, nodeEnd: init.end + 1 });
      }
    } else {
      // `var x;` run again keeps the value
      const text = masked ? `${binding.v8Name}=(${setBit(binding)},${binding.v8Name})` : binding.v8Name;
      edits.push(replaceEdit(id.start, id.end, text));
    }
  }
}

function replaceEdit(start: number, end: number, text: string, clamp = false): ScopeEdit {
  return { pos: start, text, kind: "replace", nodeStart: start, nodeEnd: end, removeLength: end - start, clamp };
}

function referenceEdit(ref: Reference, chain: ChainEntry[], source: string, statementStarts: Set<number>, edits: ScopeEdit[]): void {
  const name = ref.id.name as string;
  const last = chain[chain.length - 1];
  const local = last?.set ? last.binding : undefined;
  const dynamic = (local ? chain.slice(0, -1) : chain).map((e) => e.binding);
  if (!dynamic.length) {
    // a plain name already means the right variable
    if (local ? local.v8Name === name && v8Binding(ref) === local : v8Binding(ref) === undefined) return;
  }
  const test = (b: Binding) => `${b.mask}&${b.bit}?`;
  const readTerm = local ? local.v8Name : `${SCOPE_GLOBALS}.${name}`;
  const writeTerm = local ? local.v8Name : `${SCOPE_GLOBAL}.${name}`;
  const read = dynamic.length ? `(${dynamic.map((b) => `${test(b)}${b.v8Name}:`).join("")}${readTerm})` : readTerm;
  const write = (value: string) => `${dynamic.map((b) => `${test(b)}${b.v8Name}=${value}:`).join("")}${writeTerm}=${value}`;
  // a replacement starting with "(" at the start of a statement must not continue the line before it
  const guard = (pos: number, text: string) => (text.startsWith("(") && statementStarts.has(pos) ? `0,${text}` : text);
  const id = ref.id;
  const replaceId = (text: string) => edits.push(replaceEdit(id.start, id.end, guard(id.start, text), true));
  const owner = ref.owner!;
  switch (ref.kind) {
    case "read":
      replaceId(read);
      return;
    case "shorthand":
      edits.push(replaceEdit(id.start, id.end, `${name}:${read}`, true));
      return;
    case "callee":
      if (dynamic.length) replaceId(`${SCOPE_CALLABLE}(${read},${JSON.stringify(name)})`);
      else replaceId(local ? local.v8Name : `(0,${readTerm})`);
      return;
    case "typeof": {
      const term = local ? local.v8Name : `${SCOPE_GLOBAL}.${name}`;
      replaceId(dynamic.length ? `(${dynamic.map((b) => `${test(b)}${b.v8Name}:`).join("")}${term})` : term);
      return;
    }
    case "delete": {
      const term = `delete ${local ? local.v8Name : `${SCOPE_GLOBAL}.${name}`}`;
      const text = dynamic.length ? `(${dynamic.map((b) => `${test(b)}delete ${b.v8Name}:`).join("")}${term})` : term;
      edits.push(replaceEdit(owner.start, owner.end, guard(owner.start, text), true));
      return;
    }
    case "for-target": {
      if (!dynamic.length) {
        replaceId(writeTerm);
        return;
      }
      replaceId(SCOPE_TEMP);
      // the loop assigns the scratch variable; the body's first statement moves it where the name points now
      const body = owner.body as AnyNode;
      const text = `${write(SCOPE_TEMP)};`;
      if (body.type === "BlockStatement") edits.push({ pos: body.start + 1, text, kind: "open", nodeStart: body.start, nodeEnd: body.end });
      else edits.push({ pos: body.start, text, kind: "open", nodeStart: body.start, nodeEnd: body.end });
      return;
    }
    case "assign": {
      if (!dynamic.length) {
        replaceId(owner.operator === "=" ? writeTerm : readTerm);
        return;
      }
      const op = owner.operator as string;
      const opEnd = operatorEnd(source, owner.left.end, op);
      let prefix: string;
      let suffix: string;
      if (op === "=") {
        prefix = `(${SCOPE_TEMP}=(`;
        suffix = `),${write(SCOPE_TEMP)})`;
      } else if (op === "&&=" || op === "||=" || op === "??=") {
        prefix = `(${read}${op.slice(0, -1)}(${SCOPE_TEMP}=(`;
        suffix = `),${write(SCOPE_TEMP)}))`;
      } else {
        prefix = `(${SCOPE_TEMP}=${read}${op.slice(0, -1)}(`;
        suffix = `),${write(SCOPE_TEMP)})`;
      }
      edits.push(replaceEdit(owner.start, opEnd, guard(owner.start, prefix), true));
      edits.push({ pos: owner.end, text: suffix, kind: "close", nodeStart: owner.start, nodeEnd: owner.end, clamp: true });
      return;
    }
    case "update": {
      if (!dynamic.length) {
        replaceId(readTerm);
        return;
      }
      const sign = owner.operator === "++" ? "+" : "-";
      const text = owner.prefix
        ? `(${SCOPE_TEMP}=+${read}${sign}1,${write(SCOPE_TEMP)})`
        : `(${SCOPE_TEMP}=+${read},${write(`${SCOPE_TEMP}${sign}1`)},${SCOPE_TEMP})`;
      edits.push(replaceEdit(owner.start, owner.end, guard(owner.start, text), true));
      return;
    }
  }
}

/** The offset just after an assignment operator that follows `from` (after spaces, comments and `)`). */
function operatorEnd(source: string, from: number, operator: string): number {
  let i = from;
  while (i < source.length) {
    if (source.startsWith(operator, i)) return i + operator.length;
    if (source.startsWith("//", i)) i = source.indexOf("\n", i) < 0 ? source.length : source.indexOf("\n", i);
    else if (source.startsWith("/*", i)) i = source.indexOf("*/", i + 2) < 0 ? source.length : source.indexOf("*/", i + 2) + 2;
    else i++;
  }
  return from;
}
