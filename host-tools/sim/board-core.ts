// Everything that runs on the virtual ESP32 itself: the console, the interpreter RAM, Storage, Wi-Fi, sockets and
// sensors, wired together with Espruino's boot sequence (ROM report, logo, saved code, boot files, init events)
// and its reset()/load()/save()/reboot semantics. Runs inside a worker thread so the port thread can deliver a
// Ctrl-C while JavaScript is busy (see board.ts).
import { EspruinoConsole } from "./console/espruino-console.ts";
import { espruinoBanner, romBootText, type ResetReason } from "./console/banner.ts";
import { BOARD_NAME, ESPRUINO_VERSION, EspruinoRuntime, HardResetSignal } from "./runtime/espruino-runtime.ts";
import { FlashStorage } from "./storage/flash-storage.ts";
import { BoardHardware } from "./hardware/board-hardware.ts";
import type { EnvironmentValues } from "./hardware/environment.ts";
import { WifiStation } from "./wifi/wifi-station.ts";
import type { AccessPointState } from "./wifi/access-point.ts";
import { NetStack } from "./net/net-stack.ts";
import { PACKET_TIMEOUT_MS } from "./console/packet-receiver.ts";

/** Storage file where save() keeps the RAM state (here: the console code that built it, replayed at boot). */
export const SAVED_STATE_FILE = ".varimg";
export const BOOT_FILES = [".boot0", ".boot1", ".boot2", ".boot3", ".bootcde"];
/** Boot code set with E.setBootCode(code, true): also runs after reset(). */
export const BOOT_ALWAYS_FILE = ".bootrst";
export const WIFI_CONFIG_FILE = ".wificfg";

export interface BoardCoreOptions {
  stateDir: string;
  ap: AccessPointState;
  seed: number;
  /** Nested user function calls allowed (see EspruinoRuntime); default 57. */
  maxCallDepth?: number;
  /** The watchdog's period is multiplied by this (test hook, default 1; see VirtualBoardOptions). */
  watchdogTimeScale?: number;
  interruptFlag: Int32Array;
  send(bytes: Buffer): void;
  /** Pushes buffered output to the port now. */
  flush?(): void;
  /** Boot finished and the prompt is up. */
  ready?(): void;
}

type PendingAction = { kind: "reset"; clearFlash: boolean } | { kind: "load"; file?: string } | { kind: "save" };

export class BoardCore {
  readonly storage: FlashStorage;
  readonly hardware: BoardHardware;
  readonly wifi: WifiStation;
  readonly net: NetStack;
  private console!: EspruinoConsole;
  private runtime!: EspruinoRuntime;
  private wifiObject: object | undefined;
  private history: string[] = [];
  private pending: PendingAction | undefined;
  private idleQueued = false;
  private wakeTimer: NodeJS.Timeout | undefined;
  private asleepUntil: number | undefined;
  private sleepTimer: NodeJS.Timeout | undefined;
  private errorFlags = new Set<string>();
  private wakeCause = 0;
  private halted = false;

  constructor(private readonly options: BoardCoreOptions) {
    this.storage = new FlashStorage(options.stateDir);
    this.hardware = new BoardHardware(options.seed);
    this.wifi = new WifiStation(options.ap, () => this.wifiSink(), options.seed & 0xffffff);
    this.net = new NetStack(
      () => ({
        emit: (target, event, args) => this.runtime.emit(target, event, args),
        errorObject: (code, message) => this.runtime.parseJSON(JSON.stringify({ code, message })),
        print: (text) => this.console.print(text),
        // The board's own error constructors (InternalError, Error…), so the uncaught header names the type.
        exception: (name, message) => {
          const Type = this.runtime.global[name] ?? this.runtime.global.Error;
          return new Type(message);
        },
      }),
      () => this.wifi.connected,
    );
  }

  // ---- lifecycle ----------------------------------------------------------------------------------------------

  boot(reason: ResetReason): void {
    this.halted = false;
    this.options.send(Buffer.from(romBootText(reason), "latin1"));
    this.wakeCause = reason === "deepsleep" ? 4 : 0;
    this.console = new EspruinoConsole(this.consoleHost());
    this.hardware.softReset();
    this.newRuntime();
    // jsiSemiInit(autoLoad): saved code, boot code, E.on('init') and onInit run first; then Wi-Fi comes back
    // (jshSoftInit); the logo follows only if no saved code was loaded, then a blank line and the prompt.
    const loadedSavedCode = this.storage.read(SAVED_STATE_FILE) !== undefined;
    this.runGuarded(() => {
      this.loadSavedCode();
      this.runInit();
    });
    if (this.halted) return;
    this.restoreWifi();
    this.printLogo(!loadedSavedCode);
    this.console.showPrompt();
    this.options.ready?.();
    this.scheduleIdle();
  }

  /** Bytes from the serial port. */
  receive(bytes: Buffer): void {
    if (this.halted || this.asleepUntil !== undefined) return;
    this.runGuarded(() => this.console.receive(bytes));
    this.afterActivity();
  }

  setAccessPoint(ap: AccessPointState): void {
    this.wifi.setAccessPoint(ap);
  }

  /** The input FIFO overflowed (port thread dropped bytes). */
  flagError(flag: string): void {
    if (this.errorFlags.has(flag)) return;
    this.errorFlags.add(flag);
    if (!this.halted && this.asleepUntil === undefined) this.console.print(`New interpreter error: ${flag}\n`);
    this.scheduleIdle();
  }

  /** A sandbox promise rejected with nobody handling it. */
  uncaughtPromise(reason: unknown): void {
    if (this.halted || !this.runtime) return;
    this.console.print(this.runtime.unhandledRejectionText(reason));
    this.afterActivity();
  }

  trueEnvironment(): EnvironmentValues {
    return this.hardware.bme280.trueValues();
  }

  shutdown(): void {
    this.halted = true;
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    if (this.sleepTimer) clearTimeout(this.sleepTimer);
    this.wifi.shutdown();
    this.net.closeSilently();
    this.runtime?.dispose();
  }

  // ---- running code -------------------------------------------------------------------------------------------

  private newRuntime(): void {
    this.runtime?.dispose();
    this.wifiObject = undefined;
    this.history = [];
    this.runtime = new EspruinoRuntime({
      print: (text) => this.console.print(text),
      interruptFlag: this.options.interruptFlag,
      wake: () => this.scheduleIdle(),
      natives: (rt) => this.boardNatives(rt),
      maxCallDepth: this.options.maxCallDepth,
      watchdogTimeScale: this.options.watchdogTimeScale,
    });
  }

  /** Runs board activity; a HardResetSignal thrown out of user code reboots the board. */
  private runGuarded(run: () => void): void {
    try {
      run();
    } catch (err) {
      if (err instanceof HardResetSignal) this.hardReset(err);
      else throw err;
    }
  }

  private hardReset(signal: HardResetSignal): void {
    this.shutdownForReboot();
    if (signal.reason === "deepsleep") {
      this.asleepUntil = signal.sleepUs > 0 ? Date.now() + signal.sleepUs / 1000 : Infinity;
      if (signal.sleepUs > 0) {
        this.sleepTimer = setTimeout(() => {
          this.asleepUntil = undefined;
          this.boot("deepsleep");
        }, signal.sleepUs / 1000);
      }
      return;
    }
    setImmediate(() => this.boot(signal.reason === "watchdog" ? "watchdog" : "software"));
  }

  private shutdownForReboot(): void {
    this.halted = true;
    this.wifi.shutdown();
    this.net.closeSilently();
    this.runtime.dispose();
  }

  private evaluate(source: string): { ok: boolean; value?: unknown } {
    this.history.push(source);
    const result = this.runtime.evaluate(source);
    return result;
  }

  private scheduleIdle(): void {
    if (this.idleQueued || this.halted) return;
    this.idleQueued = true;
    setImmediate(() => {
      this.idleQueued = false;
      this.idle();
    });
  }

  private idle(): void {
    if (this.halted || this.asleepUntil !== undefined) return;
    this.runGuarded(() => this.runtime.runIdle(Date.now()));
    this.afterActivity();
  }

  /** After any code ran: perform reset/load/save requested by it, redraw the prompt, plan the next wake-up. */
  private afterActivity(): void {
    if (this.halted || this.asleepUntil !== undefined) return;
    const action = this.pending;
    this.pending = undefined;
    if (action) this.runGuarded(() => this.perform(action));
    if (this.halted) return;
    this.console.idle();
    if (this.wakeTimer) clearTimeout(this.wakeTimer);
    this.wakeTimer = undefined;
    let next = this.runtime.nextWake();
    if (this.console.packetPending()) {
      const packetDeadline = Date.now() + PACKET_TIMEOUT_MS + 5;
      next = next === undefined ? packetDeadline : Math.min(next, packetDeadline);
    }
    if (next !== undefined) this.wakeTimer = setTimeout(() => this.idle(), Math.max(0, next - Date.now()));
  }

  private perform(action: PendingAction): void {
    switch (action.kind) {
      case "reset":
        this.emitKill();
        this.net.closeSilently();
        this.hardware.softReset();
        if (action.clearFlash) {
          for (const file of [SAVED_STATE_FILE, ...BOOT_FILES, BOOT_ALWAYS_FILE]) this.storage.erase(file);
        }
        this.newRuntime();
        // jsiSemiInit(false): boot code set to run even after reset(), then the logo
        this.runBootFile(BOOT_ALWAYS_FILE);
        this.printLogo(true);
        this.console.showPrompt();
        return;
      case "load":
        this.emitKill();
        this.net.closeSilently();
        this.hardware.softReset();
        this.newRuntime();
        if (action.file) {
          // jsiIdle's JSIS_TODO_FLASH_LOAD with a file name: a fresh interpreter (jsiSemiInit prints the logo),
          // then the file's code runs
          this.runBootFile(BOOT_ALWAYS_FILE);
          this.printLogo(true);
          const code = this.storage.read(action.file);
          if (code) this.runtime.evaluate(code.toString("latin1"), action.file);
        } else {
          // without a file: saved state and boot code come back (jsiSoftInit), no logo
          this.loadSavedCode();
          this.runInit();
        }
        this.console.showPrompt();
        return;
      case "save": {
        this.emitKill();
        const image = JSON.stringify(this.history);
        this.console.print("Compacting Flash...\nCalculating Size...\nWriting..\n");
        const result = this.storage.write(SAVED_STATE_FILE, Buffer.from(image, "latin1"));
        if (!result.ok) this.console.print(`Uncaught Error: ${result.error}\n`);
        else this.console.print(`Compressed ${this.runtime.jsVarUsage() * 14} bytes to ${image.length}\n`);
        this.runInit();
        return;
      }
    }
  }

  private loadSavedCode(): void {
    const saved = this.storage.read(SAVED_STATE_FILE);
    if (saved) {
      let lines: unknown;
      try {
        lines = JSON.parse(saved.toString("latin1"));
      } catch {
        lines = undefined;
      }
      if (Array.isArray(lines)) for (const line of lines) if (typeof line === "string") this.evaluate(line);
    }
    for (const file of BOOT_FILES) this.runBootFile(file);
  }

  private runBootFile(name: string): void {
    const code = this.storage.read(name);
    // jsfLoadBootCodeFromFlash names .bootcde "boot code" in a stack, .boot0-3 by their file name
    if (code && code.length) this.runtime.evaluate(code.toString("latin1"), name === ".bootcde" ? "boot code" : name);
  }

  /** jsiSoftInit: E.on('init') handlers, then onInit(), run right away (not queued), before the logo and prompt. */
  private runInit(): void {
    const g = this.runtime.global;
    const listeners = g.E?.["#oninit"];
    const list = typeof listeners === "function" ? [listeners] : Array.isArray(listeners) ? [...listeners] : [];
    for (const fn of list) this.runtime.call(fn, g.E, []);
    const onInit = g.onInit;
    if (onInit !== undefined) {
      if (this.console.echo) this.console.print("Running onInit()...\n");
      this.runtime.call(onInit, g, []);
    }
  }

  /** The logo (unless saved code was loaded) and the blank line before the first prompt, when echo is on. */
  private printLogo(withLogo: boolean): void {
    if (!this.console.echo) return;
    if (withLogo) this.console.print(espruinoBanner());
    this.console.print("\n");
  }

  /** E.on('kill') handlers run right away, before the RAM goes. */
  private emitKill(): void {
    const listeners = this.runtime.global.E?.["#onkill"];
    const list = typeof listeners === "function" ? [listeners] : Array.isArray(listeners) ? listeners : [];
    for (const fn of list) this.runtime.call(fn, this.runtime.global.E, []);
  }

  private restoreWifi(): void {
    const saved = this.storage.read(WIFI_CONFIG_FILE);
    if (!saved) return;
    try {
      const config = JSON.parse(saved.toString("latin1")) as { ssid?: string; password?: string; mode?: unknown };
      // jswrap_wifi_restore: station mode (bit 0 of mode) rejoins; files from older sims said mode "sta"
      const station = typeof config.mode === "number" ? (config.mode & 1) === 1 : true;
      if (config.ssid && station) this.wifi.restore(config.ssid, config.password ?? "");
    } catch {
      // a corrupt .wificfg is ignored, as the firmware does
    }
  }

  // ---- glue to the console and the natives --------------------------------------------------------------------

  private consoleHost() {
    return {
      send: (bytes: Buffer) => this.options.send(bytes),
      flush: () => this.options.flush?.(),
      evaluate: (source: string) => this.evaluate(source),
      format: (value: unknown) => this.runtime.format(value),
      ctrlCSeen: () => Atomics.store(this.options.interruptFlag, 0, 0),
      toJSON: (value: unknown) => {
        try {
          const json = this.runtime.global.JSON.stringify(value);
          return json === undefined ? "undefined" : json;
        } catch {
          return this.runtime.format(value);
        }
      },
      packetEvent: (json: string) => {
        let data: unknown;
        try {
          data = this.runtime.parseJSON(json);
        } catch {
          return false;
        }
        this.runtime.emit(this.runtime.global.E, "packet", [data]);
        return true;
      },
      storage: this.storage,
      version: ESPRUINO_VERSION,
      board: BOARD_NAME,
      now: () => Date.now(),
    };
  }

  private wifiSink() {
    return {
      emit: (event: string, details: Record<string, unknown>) => {
        if (this.wifiObject) this.runtime.emit(this.wifiObject, event, [this.runtime.parseJSON(JSON.stringify(details))]);
      },
      callback: (fn: unknown, args: unknown[]) => {
        const converted = args.map((a) => (a !== null && typeof a === "object" ? this.runtime.parseJSON(JSON.stringify(a)) : a));
        this.runtime.queueCall(fn, converted);
      },
      linkLost: () => this.net.dropAll(),
    };
  }

  private boardNatives(rt: EspruinoRuntime): Record<string, unknown> {
    const fail = (message: string) => new rt.global.Error(message);
    const pin = (n: number) => {
      if (!this.hardware.validPin(n)) throw fail(`Invalid pin D${n}`);
      return n;
    };
    return {
      // Storage
      storageRead: (name: string, offset?: number, length?: number) => {
        const file = this.storage.read(name);
        if (!file) return undefined;
        // jsfReadFile's clipping: length <= 0 means to the end
        const start = Math.min(Math.max(0, offset ?? 0), file.length);
        const count = !length || length <= 0 ? file.length : Math.min(length, file.length - start);
        return file.subarray(start, start + count).toString("latin1");
      },
      storageWrite: (name: string, data: string, offset: number, size: number) => {
        const result = this.storage.write(name, Buffer.from(data, "latin1"), offset, size || undefined);
        return result.ok ? "" : result.error;
      },
      storageList: () => JSON.stringify(this.storage.list()),
      storageErase: (name: string) => this.storage.erase(name),
      storageEraseAll: () => this.storage.eraseAll(),
      storageCompact: () => this.storage.compact(),
      storageStats: () => JSON.stringify(this.storage.getStats()),
      // console and system
      write: (binary: string) => this.console.write(binary),
      echo: (on: boolean) => {
        this.console.echo = on;
      },
      reset: (clearFlash: boolean) => {
        this.pending = { kind: "reset", clearFlash };
      },
      load: (file?: string) => {
        this.pending = { kind: "load", file };
      },
      save: () => {
        this.pending = { kind: "save" };
      },
      reboot: () => rt.raise(new HardResetSignal("software")),
      deepSleep: (us: number) => rt.raise(new HardResetSignal("deepsleep", us)),
      setBootCode: (code: string, alwaysExec: boolean) => {
        if (code) {
          this.storage.write(".bootcde", Buffer.from(code, "latin1"));
          if (alwaysExec) this.storage.write(BOOT_ALWAYS_FILE, Buffer.from(code, "latin1"));
          else this.storage.erase(BOOT_ALWAYS_FILE);
        } else {
          this.storage.erase(".bootcde");
          this.storage.erase(BOOT_ALWAYS_FILE);
        }
      },
      setPassword: (password?: string) => this.console.setPassword(password),
      lockConsole: () => this.console.lock(),
      serial: () => this.wifi.mac.replace(/:/g, ""),
      errorFlags: () => {
        const flags = JSON.stringify([...this.errorFlags]);
        this.errorFlags.clear();
        return flags;
      },
      wakeupCause: () => this.wakeCause,
      esp32State: () => JSON.stringify({ sdkVersion: "v4.4.8", freeHeap: 80000 - this.net.count() * 22000, BLE: false, Wifi: true, minHeap: 60000 }),
      setAtten: () => {},
      wifiEnable: () => {},
      // pins, ADC, sensors, I2C
      analogRead: (n: number) => this.hardware.analogRead(pin(n)),
      analogWrite: (n: number, value: number) => this.hardware.digitalWrite(pin(n), value > 0.5 ? 1 : 0),
      digitalWrite: (n: number, value: number) => this.hardware.digitalWrite(pin(n), value),
      digitalRead: (n: number) => this.hardware.digitalRead(pin(n)),
      pinMode: (n: number, mode?: string) => this.hardware.pinMode(pin(n), mode),
      getPinMode: (n: number) => this.hardware.getPinMode(pin(n)),
      pinInfo: (n: number) => JSON.stringify(this.hardware.pinInfo(pin(n))),
      temperature: () => this.hardware.chipTemperature(),
      i2cSetup: (bus: string) => this.hardware.i2cSetup(bus),
      i2cWrite: (bus: string, address: number, data: string) => this.hardware.i2cWrite(bus, address, Buffer.from(data, "latin1")) ?? "",
      i2cRead: (bus: string, address: number, count: number) => {
        const result = this.hardware.i2cRead(bus, address, count);
        return typeof result === "string" ? rt.parseJSON(JSON.stringify({ error: result })) : Buffer.from(result).toString("latin1");
      },
      // Wi-Fi
      bindWifi: (wifi: object) => {
        this.wifiObject = wifi;
      },
      wifiConnect: (ssid: string, password: string, callback: unknown) => this.wifi.connect(ssid, password, callback),
      wifiDisconnect: (callback: unknown) => this.wifi.disconnect(callback),
      wifiIP: () => JSON.stringify(this.wifi.ip()),
      wifiStatus: () => JSON.stringify(this.wifi.statusObject()),
      wifiDetails: () => JSON.stringify(this.wifi.details()),
      wifiScan: (callback: unknown) => this.wifi.scan(callback),
      wifiSetHostname: (name: string) => this.wifi.setHostname(name),
      wifiHostname: () => this.wifi.getHostname(),
      wifiSave: (what: string) => {
        if (what === "clear") this.storage.erase(WIFI_CONFIG_FILE);
        else {
          // jswrap_wifi_save erases the file, then writes the settings as JSON
          this.storage.erase(WIFI_CONFIG_FILE);
          this.storage.write(WIFI_CONFIG_FILE, Buffer.from(JSON.stringify(this.wifi.savedConfig()), "latin1"));
        }
      },
      wifiRestore: () => this.restoreWifi(),
      wifiPing: (_host: string, callback: unknown) => {
        const up = this.wifi.connected;
        setTimeout(() => this.runtime.queueCall(callback, [rt.parseJSON(JSON.stringify({ totalCount: 1, totalTime: up ? 2 : 0, respTime: up ? 2 : 0, errorCount: up ? 0 : 1, timeoutCount: up ? 0 : 1 }))]), 20);
      },
      // sockets
      netConnect: (target: object, host: string, port: number, secure: boolean, ca?: string, key?: string, cert?: string) =>
        this.net.connect(target, host, port, secure, ca, key, cert),
      netWrite: (target: object, data: string) => this.net.write(target, data),
      netEnd: (target: object) => this.net.end(target),
    };
  }
}
