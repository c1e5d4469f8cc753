// A one-line spinner for a step that can take seconds but has no byte count (a build, connecting to a board).
// Only used on a live terminal: it redraws its line with \r, so it must never reach a file or a pipe.
import type pc from "picocolors";

type Colors = ReturnType<typeof pc.createColors>;

export interface SpinnerStream {
  write(text: string): unknown;
  columns?: number;
}

const FRAMES = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];
const FRAME_MS = 100;

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(1)} s`;
}

export class Spinner {
  private text: string;
  private frame = 0;
  private drawn = false;
  private readonly timer: NodeJS.Timeout;
  private readonly started = performance.now();

  constructor(
    private readonly stream: SpinnerStream,
    private readonly c: Colors,
    title: string,
  ) {
    // The cursor stays visible: a Ctrl-C that kills the process mid-step must not leave the terminal without one.
    this.text = title;
    this.draw();
    this.timer = setInterval(() => this.draw(), FRAME_MS);
    this.timer.unref();
  }

  /** Replaces the text after the spinner (e.g. the current sub-step). */
  update(text: string): void {
    this.text = text;
  }

  /** Erases the spinner line so other text can be printed; the next frame draws it again below that text. */
  clear(): void {
    if (!this.drawn) return;
    this.stream.write("\r\x1b[K");
    this.drawn = false;
  }

  /** Stops and leaves one line: a tick (or cross) and the outcome (default: the current text), with the time taken. */
  stop(ok: boolean, outcome = this.text): void {
    clearInterval(this.timer);
    this.clear();
    const mark = ok ? this.c.green("✔") : this.c.red("✖");
    this.stream.write(`${mark} ${outcome} ${this.c.dim(`(${seconds(performance.now() - this.started)})`)}\n`);
  }

  private draw(): void {
    const elapsed = seconds(performance.now() - this.started);
    // A line longer than the terminal wraps, and \r would then only erase its last row.
    const room = Math.max(10, (this.stream.columns ?? 80) - elapsed.length - 4);
    const text = this.text.length > room ? this.text.slice(0, room - 1) + "…" : this.text;
    this.stream.write(`\r\x1b[K${this.c.cyan(FRAMES[this.frame])} ${text} ${this.c.dim(elapsed)}`);
    this.frame = (this.frame + 1) % FRAMES.length;
    this.drawn = true;
  }
}
