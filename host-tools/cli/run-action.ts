// Wraps a command action: builds the Output from its flags, turns any thrown error into the message + hint and
// the documented exit code, so every command fails the same way.
import { Output } from "./output.ts";
import type { CommonFlags } from "./common-options.ts";

export function action<F extends CommonFlags>(
  body: (flags: F, out: Output, args: string[]) => Promise<number | void>,
): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    // commander passes positional args, then the options object, then the Command.
    const positional = args.slice(0, -2).flat().filter((a): a is string => typeof a === "string"); // variadic: an array
    const flags = args[args.length - 2] as F;
    const out = new Output(flags);
    try {
      const code = await body(flags, out, positional);
      process.exitCode = code ?? 0;
    } catch (e) {
      process.exitCode = out.fail(e);
    }
  };
}

/** Runs a long-lived command body with a signal that Ctrl-C (SIGINT) aborts, so it can stop cleanly. */
export async function untilInterrupted<T>(body: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.on("SIGINT", onSigint);
  try {
    return await body(abort.signal);
  } finally {
    process.off("SIGINT", onSigint);
  }
}
