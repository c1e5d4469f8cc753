// Asking a person at a terminal for provision values that no flag, file or environment variable gave. Prompts go
// to stderr (stdout may be a pipe, e.g. under --json); each answer gets its flag's own check, so a bad answer is
// asked again with the reason. Ctrl-C at a prompt cancels the whole command before the board is touched.
import type { AnswerCheck, InputSources, Question } from "../commands/provision-input.ts";

/** Ctrl-C (or Esc) at a prompt: the command stops with exit code 130 and writes nothing. */
export class PromptCancelled extends Error {
  constructor() {
    super("Cancelled at a prompt.");
    this.name = "PromptCancelled";
  }
}

/** Prompts only with a person on both ends: stdin and stderr are terminals, not CI, and not --no-input. */
export function canPrompt(allowed: boolean, env: NodeJS.ProcessEnv = process.env): boolean {
  return allowed && !!process.stdin.isTTY && !!process.stderr.isTTY && !env.CI;
}

async function ask(question: Question): Promise<string> {
  const { text, isCancel } = await import("@clack/prompts");
  const answer = await text({
    message: question.message,
    placeholder: question.placeholder,
    defaultValue: question.defaultValue,
    validate: (a) => question.validate(a || question.defaultValue || ""),
    output: process.stderr,
  });
  if (isCancel(answer)) throw new PromptCancelled();
  return answer || question.defaultValue || "";
}

async function askHidden(message: string, validate?: AnswerCheck): Promise<string> {
  const { password, isCancel } = await import("@clack/prompts");
  const answer = await password({ message, validate: validate && ((a) => validate(a ?? "")), output: process.stderr });
  if (isCancel(answer)) throw new PromptCancelled();
  return answer ?? "";
}

/** Where buildConfig() gets what flags did not give: the environment, standard input and, on a terminal, prompts. */
export function terminalSources(allowPrompts: boolean): InputSources {
  const interactive = canPrompt(allowPrompts);
  return {
    env: process.env,
    stdin: process.stdin,
    ask: interactive ? ask : undefined,
    prompt: interactive ? askHidden : undefined,
  };
}
