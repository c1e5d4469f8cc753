// Espruino's interactive console on the board's serial port: echo, line editing, multi-line input (`:` prompt while
// brackets are open), `=value` results, Ctrl-C, Ctrl-E, DLE echo-off lines, echo(0), the packet protocol.
// All output uses "\r\n" line ends, as jsiConsolePrint does.
import { ACK, DLE, encodePacket, NAK, PACKET_TIMEOUT_MS, PacketReceiver, PacketType, SOH } from "./packet-receiver.ts";
import { needsMoreInput } from "../runtime/source-transform.ts";
import type { FlashStorage } from "../storage/flash-storage.ts";

const CTRL_C = 0x03;
const CTRL_E = 0x05;
const BACKSPACE = 0x08;
const DELETE = 0x7f;
const CTRL_U = 0x15;
const ESC = 0x1b;
const XON = 0x11;
const XOFF = 0x13;
/** Espruino sends received files back in DATA packets of this size. */
const FILE_RECV_CHUNK = 1024;

export interface ConsoleHost {
  /** Raw bytes to the serial port. */
  send(bytes: Buffer): void;
  /** Pushes buffered output out now (the UART drains by interrupt even while JavaScript runs). */
  flush(): void;
  /** Runs code from the console (line or EVAL packet); the host prints errors. */
  evaluate(source: string): { ok: boolean; value?: unknown };
  format(value: unknown): string;
  /** The console consumed a 0x03: the interrupt it raised on arrival is now handled. */
  ctrlCSeen(): void;
  toJSON(value: unknown): string;
  /** E.on('packet', ...) for EVENT packets; false when the JSON does not parse. */
  packetEvent(json: string): boolean;
  storage: FlashStorage;
  version: string;
  board: string;
  now(): number;
}

interface FileUpload {
  name: string;
  size: number;
  offset: number;
}

export class EspruinoConsole {
  echo = true;
  private line = "";
  private echoOffForLine = false;
  private lastByte = -1;
  private escape: number[] | undefined;
  private packet: PacketReceiver | undefined;
  private upload: FileUpload | undefined;
  /** The prompt and input line are on screen (output must first move them out of the way). */
  private lineShown = false;
  private password: string | undefined;
  private locked = false;

  constructor(private readonly host: ConsoleHost) {}

  /** Text from the interpreter (print, errors): "\n" becomes "\r\n". */
  print(text: string): void {
    this.hideInputLine();
    this.host.send(Buffer.from(text.replace(/\r?\n/g, "\r\n"), "latin1"));
  }

  /** Bytes from the interpreter that must pass untouched (Serial1.write). */
  write(binary: string): void {
    this.hideInputLine();
    this.host.send(Buffer.from(binary, "latin1"));
  }

  /** Called after the idle loop: puts the prompt back if output moved it away. */
  idle(): void {
    this.checkPacketTimeout();
    if (!this.lineShown && this.echo && !this.echoOffForLine && !this.packet) this.showInputLine();
  }

  showPrompt(): void {
    this.lineShown = false;
    this.idle();
  }

  setPassword(password: string | undefined): void {
    this.password = password || undefined;
  }

  lock(): void {
    if (!this.password) return;
    // takes effect when the current line finishes: the prompt becomes "password:"
    this.locked = true;
  }

  /** True when a packet is half received (the board worker then checks the timeout). */
  packetPending(): boolean {
    return this.packet !== undefined;
  }

  checkPacketTimeout(): void {
    if (this.packet && this.host.now() - this.packet.startedAt > PACKET_TIMEOUT_MS) {
      this.packet = undefined;
      this.host.send(Buffer.from([NAK]));
    }
  }

  receive(bytes: Buffer): void {
    let i = 0;
    while (i < bytes.length) {
      if (this.packet) {
        this.checkPacketTimeout();
        if (this.packet) {
          const start = i;
          const { consumed, packet } = this.packet.push(bytes, i);
          i += consumed;
          // A 0x03 inside a packet is still seen as Ctrl-C by the console (the port thread already raised the
          // interrupt flag); the packet itself completes intact.
          if (bytes.subarray(start, i).includes(CTRL_C)) this.ctrlC();
          if (packet) {
            this.packet = undefined;
            this.handlePacket(packet.type, packet.data);
          }
          continue;
        }
      }
      const byte = bytes[i++]!;
      this.handleByte(byte);
      this.lastByte = byte;
    }
  }

  private handleByte(byte: number): void {
    if (this.escape) {
      // ESC [ ... final byte: cursor keys and the like are accepted and ignored
      this.escape.push(byte);
      const introducer = this.escape[0] === 0x5b || this.escape[0] === 0x4f;
      if (!introducer || (this.escape.length > 1 && byte >= 0x40 && byte <= 0x7e) || this.escape.length > 8) {
        this.escape = undefined;
      }
      return;
    }
    if (byte === SOH && this.lastByte === DLE) {
      this.packet = new PacketReceiver(this.host.now());
      this.echoOffForLine = this.line.length > 0 && this.echoOffForLine;
      return;
    }
    switch (byte) {
      case CTRL_C:
        this.ctrlC();
        return;
      case DLE:
        if (this.line.length === 0) this.echoOffForLine = true;
        return;
      case CTRL_E:
        if (this.line.length === 0) this.host.send(Buffer.from(`Espruino ${this.host.version} ${this.host.board}\r\n`, "latin1"));
        return;
      case BACKSPACE:
      case DELETE:
        if (this.line.length > 0 && !this.line.endsWith("\n")) {
          this.line = this.line.slice(0, -1);
          if (this.showsEcho()) this.host.send(Buffer.from("\x08 \x08", "latin1"));
        }
        return;
      case CTRL_U:
        this.clearLine();
        return;
      case ESC:
        this.escape = [];
        return;
      case XON:
      case XOFF:
        return;
      case 0x0d:
        this.newLine();
        return;
      case 0x0a:
        if (this.lastByte !== 0x0d) this.newLine();
        return;
    }
    if (byte < 0x20 && byte !== 0x09) return;
    this.line += String.fromCharCode(byte);
    if (this.showsEcho() && !this.locked) this.host.send(Buffer.from([byte]));
  }

  private showsEcho(): boolean {
    return this.echo && !this.echoOffForLine;
  }

  private ctrlC(): void {
    this.host.ctrlCSeen();
    if (this.line.length > 0) {
      const shown = this.showsEcho();
      this.line = "";
      this.echoOffForLine = false;
      if (shown) {
        this.host.send(Buffer.from("\r\n", "latin1"));
        this.lineShown = false;
      }
    }
  }

  private clearLine(): void {
    if (this.line.length && this.showsEcho()) this.host.send(Buffer.from("\x08 \x08".repeat(this.line.length), "latin1"));
    this.line = "";
  }

  private newLine(): void {
    if (this.locked) {
      const attempt = this.line;
      this.line = "";
      if (attempt === this.password) this.locked = false;
      this.host.send(Buffer.from("\r\n", "latin1"));
      this.lineShown = false;
      this.idle();
      return;
    }
    if (needsMoreInput(this.line)) {
      this.line += "\n";
      if (this.showsEcho()) this.host.send(Buffer.from("\r\n:", "latin1"));
      return;
    }
    const code = this.line.replace(/\s+$/, "");
    const echoed = this.showsEcho();
    this.line = "";
    if (echoed) {
      this.host.send(Buffer.from("\r\n", "latin1"));
      this.lineShown = false;
    }
    if (code.trim().length > 0) {
      this.host.flush();
      const result = this.host.evaluate(code);
      if (result.ok && echoed && this.echo) this.print(`=${this.host.format(result.value)}\n`);
    }
    this.echoOffForLine = false;
    this.idle();
  }

  private hideInputLine(): void {
    if (!this.lineShown) return;
    this.lineShown = false;
    if (!this.echo) return;
    // Espruino erases the prompt and the partly typed line before printing, then redraws them when idle.
    const erase = this.locked ? 9 : this.line.length + 1;
    this.host.send(Buffer.from("\x08".repeat(erase) + " ".repeat(erase) + "\x08".repeat(erase), "latin1"));
  }

  private showInputLine(): void {
    this.lineShown = true;
    if (this.locked) this.host.send(Buffer.from("password:", "latin1"));
    else this.host.send(Buffer.from(">" + this.line.replace(/\n/g, "\r\n:"), "latin1"));
  }

  // ---- packets ------------------------------------------------------------------------------------------------

  private handlePacket(type: number, data: Buffer): void {
    const text = data.toString("latin1");
    switch (type) {
      case PacketType.EVAL: {
        this.host.send(Buffer.from([ACK]));
        this.host.flush();
        const result = this.host.evaluate(text);
        const json = result.ok ? this.host.toJSON(result.value) : "undefined";
        this.host.send(encodePacket(PacketType.RESPONSE, Buffer.from(json, "latin1")));
        return;
      }
      case PacketType.EVENT:
        this.host.send(Buffer.from([this.host.packetEvent(text) ? ACK : NAK]));
        return;
      case PacketType.FILE_SEND:
        this.host.send(Buffer.from([this.startUpload(text) ? ACK : NAK]));
        return;
      case PacketType.DATA:
        this.host.send(Buffer.from([this.receiveData(data) ? ACK : NAK]));
        return;
      case PacketType.FILE_RECV:
        this.sendFile(text);
        return;
      default:
        this.host.send(Buffer.from([NAK]));
    }
  }

  private startUpload(json: string): boolean {
    let request: { fn?: unknown; s?: unknown; fs?: unknown; c?: unknown };
    try {
      request = JSON.parse(json);
    } catch {
      return false;
    }
    if (typeof request.fn !== "string" || !request.fn || typeof request.s !== "number" || request.s < 0) return false;
    // No SD card on this board, and heatshrink-compressed DATA is not simulated.
    if (request.fs || request.c) return false;
    this.upload = { name: request.fn, size: request.s, offset: 0 };
    if (request.s === 0) {
      this.upload = undefined;
      return this.host.storage.write(request.fn, Buffer.alloc(0)).ok;
    }
    return true;
  }

  private receiveData(data: Buffer): boolean {
    const upload = this.upload;
    if (!upload || upload.offset + data.length > upload.size) return false;
    const result =
      upload.offset === 0
        ? this.host.storage.write(upload.name, data, 0, upload.size)
        : this.host.storage.write(upload.name, data, upload.offset);
    if (!result.ok) {
      this.upload = undefined;
      return false;
    }
    upload.offset += data.length;
    if (upload.offset >= upload.size) this.upload = undefined;
    return true;
  }

  private sendFile(json: string): void {
    let request: { fn?: unknown; fs?: unknown };
    try {
      request = JSON.parse(json);
    } catch {
      this.host.send(Buffer.from([NAK]));
      return;
    }
    const file = typeof request.fn === "string" && !request.fs ? this.host.storage.read(request.fn) : undefined;
    if (!file) {
      this.host.send(Buffer.from([NAK]));
      return;
    }
    this.host.send(Buffer.from([ACK]));
    for (let at = 0; at < file.length; at += FILE_RECV_CHUNK) {
      this.host.send(encodePacket(PacketType.DATA, file.subarray(at, at + FILE_RECV_CHUNK)));
    }
    this.host.send(encodePacket(PacketType.DATA, Buffer.alloc(0)));
  }
}
