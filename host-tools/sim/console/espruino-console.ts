// Espruino's interactive console on the board's serial port: echo, line editing, multi-line input (`:` prompt while
// brackets are open), `=value` results, Ctrl-C, Ctrl-E, DLE echo-off lines, echo(0), the packet protocol.
// All output uses "\r\n" line ends, as jsiConsolePrint does. Modelled on src/jsinteractive.c (jsiHandleChar,
// jsiHandleNewLine, jsiConsoleRemoveInputLine/ReturnInputLine, jsiLoop's Ctrl-C handling).
import { ACK, DLE, encodePacket, MAX_PACKET_DATA, NAK, PACKET_TIMEOUT_MS, PacketReceiver, PacketType, SOH } from "./packet-receiver.ts";
import { needsMoreInput } from "../runtime/source-transform.ts";
import type { FlashStorage } from "../storage/flash-storage.ts";

const CTRL_C = 0x03;
const CTRL_E = 0x05;
const BACKSPACE = 0x08;
const DELETE = 0x7f;
const CTRL_U = 0x15;
const CTRL_W = 0x17;
/** Erase from the cursor to the end of the screen (jsiConsoleEraseAfterCursor). */
const ERASE_TO_END = "\x1b[J";
const CURSOR_LEFT = "\x1b[D";
const CURSOR_UP = "\x1b[A";
/** A locked console keeps at most this many password characters (jsiHandleChar). */
const PASSWORD_MAX = 20;
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
    if (this.locked) {
      this.passwordByte(byte);
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
          if (this.lineVisible()) this.host.send(Buffer.from("\x08 \x08", "latin1"));
        }
        return;
      case CTRL_U:
      case CTRL_W:
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
    if (this.lineVisible()) this.host.send(Buffer.from([byte]));
  }

  /** jsiShowInputLine(): echo is on and the prompt and line are on screen (not removed by output or Enter).
   *  Characters typed while the line is removed are not echoed; the redrawn prompt shows them. */
  private lineVisible(): boolean {
    return this.showsEcho() && this.lineShown;
  }

  /** jsiHandleChar while password protected: nothing is echoed; Enter checks the password. */
  private passwordByte(byte: number): void {
    if (byte === 0x0d || byte === 0x0a) {
      if (byte === 0x0a && this.lastByte === 0x0d) return;
      const attempt = this.line;
      this.line = "";
      if (attempt === this.password) {
        this.locked = false;
        this.host.send(Buffer.from("\r\n  Logged in.\r\n", "latin1"));
        this.lineShown = false;
        this.idle();
      } else this.host.send(Buffer.from("\r\n  Invalid password\r\npassword>", "latin1"));
      return;
    }
    if (this.line.length < PASSWORD_MAX) this.line += String.fromCharCode(byte);
  }

  private showsEcho(): boolean {
    return this.echo && !this.echoOffForLine;
  }

  /** jsiLoop: Ctrl-C on a non-empty line clears it (jsiClearInputLine(true)); an echo-off-for-line flag (DLE)
   *  stays set until a line is executed, as in the firmware. */
  private ctrlC(): void {
    this.host.ctrlCSeen();
    this.clearLine();
  }

  /** jsiClearInputLine(true): erases the shown line; the prompt comes back when idle. Nothing if the line is empty. */
  private clearLine(): void {
    if (this.line.length === 0) return;
    this.hideInputLine();
    this.line = "";
  }

  private newLine(): void {
    if (needsMoreInput(this.line)) {
      this.line += "\n";
      if (this.lineVisible()) this.host.send(Buffer.from("\r\n:", "latin1"));
      return;
    }
    const code = this.line.replace(/\s+$/, "");
    if (this.lineVisible()) this.host.send(Buffer.from("\r\n", "latin1"));
    this.line = "";
    // jsiHandleNewLine: the input line counts as removed (it comes back when idle), except on a DLE line
    if (!this.echoOffForLine) this.lineShown = false;
    if (code.trim().length > 0) {
      this.host.flush();
      const result = this.host.evaluate(code);
      // the result shows only if echo is on once the line has run (echo(0) inside it hides it)
      if (result.ok && this.showsEcho()) this.print(`=${this.host.format(result.value)}\n`);
    }
    this.echoOffForLine = false;
    // the prompt returns from the host's idle pass, after any reset()/load()/save() the line asked for
  }

  /** jsiConsoleRemoveInputLine: cursor back to the start of the input, "\r", erase to the end of the screen; the
   *  prompt and line are redrawn when idle. Nothing is sent while echo is off (echo(0) or a DLE line). */
  private hideInputLine(): void {
    if (!this.lineShown) return;
    this.lineShown = false;
    if (!this.showsEcho()) return;
    const lines = this.line.split("\n");
    const moves = this.locked ? "" : CURSOR_LEFT.repeat(lines[lines.length - 1]!.length) + CURSOR_UP.repeat(lines.length - 1);
    this.host.send(Buffer.from(moves + "\r" + ERASE_TO_END, "latin1"));
  }

  /** jsiConsoleReturnInputLine: ">" (or "password>") and the line typed so far, ":" after each newline. */
  private showInputLine(): void {
    this.lineShown = true;
    if (this.locked) this.host.send(Buffer.from("password>", "latin1"));
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
        // a header carries at most 8191 bytes; how the firmware answers a longer result is not known, so it is cut
        this.host.send(encodePacket(PacketType.RESPONSE, Buffer.from(json, "latin1").subarray(0, MAX_PACKET_DATA)));
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
