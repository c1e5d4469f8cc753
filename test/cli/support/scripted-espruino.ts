// A small scripted Espruino console peer for protocol-layer tests: echo-off lines evaluated in a vm sandbox with
// a Storage map, print(), E.CRC32, the packet protocol (EVAL, FILE_SEND, DATA) with ACK/NAK. Not a simulator:
// the end-to-end tests run against host-tools/sim.
import { crc32 } from "node:zlib";
import vm from "node:vm";
import { EventEmitter } from "node:events";

export class ScriptedEspruino {
  readonly files = new Map<string, Buffer>();
  readonly port: EventEmitter & { write(b: Buffer | string): void };
  /** Everything the peer printed (what a user would see on the console). */
  printed = "";
  private line = "";
  private echo = true;
  private rx = Buffer.alloc(0);
  private fileSend: { fn: string; s: number; got: Buffer[]; n: number } | null = null;
  private ctx: vm.Context;
  constructor(readonly version = "2v29") {
    const emitter = new EventEmitter() as EventEmitter & { write(b: Buffer | string): void };
    emitter.write = (b) => this.receive(Buffer.isBuffer(b) ? b : Buffer.from(b, "latin1"));
    this.port = emitter;
    const storage = {
      read: (n: string) => (this.files.has(n) ? this.files.get(n)!.toString("latin1") : undefined),
      write: (n: string, d: string, off?: number, size?: number) => {
        const data = Buffer.from(String(d), "latin1");
        if (off === undefined || (off === 0 && size === undefined)) this.files.set(n, data);
        else {
          const f = off === 0 && size !== undefined ? Buffer.alloc(size, 0xff) : this.files.get(n)!;
          data.copy(f, off);
          this.files.set(n, f);
        }
        return true;
      },
      erase: (n: string) => void this.files.delete(n),
      readJSON: (n: string) => (this.files.has(n) ? JSON.parse(this.files.get(n)!.toString("utf8")) : undefined),
      list: () => [...this.files.keys()],
    };
    this.ctx = vm.createContext({
      print: (...a: unknown[]) => this.out(a.map(String).join(" ") + "\r\n"),
      require: (m: string) => (m === "Storage" ? storage : undefined),
      E: { CRC32: (s: string) => crc32(Buffer.from(s, "latin1")) },
      atob: (s: string) => Buffer.from(s, "base64").toString("latin1"),
      process: { env: { VERSION: version, BOARD: "SCRIPTED" } },
      load: () => this.boot(),
      JSON,
    });
  }
  private out(s: string): void {
    this.printed += s;
    this.port.emit("data", Buffer.from(s, "latin1"));
  }
  /** Runs .bootcde like a reset. */
  boot(): void {
    const code = this.files.get(".bootcde");
    if (code) this.run(code.toString("latin1"));
  }
  private run(code: string): unknown {
    try {
      return vm.runInContext(code, this.ctx);
    } catch (e) {
      this.out(`Uncaught ${e}\r\n`);
    }
  }
  private receive(b: Buffer): void {
    this.rx = Buffer.concat([this.rx, b]);
    while (this.rx.length) {
      const c = this.rx[0];
      if (c === 0x10 && this.rx[1] === 0x01) {
        if (this.rx.length < 4) return;
        const h = this.rx.readUInt16BE(2);
        const len = h & 0x1fff;
        if (this.rx.length < 4 + len) return;
        const data = this.rx.subarray(4, 4 + len);
        this.rx = this.rx.subarray(4 + len);
        this.packet(h & 0xe000, Buffer.from(data));
        continue;
      }
      this.rx = this.rx.subarray(1);
      if (c === 0x03) this.line = "";
      else if (c === 0x10 && this.line === "") this.echo = false;
      else if (c === 0x0a) {
        const l = this.line;
        this.line = "";
        const echo = this.echo;
        this.echo = true;
        if (echo) this.out(l + "\r\n");
        const v = this.run(l);
        if (echo) this.out(`=${JSON.stringify(v)}\r\n>`);
      } else if (c !== 0x0d) this.line += String.fromCharCode(c);
    }
  }
  private packet(type: number, data: Buffer): void {
    const ack = () => this.out("\x06");
    if (type === 0x2000) {
      ack();
      const v = String(this.run(data.toString("latin1")));
      const h = Buffer.alloc(4);
      h.writeUInt16BE(0x1001 >> 0, 0);
      h[0] = 0x10;
      h[1] = 0x01;
      h.writeUInt16BE(v.length, 2);
      this.out(h.toString("latin1") + v);
    } else if (type === 0x6000) {
      const j = JSON.parse(data.toString());
      this.fileSend = { fn: j.fn, s: j.s, got: [], n: 0 };
      ack();
    } else if (type === 0x8000 && this.fileSend) {
      this.fileSend.got.push(data);
      this.fileSend.n += data.length;
      if (this.fileSend.n >= this.fileSend.s) {
        this.files.set(this.fileSend.fn, Buffer.concat(this.fileSend.got));
        this.fileSend = null;
      }
      ack();
    } else this.out("\x15");
  }
}
