// The instrumentation that lets process.memory() see the scopes functions keep (source-transform.ts puts it in,
// memory-estimate.ts counts what it records): its names, and how to take it out of a function's text where the
// user's code is shown (format-value.ts) or costed (jsvar-accounting.ts).

/**
 * Hidden `(names, values, parent) => record`, called first in a function that holds other functions: its scope as
 * the board keeps it for them (names "a,b", a reader of their values, the record of the scope around it).
 */
export const FUNCTION_SCOPE = "__espnodeScope";
/** Hidden `(fn, record, depth) => fn`: a function made inside a scope that has a record keeps that scope. */
export const FUNCTION_BIND = "__espnodeBind";
/** Prefix of the record variables (one per function depth). */
export const SCOPE_RECORD = "__espnodeR";
/** The scope-keeping instrumentation inside a function's text, taken out where the user's code is shown or costed. */
const SCOPE_RECORD_DECLARATION = new RegExp(`^var ${SCOPE_RECORD}\\d+=${FUNCTION_SCOPE}\\("[^"]*",function\\(\\)\\{return\\[[^\\]]*\\]\\},(?:null|${SCOPE_RECORD}\\d+)\\);`);
const BIND_OPEN = new RegExp(`${FUNCTION_BIND}\\(`, "g");
const BIND_CLOSE = new RegExp(`,${SCOPE_RECORD}\\d+,\\d+\\)`, "g");
export function withoutScopeRecords(body: string): string {
  return body.replace(SCOPE_RECORD_DECLARATION, "").replace(BIND_OPEN, "").replace(BIND_CLOSE, "");
}
