// The board's call-depth limit, in a module of its own so the CLI can show the default without loading the sandbox.

/**
 * Nested user function calls allowed before "Too much recursion". An approximation of the ESP32's task stack: the
 * real limit depends on how much stack each call's expressions take (jspCheckStackPosition in src/jsparse.c stops
 * when less than 512 bytes are left); ≈57 plain nested calls were measured with an ESP32-sized stack.
 */
export const DEFAULT_MAX_CALL_DEPTH = 57;

/** src/jsparse.c jspCheckStackPosition: an Error with this message, and the interpreter is interrupted. */
export const RECURSION_MESSAGE = "Too much recursion - the stack is about to overflow";
