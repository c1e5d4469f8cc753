// One error type for every failure a user can meet: what happened (message), what to do next (hint), and a
// stable kind that the CLI maps to an exit code scripts can trust.

export type FailureKind =
  | "usage" // bad flags or input: nothing was touched
  | "port" // no such port, permission denied, port busy, several boards and no --port
  | "device" // no prompt, wrong boot mode, unexpected answer
  | "verify" // the board's copy does not match, broker never saw the device
  | "failure"; // anything else

export class EspnodeError extends Error {
  readonly kind: FailureKind;
  readonly hint: string;
  constructor(kind: FailureKind, message: string, hint = "") {
    super(message);
    this.name = "EspnodeError";
    this.kind = kind;
    this.hint = hint;
  }
}

export function isEspnodeError(e: unknown): e is EspnodeError {
  return e instanceof EspnodeError;
}
