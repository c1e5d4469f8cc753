// The virtual ESP32 board as host code sees it: a serial port (in-process, optionally also a real pty), power and
// reset lines, the Wi-Fi access point, and a host view of its Storage.
//
// The board's software (console + interpreter) runs in a worker thread so that, as on the real chip, a Ctrl-C
// byte reaches the interpreter while JavaScript is stuck in a loop: this thread raises a shared interrupt flag the
// moment the byte is delivered, and the sandboxed code checks it at every loop iteration and call.
//
// Serial pacing: with `baud` > 0 bytes move no faster than an 8N1 UART (baud/10 bytes per second) both ways.
// The board's receive FIFO holds RX_FIFO_BYTES not yet consumed by the interpreter; past 3/4 full it sends XOFF
// (0x13), below 1/4 XON (0x11); bytes arriving while it is full are dropped and the console prints
// "New interpreter error: FIFO_FULL" (E.getErrorFlags() lists it), as Espruino does. With baud 0 nothing is paced
// and the FIFO is unbounded.
import { EventEmitter } from "node:events";
import { createServer, type Server, type Socket } from "node:net";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import { PacedPipe } from "./serial/paced-pipe.ts";
import { PtyBridge } from "./serial/pty-bridge.ts";
import { FlashStorage } from "./storage/flash-storage.ts";
import { DEFAULT_AP, type AccessPointState } from "./wifi/access-point.ts";
import type { ResetReason } from "./console/banner.ts";
import type { EnvironmentValues } from "./hardware/environment.ts";
import type { FromBoard, ToBoard } from "./worker/messages.ts";
import { boardWorkerSource } from "./worker/worker-bundle.ts";

export interface VirtualBoardOptions {
  /** Flash image, Storage files and control socket live here (created if missing). */
  stateDir: string;
  /** Pace the console like a UART at this baud rate; 0 (default) = unpaced. */
  baud?: number;
  /** The simulated access point (default ssid "espnode-sim", password "simulated"). */
  wifi?: { ssid: string; password: string };
  /** Seed for sensor noise and the board's MAC address. */
  seed?: number;
  /**
   * Nested JavaScript function calls allowed before "Too much recursion - the stack is about to overflow" (default
   * 57, an approximation of the ESP32's stack: on a board the limit depends on how much stack each call takes).
   */
  maxCallDepth?: number;
  /**
   * Test hook: the hardware watchdog's period (E.enableWatchdog) is multiplied by this (default 1), so a test can
   * watch firmware that sets a 30 s watchdog reboot in a few seconds without changing the firmware.
   */
  watchdogTimeScale?: number;
  /**
   * Console output on the pty waits for the host to read it, and the board reads nothing from the pty meanwhile, as
   * Espruino's Linux build behind a pseudo-terminal does (its write() blocks). Default false: an ESP32's UART never
   * waits, and output nobody reads is lost.
   */
  consoleBlocks?: boolean;
}

export const RX_FIFO_BYTES = 2048;
const XOFF = 0x13;
const XON = 0x11;

/** The board's serial port as host code sees it: write bytes to the board, get "data" events from it. */
export class SimSerialPort extends EventEmitter {
  constructor(private readonly input: (bytes: Buffer) => void) {
    super();
  }

  write(data: Buffer | string): boolean {
    this.input(typeof data === "string" ? Buffer.from(data, "latin1") : Buffer.from(data));
    return true;
  }
}

/** Host-side view of the board's Storage files (read straight from the state directory). */
export interface StorageView {
  read(name: string): string | undefined;
  list(): string[];
}

interface RomBootloaderLike {
  banner(): Buffer;
  receive(bytes: Buffer): void;
  close(): void;
}

type Mode = "booting" | "espruino" | "download" | "off";

export class VirtualBoard {
  readonly port: SimSerialPort;
  readonly storage: StorageView;
  readonly stateDir: string;
  private readonly interruptFlag = new Int32Array(new SharedArrayBuffer(4));
  private readonly toHost: PacedPipe;
  private readonly toBoard: PacedPipe;
  private readonly baud: number;
  private readonly seed: number;
  private readonly maxCallDepth: number | undefined;
  private readonly watchdogTimeScale: number | undefined;
  private ap: AccessPointState;
  private worker: Worker | undefined;
  private mode: Mode = "off";
  private bootInput: Buffer[] = [];
  private outstanding = 0;
  private xoffSent = false;
  /** A hung interpreter: console bytes still reach the receive FIFO but nothing consumes them. */
  private stalled = false;
  private stalledInput: Uint8Array[] = [];
  /** The wire loses every XON the board sends. */
  private xonLost = false;
  private readonly consoleBlocks: boolean;
  private readyWaiters: Array<() => void> = [];
  private truthRequests = new Map<number, (v: EnvironmentValues) => void>();
  private nextRequest = 1;
  private rom: RomBootloaderLike | undefined;
  private pty: PtyBridge | undefined;
  private tcpServer: Server | undefined;
  private readonly tcpClients = new Set<Socket>();
  private closed = false;

  private constructor(options: VirtualBoardOptions) {
    this.stateDir = options.stateDir;
    mkdirSync(this.stateDir, { recursive: true });
    this.baud = options.baud ?? 0;
    this.seed = options.seed ?? 1;
    this.maxCallDepth = options.maxCallDepth;
    this.watchdogTimeScale = options.watchdogTimeScale;
    this.consoleBlocks = options.consoleBlocks ?? false;
    this.ap = { ...(options.wifi ?? DEFAULT_AP), up: true };
    this.port = new SimSerialPort((bytes) => this.toBoard.push(bytes));
    this.toHost = new PacedPipe((bytes) => {
      this.port.emit("data", bytes);
      this.pty?.write(bytes);
      for (const client of this.tcpClients) client.write(bytes);
    }, this.baud);
    this.toBoard = new PacedPipe((bytes) => this.deliver(bytes), this.baud);
    const flash = () => new FlashStorage(this.stateDir);
    this.storage = {
      read: (name) => flash().read(name)?.toString("latin1"),
      list: () => flash().list(),
    };
  }

  /** Powers the board on; resolves once Espruino has booted and shows its prompt. */
  static async start(options: VirtualBoardOptions): Promise<VirtualBoard> {
    const board = new VirtualBoard(options);
    board.startWorker("poweron");
    await board.whenReady();
    return board;
  }

  /** Resolves when the current boot has finished (prompt shown). */
  whenReady(): Promise<void> {
    if (this.mode === "espruino") return Promise.resolve();
    return new Promise((resolve) => this.readyWaiters.push(resolve));
  }

  /** Exposes the console on a pseudo-terminal as well; returns its path (e.g. /dev/pts/3). */
  async openPty(): Promise<string> {
    if (!this.pty) this.pty = PtyBridge.open((bytes) => this.toBoard.push(bytes), { blocking: this.consoleBlocks });
    return this.pty.path;
  }

  /**
   * Also serves the console as raw bytes over TCP (like the ESP32 Espruino Telnet console on port 23), for tools
   * that cannot open a pty: EspruinoTools only opens serial ports that udev lists, so use `espruino -p tcp://…`.
   */
  async openTcpConsole(port = 0, host = "127.0.0.1"): Promise<{ host: string; port: number }> {
    if (!this.tcpServer) {
      const server = createServer((socket) => {
        this.tcpClients.add(socket);
        socket.setNoDelay(true);
        socket.on("data", (bytes: Buffer) => this.toBoard.push(bytes));
        socket.on("close", () => this.tcpClients.delete(socket));
        socket.on("error", () => socket.destroy());
      });
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(port, host, () => resolve());
      });
      this.tcpServer = server;
    }
    const address = this.tcpServer.address() as { address: string; port: number };
    return { host: address.address, port: address.port };
  }

  get ptyPath(): string | undefined {
    return this.pty?.path;
  }

  get state(): Mode {
    return this.mode;
  }

  wifiDown(): void {
    this.setAccessPoint({ ...this.ap, up: false });
  }

  wifiUp(): void {
    this.setAccessPoint({ ...this.ap, up: true });
  }

  /**
   * The interpreter stops taking bytes from its console (hung in a loop with the console unserviced): what arrives
   * fills the receive FIFO (XOFF at 3/4, then bytes are lost); with consoleBlocks the pty is not read at all.
   */
  stallConsole(): void {
    this.stalled = true;
    if (this.consoleBlocks) this.pty?.pause();
  }

  /** Ends stallConsole(): the bytes the FIFO held are consumed in order. */
  resumeConsole(): void {
    if (!this.stalled) return;
    this.stalled = false;
    this.pty?.resume();
    const held = this.stalledInput;
    this.stalledInput = [];
    for (const data of held) this.post({ t: "in", data });
  }

  /** A wire fault for flow-control tests: every XON the board sends from now on is lost (false: delivered again). */
  loseXon(lost: boolean): void {
    this.xonLost = lost;
  }

  /** Pulls the plug: timers die, RAM is lost, Storage keeps what was written; the board then powers on again. */
  powerCut(): void {
    this.restart("poweron");
  }

  /** Presses EN: the chip restarts and Espruino boots again (also leaves download mode). */
  reset(): void {
    this.restart("reset");
  }

  /** Reset with GPIO0 held low: the ROM bootloader takes the console (flash image `<stateDir>/flash.bin`). */
  enterDownloadMode(): void {
    this.stopWorker();
    this.closeRom();
    this.mode = "download";
    this.bootInput = [];
    const pending: Buffer[] = [];
    this.rom = { banner: () => Buffer.alloc(0), receive: (b) => pending.push(b), close: () => {} };
    void this.loadRom().then((rom) => {
      if (this.mode !== "download" || this.closed) {
        rom?.close();
        return;
      }
      if (!rom) return;
      this.rom = rom;
      this.toHost.push(rom.banner());
      for (const bytes of pending) rom.receive(bytes);
    });
  }

  /** The BME280's noise-free environment right now (for tests comparing readings). */
  async sensorTruth(): Promise<EnvironmentValues> {
    if (!this.worker || this.mode !== "espruino") throw new Error("the board is not running Espruino (booting, asleep or in download mode)");
    const id = this.nextRequest++;
    return new Promise((resolve) => {
      this.truthRequests.set(id, resolve);
      this.post({ t: "truth", id });
    });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.toBoard.clear();
    this.toHost.clear();
    await this.stopWorker();
    this.closeRom();
    this.pty?.close();
    for (const client of this.tcpClients) client.destroy();
    if (this.tcpServer) await new Promise<void>((resolve) => this.tcpServer!.close(() => resolve()));
    this.mode = "off";
  }

  // ---- internals ----------------------------------------------------------------------------------------------

  private restart(reason: ResetReason): void {
    if (this.closed) return;
    void this.stopWorker();
    this.closeRom();
    this.toBoard.clear();
    this.startWorker(reason);
  }

  private startWorker(reason: ResetReason): void {
    Atomics.store(this.interruptFlag, 0, 0);
    this.mode = "booting";
    this.outstanding = 0;
    this.xoffSent = false;
    this.stalled = false;
    this.stalledInput = [];
    this.pty?.resume();
    const worker = new Worker(boardWorkerSource(), {
      eval: true,
      workerData: {
        stateDir: this.stateDir,
        ap: this.ap,
        seed: this.seed,
        maxCallDepth: this.maxCallDepth,
        watchdogTimeScale: this.watchdogTimeScale,
        flag: this.interruptFlag.buffer,
        reason,
      },
    });
    this.worker = worker;
    worker.on("message", (message: FromBoard) => {
      if (this.worker !== worker) return;
      this.handle(message);
    });
    worker.on("error", (err: Error) => {
      if (this.worker !== worker) return;
      const text = `\r\n[espnode sim] the board's software crashed: ${err.message}\r\n`;
      this.toHost.push(Buffer.from(text, "latin1"));
    });
  }

  private async stopWorker(): Promise<void> {
    const worker = this.worker;
    this.worker = undefined;
    if (this.mode !== "download") this.mode = "off";
    if (worker) await worker.terminate();
  }

  private handle(message: FromBoard): void {
    switch (message.t) {
      case "out":
        this.toHost.push(Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength));
        break;
      case "consumed":
        this.outstanding = Math.max(0, this.outstanding - message.n);
        if (this.xoffSent && this.outstanding < RX_FIFO_BYTES / 4) {
          this.xoffSent = false;
          if (!this.xonLost) this.toHost.push(Buffer.from([XON]));
        }
        break;
      case "ready": {
        this.mode = "espruino";
        const queued = this.bootInput;
        this.bootInput = [];
        for (const bytes of queued) this.deliver(bytes);
        const waiters = this.readyWaiters;
        this.readyWaiters = [];
        for (const resolve of waiters) resolve();
        break;
      }
      case "truth":
        this.truthRequests.get(message.id)?.(message.values);
        this.truthRequests.delete(message.id);
        break;
      case "down":
        break;
    }
  }

  /** Bytes arriving at the chip's UART (already paced). */
  private deliver(bytes: Buffer): void {
    if (this.mode === "download") {
      this.rom?.receive(bytes);
      return;
    }
    if (this.mode === "booting") {
      // the UART FIFO holds what arrives while the firmware starts
      const held = this.bootInput.reduce((n, b) => n + b.length, 0);
      if (held < RX_FIFO_BYTES) this.bootInput.push(bytes.subarray(0, RX_FIFO_BYTES - held));
      return;
    }
    if (this.mode !== "espruino" || !this.worker) return;
    let accepted = bytes;
    if (this.baud > 0) {
      const room = RX_FIFO_BYTES - this.outstanding;
      if (room <= 0) {
        this.post({ t: "error-flag", flag: "FIFO_FULL" });
        return;
      }
      if (bytes.length > room) {
        accepted = bytes.subarray(0, room);
        this.post({ t: "error-flag", flag: "FIFO_FULL" });
      }
      if (!this.xoffSent && this.outstanding + accepted.length > (RX_FIFO_BYTES * 3) / 4) {
        this.xoffSent = true;
        this.toHost.push(Buffer.from([XOFF]));
      }
    }
    // Ctrl-C is registered the moment the byte arrives, even inside a packet, before the console parses it.
    if (accepted.includes(0x03)) Atomics.store(this.interruptFlag, 0, 1);
    this.outstanding += accepted.length;
    const copy = new Uint8Array(accepted);
    if (this.stalled) this.stalledInput.push(copy);
    else this.post({ t: "in", data: copy });
  }

  private setAccessPoint(ap: AccessPointState): void {
    this.ap = ap;
    this.post({ t: "ap", ap });
  }

  private post(message: ToBoard): void {
    this.worker?.postMessage(message);
  }

  private async loadRom(): Promise<RomBootloaderLike | undefined> {
    // Loaded on demand: the ROM emulator is a separate part (host-tools/sim/rom/).
    const modulePath = "./rom/rom-bootloader.ts";
    try {
      const { RomBootloader } = (await import(modulePath)) as {
        RomBootloader: new (options: {
          flashFile: string;
          send: (b: Buffer) => void;
          setBaud?: (baud: number) => void;
          onExit?: (how: "reboot" | "run-user-code" | "run-ram-code") => void;
        }) => RomBootloaderLike;
      };
      return new RomBootloader({
        flashFile: join(this.stateDir, "flash.bin"),
        send: (bytes) => this.toHost.push(bytes),
        setBaud: (baud) => {
          if (this.baud > 0) {
            this.toHost.setBaud(baud);
            this.toBoard.setBaud(baud);
          }
        },
        // FLASH_END/FLASH_DEFL_END asking to reboot or run the app: the chip leaves the ROM and boots Espruino
        onExit: (how) => {
          if (how !== "run-ram-code") setImmediate(() => this.reset());
        },
      });
    } catch (err) {
      this.toHost.push(Buffer.from(`\r\n[espnode sim] ROM bootloader emulator unavailable: ${(err as Error).message}\r\n`, "latin1"));
      return undefined;
    }
  }

  private closeRom(): void {
    if (this.rom) {
      this.rom.close();
      this.rom = undefined;
      if (this.baud > 0) {
        this.toHost.setBaud(this.baud);
        this.toBoard.setBaud(this.baud);
      }
    }
  }
}
