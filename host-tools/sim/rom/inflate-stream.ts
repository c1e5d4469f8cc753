import { constants, createInflate, type Inflate } from "node:zlib";

/**
 * Incremental zlib inflate: push compressed blocks as they arrive, get the bytes each one produced.
 * Rejects on corrupt data, or on data after the end of the zlib stream.
 */
export class DeflateStream {
  private readonly inflate: Inflate = createInflate();
  private output: Buffer[] = [];
  private error: Error | null = null;
  private ended = false;

  constructor() {
    this.inflate.on("data", (chunk: Buffer) => this.output.push(chunk));
    this.inflate.on("error", (error: Error) => {
      this.error = error;
    });
    this.inflate.on("end", () => {
      this.ended = true;
    });
  }

  async push(compressed: Uint8Array): Promise<Buffer> {
    if (this.error) throw this.error;
    if (this.ended) throw new Error("data after the end of the compressed stream");
    await new Promise<void>((resolve) => {
      const done = (): void => resolve();
      this.inflate.once("error", done);
      this.inflate.write(compressed);
      this.inflate.flush(constants.Z_SYNC_FLUSH, () => {
        this.inflate.off("error", done);
        // Output of the flush may be delivered on the next turn.
        setImmediate(done);
      });
    });
    if (this.error) throw this.error;
    const produced = Buffer.concat(this.output);
    this.output = [];
    return produced;
  }

  destroy(): void {
    this.inflate.destroy();
  }
}
