// JavaScript run inside the sandbox at power-on and after reset(): removes what Espruino 2v29 lacks and builds its
// globals (E, process, pins, I2C1, Serial1, require, Modules, timers, events) on top of the host natives `N`.
// It runs in the sandbox realm so every object user code sees has that realm's prototypes (instanceof works);
// natives only pass strings, numbers and functions across.

export const PRELUDE = String.raw`(function (N, G) {
  var missing = ["Map", "Set", "WeakMap", "WeakSet", "WeakRef", "FinalizationRegistry", "Symbol", "Proxy", "Reflect",
    "Intl", "WebAssembly", "SharedArrayBuffer", "Atomics", "BigInt", "BigInt64Array", "BigUint64Array",
    "AggregateError", "escape", "unescape", "Iterator", "RangeError", "URIError", "EvalError", "encodeURI", "decodeURI"];
  for (var i = 0; i < missing.length; i++) delete G[missing[i]];
  delete Array.from; delete Array.of; delete Object.freeze; delete Object.isFrozen; delete Object.seal;
  delete Object.isSealed; delete Math.trunc; delete Math.imul; delete Math.clz32;
  delete Math.fround; delete Math.cbrt; delete Math.expm1; delete Math.log1p; delete Math.hypot;
  delete Number.isInteger; delete Number.isFinite; delete Number.isNaN; delete Number.isSafeInteger;
  // not among the ESP32 build's JSON wrappers (src/jswrap_math.c, jswrap_object.c, jswrap_promise.c, jswrap_string.c,
  // jswrap_date.c); Object.fromEntries is (it is only left out with SAVE_ON_FLASH)
  delete Math.log2; delete Math.log10; delete Math.sinh; delete Math.cosh; delete Math.tanh; delete Math.asinh;
  delete Math.acosh; delete Math.atanh; delete Object.is; delete Object.preventExtensions; delete Object.isExtensible;
  delete Object.getOwnPropertySymbols; delete Promise.race; delete String.fromCodePoint; delete String.raw; delete Date.UTC;
  // Number's MAX_SAFE_INTEGER/MIN_SAFE_INTEGER/EPSILON cannot be deleted: swap in a Number without them.
  (function (Original) {
    function Number(value) {
      var n = arguments.length ? (typeof value === "string" ? N.stringToNumber(value) : Original(value)) : 0;
      return this instanceof Number ? new Original(n) : n;
    }
    Number.prototype = Original.prototype;
    Original.prototype.constructor = Number;
    var keep = ["MAX_VALUE", "MIN_VALUE", "NaN", "POSITIVE_INFINITY", "NEGATIVE_INFINITY"];
    for (var k = 0; k < keep.length; k++) Object.defineProperty(Number, keep[k], { value: Original[keep[k]], writable: false, enumerable: false, configurable: false });
    Object.defineProperty(G, "Number", { value: Number, writable: true, enumerable: false, configurable: true });
  })(G.Number);
  // Errors have no name (src/jswrap_error.c): toString is jswrap_error_toString, "<type>: <message>", with the type
  // an error made by "new X()" carries (here also on the prototype, for errors V8 raises).
  (function (kinds) {
    function errorToString() {
      var type = this.type === undefined ? "Error" : this.type;
      return this.message === undefined ? String(type) : type + ": " + this.message;
    }
    for (var k = 0; k < kinds.length; k++) {
      var proto = G[kinds[k]].prototype;
      delete proto.name;
      Object.defineProperty(proto, "type", { value: kinds[k], writable: true, enumerable: false, configurable: true });
      Object.defineProperty(proto, "toString", { value: errorToString, writable: true, enumerable: false, configurable: true });
    }
    delete Error.prototype.message;
    // V8 has no InternalError: made like the others (jswrap_internalerror_constructor)
    function InternalError(message) {
      var e = message === undefined ? new Error() : new Error(message);
      Object.setPrototypeOf(e, InternalError.prototype);
      return e;
    }
    InternalError.prototype = Object.create(Error.prototype);
    Object.defineProperty(InternalError.prototype, "constructor", { value: InternalError, writable: true, enumerable: false, configurable: true });
    Object.defineProperty(InternalError.prototype, "type", { value: "InternalError", writable: true, enumerable: false, configurable: true });
    Object.defineProperty(G, "InternalError", { value: InternalError, writable: true, enumerable: false, configurable: true });
  })(["Error", "TypeError", "SyntaxError", "ReferenceError"]);
  delete Error.captureStackTrace; delete String.prototype.normalize;
  delete Promise.allSettled; delete Promise.any;

  function hide(obj, name, value) {
    Object.defineProperty(obj, name, { value: value, writable: true, configurable: true, enumerable: false });
  }
  function hideAll(obj, props) { for (var k in props) hide(obj, k, props[k]); }
  hide(G, "global", G);

  // Events: listeners live in hidden "#on<event>" properties; emit queues them for the idle loop, as Espruino does.
  hideAll(Object.prototype, {
    on: function (evt, fn) {
      var key = "#on" + evt, cur = this[key];
      if (cur === undefined) hide(this, key, fn);
      else if (typeof cur === "function") hide(this, key, [cur, fn]);
      else cur.push(fn);
    },
    addListener: function (evt, fn) { this.on(evt, fn); },
    prependListener: function (evt, fn) {
      var key = "#on" + evt, cur = this[key];
      if (cur === undefined) hide(this, key, fn);
      else if (typeof cur === "function") hide(this, key, [fn, cur]);
      else cur.unshift(fn);
    },
    emit: function (evt) {
      var l = this["#on" + evt];
      if (l === undefined) return;
      N.queue(l, this, Array.prototype.slice.call(arguments, 1));
    },
    removeListener: function (evt, fn) {
      var key = "#on" + evt, cur = this[key];
      if (cur === fn) delete this[key];
      else if (Array.isArray(cur)) {
        var at = cur.indexOf(fn);
        if (at >= 0) cur.splice(at, 1);
        if (cur.length === 0) delete this[key];
      }
    },
    removeAllListeners: function (evt) {
      if (evt !== undefined) { delete this["#on" + evt]; return; }
      var names = Object.getOwnPropertyNames(this);
      for (var j = 0; j < names.length; j++) if (names[j].indexOf("#on") === 0) delete this[names[j]];
    }
  });

  function toBinaryString(data) {
    if (typeof data === "string") return data;
    if (data === undefined || data === null) return "";
    if (typeof data === "number") return String.fromCharCode(data & 255);
    if (data instanceof ArrayBuffer) data = new Uint8Array(data);
    if (ArrayBuffer.isView(data)) {
      var u8 = new Uint8Array(data.buffer, data.byteOffset, data.byteLength), s = "";
      if (!(data instanceof Uint8Array) && !(data instanceof Uint8ClampedArray) && !(data instanceof Int8Array)) {
        for (var n = 0; n < data.length; n++) s += String.fromCharCode(data[n] & 255);
        return s;
      }
      for (var m = 0; m < u8.length; m++) s += String.fromCharCode(u8[m]);
      return s;
    }
    if (Array.isArray(data)) {
      var out = "";
      for (var a = 0; a < data.length; a++) out += toBinaryString(data[a]);
      return out;
    }
    if (typeof data === "object" && data.data !== undefined) {
      var rep = data.count === undefined ? 1 : data.count, one = toBinaryString(data.data), all = "";
      for (var r = 0; r < rep; r++) all += one;
      return all;
    }
    return String(data);
  }
  function toUint8Array(bin) {
    var u = new Uint8Array(bin.length);
    for (var i = 0; i < bin.length; i++) u[i] = bin.charCodeAt(i);
    return u;
  }
  function toText(args) {
    var parts = [];
    for (var i = 0; i < args.length; i++) parts.push(typeof args[i] === "string" ? args[i] : N.format(args[i], false));
    return parts.join(" ");
  }

  hideAll(G, {
    print: function () { N.print(toText(arguments) + "\n"); },
    console: { log: function () { N.print(toText(arguments) + "\n"); } },
    setTimeout: function (fn, ms) { return N.setTimer(fn, ms, Array.prototype.slice.call(arguments, 2), false); },
    setInterval: function (fn, ms) { return N.setTimer(fn, ms, Array.prototype.slice.call(arguments, 2), true); },
    clearTimeout: function (id) { N.clearTimer(arguments.length ? id : undefined); },
    clearInterval: function (id) { N.clearTimer(arguments.length ? id : undefined); },
    changeInterval: function (id, ms) { N.changeInterval(id, ms); },
    getTime: function () { return N.time(); },
    setTime: function (t) { N.setTime(t); },
    reset: function (clearFlash) { N.reset(!!clearFlash); },
    load: function (file) { N.load(file === undefined ? undefined : String(file)); },
    save: function () { N.save(); },
    echo: function (on) { N.echo(!!on); },
    dump: function () { N.dump(); },
    getSerial: function () { return N.serial(); },
    btoa: function (s) { return N.btoa(toBinaryString(s)); },
    atob: function (s) { return N.atob(String(s)); },
    analogRead: function (pin) { return N.analogRead(pinNumber(pin)); },
    analogWrite: function (pin, value) { N.analogWrite(pinNumber(pin), +value); },
    digitalWrite: function (pin, value) {
      if (Array.isArray(pin)) { for (var i = 0; i < pin.length; i++) N.digitalWrite(pinNumber(pin[i]), (value >> (pin.length - 1 - i)) & 1); return; }
      N.digitalWrite(pinNumber(pin), value ? 1 : 0);
    },
    digitalRead: function (pin) { return N.digitalRead(pinNumber(pin)); },
    pinMode: function (pin, mode) { N.pinMode(pinNumber(pin), mode === undefined ? undefined : String(mode)); },
    getPinMode: function (pin) { return N.getPinMode(pinNumber(pin)); }
  });
  hide(G.console, "info", G.console.log);
  hide(G.console, "warn", G.console.log);
  hide(G.console, "error", G.console.log);
  hide(G.console, "debug", G.console.log);

  // Pins: D0..D39 objects that print as D<n>; functions also accept plain numbers.
  function Pin(n) { hide(this, "__pin", n); }
  Pin.prototype.read = function () { return N.digitalRead(this.__pin) === 1; };
  Pin.prototype.write = function (v) { N.digitalWrite(this.__pin, v ? 1 : 0); };
  Pin.prototype.set = function () { N.digitalWrite(this.__pin, 1); };
  Pin.prototype.reset = function () { N.digitalWrite(this.__pin, 0); };
  Pin.prototype.toggle = function () { var v = N.digitalRead(this.__pin) ? 0 : 1; N.digitalWrite(this.__pin, v); return v === 1; };
  Pin.prototype.mode = function (m) { N.pinMode(this.__pin, String(m)); };
  Pin.prototype.getMode = function () { return N.getPinMode(this.__pin); };
  Pin.prototype.analog = function () { return N.analogRead(this.__pin); };
  Pin.prototype.getInfo = function () { return JSON.parse(N.pinInfo(this.__pin)); };
  Pin.prototype.toString = function () { return "D" + this.__pin; };
  Pin.prototype.valueOf = function () { return this.__pin; };
  Pin.prototype.toJSON = function () { return "D" + this.__pin; };
  hide(G, "Pin", Pin);
  function pinNumber(pin) {
    if (pin instanceof Pin) return pin.__pin;
    if (typeof pin === "number") return pin;
    if (typeof pin === "string" && /^D\d+$/.test(pin)) return +pin.slice(1);
    throw new Error("Expecting a pin, got " + N.format(pin, false));
  }
  for (var p = 0; p <= 39; p++) hide(G, "D" + p, new Pin(p));
  hide(G, "LED1", G.D2);
  hide(G, "BTN1", G.D0);

  // peek8/16/32, poke8/16/32 (src/jswrap_io.c jswrap_io_peek/poke): a sparse little-endian byte memory that reads 0
  // where nothing was poked (no ESP32 registers behind it); count > 1 gives a Uint8/16/32Array, poke takes a number
  // or an array of values; addresses are 32-bit.
  var memory = {};
  function peek(size) {
    return function (addr, count) {
      function word(a) {
        var v = 0;
        for (var b = size - 1; b >= 0; b--) v = v * 256 + (memory[(a + b) >>> 0] | 0);
        return v;
      }
      addr = addr >>> 0; count = count | 0;
      if (count <= 1) return word(addr);
      var arr = size === 1 ? new Uint8Array(count) : size === 2 ? new Uint16Array(count) : new Uint32Array(count);
      for (var n = 0; n < count; n++) arr[n] = word(addr + n * size);
      return arr;
    };
  }
  function poke(size) {
    return function (addr, value) {
      function word(a, v) {
        for (var b = 0; b < size; b++) { memory[(a + b) >>> 0] = v & 255; v = v >>> 8; }
      }
      addr = addr >>> 0;
      if (typeof value === "number" || typeof value === "boolean" || typeof value === "string") { word(addr, +value >>> 0); return; }
      if (value !== null && typeof value === "object" && typeof value.length === "number")
        for (var n = 0; n < value.length; n++) word(addr + n * size, +value[n] >>> 0);
    };
  }
  // The interpreter's hidden root (execInfo.hiddenRoot, reachable as global["\xff"]): tools read its timers
  // (keyed by timer id, each {time, callback, interval?}) to see whether a program has work left.
  Object.defineProperty(G, "\xff", {
    get: function () {
      var timers = {};
      var list = N.timerList();
      for (var i = 0; i < list.length; i++) {
        var t = { time: list[i].time, callback: list[i].callback };
        if (list[i].interval !== undefined) t.interval = list[i].interval;
        timers[list[i].id] = t;
      }
      return { timers: timers, watches: [] };
    },
    enumerable: false,
    configurable: true,
  });
  hideAll(G, { peek8: peek(1), peek16: peek(2), peek32: peek(4), poke8: poke(1), poke16: poke(2), poke32: poke(4) });

  // I2C: the BME280 (0x76) sits on the bus.
  function I2C(name) { hide(this, "__name", name); }
  I2C.prototype.setup = function (opts) { N.i2cSetup(this.__name, JSON.stringify(opts || {})); };
  I2C.prototype.writeTo = function (address) {
    var addr = typeof address === "object" ? address.address : address;
    var e = N.i2cWrite(this.__name, addr, toBinaryString(Array.prototype.slice.call(arguments, 1)));
    if (e) throw new Error(e);
  };
  I2C.prototype.readFrom = function (address, quantity) {
    var addr = typeof address === "object" ? address.address : address;
    var r = N.i2cRead(this.__name, addr, quantity | 0);
    if (typeof r !== "string") throw new Error(r.error);
    return toUint8Array(r);
  };
  I2C.prototype.readReg = function (address, reg, quantity) { this.writeTo({ address: address, stop: false }, reg); return this.readFrom(address, quantity); };
  I2C.prototype.writeReg = function (address, reg, data) { this.writeTo(address, [reg, data]); };
  hide(G, "I2C", I2C);
  hide(G, "I2C1", new I2C("I2C1"));
  hide(G, "I2C2", new I2C("I2C2"));

  function Serial(name) { hide(this, "__name", name); }
  Serial.prototype.print = function (s) { N.print(String(s)); };
  Serial.prototype.println = function (s) { N.print(String(s) + "\n"); };
  Serial.prototype.write = function () { N.write(toBinaryString(Array.prototype.slice.call(arguments))); };
  Serial.prototype.setup = function () {};
  Serial.prototype.setConsole = function () {};
  hide(G, "Serial", Serial);
  hide(G, "Serial1", new Serial("Serial1"));

  // E: Espruino's utility object.
  var E = {};
  hideAll(E, {
    CRC32: function (data) { return N.crc32(toBinaryString(data)); },
    toString: function () { return toBinaryString(Array.prototype.slice.call(arguments)); },
    toUint8Array: function () { return toUint8Array(toBinaryString(Array.prototype.slice.call(arguments))); },
    // jswrap_espruino_toArrayBuffer: a string only (else undefined); the board references the string, the sim copies
    // it (strings do not change, so nobody can tell) and counts it as the board does
    toArrayBuffer: function (s) {
      if (typeof s !== "string") return undefined;
      var buffer = toUint8Array(s).buffer;
      N.stringBacked(buffer);
      return buffer;
    },
    toJS: function (v) { return N.format(v, true); },
    getSizeOf: function (v, depth) { return N.sizeOf(v); },
    getTemperature: function () { return N.temperature(); },
    setBootCode: function (code, alwaysExec) { N.setBootCode(code === undefined ? "" : String(code), !!alwaysExec); },
    setPassword: function (pw) { N.setPassword(pw === undefined ? undefined : String(pw)); },
    lockConsole: function () { N.lockConsole(); },
    reboot: function () { N.reboot(); },
    enableWatchdog: function (timeout, isAuto) { N.enableWatchdog(+timeout || 1, isAuto === undefined ? true : !!isAuto); },
    kickWatchdog: function () { N.kickWatchdog(); },
    getErrorFlags: function () { return JSON.parse(N.errorFlags()); },
    hwRand: function () { return (Math.random() * 4294967296) | 0; },
    setTimeZone: function (zone) { N.setTimeZone(+zone); },
    getAnalogVRef: function () { return 3.3; },
    dumpStr: function () { return N.dumpStr(); },
    stopEventPropagation: function () {},
    setConsole: function () {},
    getConsole: function () { return "Serial1"; },
    isRAMString: function () { return true; },
    memoryArea: function () { return ""; }
  });
  hide(G, "E", E);

  var process = {};
  hideAll(process, {
    env: (function (env) { if (N.serial) env.SERIAL = N.serial(); return env; })(JSON.parse(N.env())),
    version: N.version(),
    memory: function (gc) { return JSON.parse(N.memory(gc === undefined ? true : !!gc)); }
  });
  hide(G, "process", process);

  // ESP32 hardware object (also returned by require("ESP32")).
  var ESP32 = {};
  hideAll(ESP32, {
    reboot: function () { N.reboot(); },
    deepSleep: function (us) { N.deepSleep(+us); },
    setAtten: function (pin, atten) { N.setAtten(pinNumber(pin), atten | 0); },
    getWakeupCause: function () { return N.wakeupCause(); },
    getState: function () { return JSON.parse(N.esp32State()); },
    enableWifi: function (on) { N.wifiEnable(!!on); },
    enableBLE: function () {},
    setOTAValid: function () {},
    deepSleepExt0: function () {},
    deepSleepExt1: function () {},
    lightSleep: function () {}
  });
  hide(G, "ESP32", ESP32);

  // A function as text is the code the board keeps (jsvAsString of a function), never the sandbox's rewriting of it.
  var v8FunctionText = Function.prototype.toString;
  hide(Function.prototype, "toString", function toString() {
    return typeof this === "function" ? N.functionText(this) : v8FunctionText.call(this);
  });

  // Modules.addCached(id, code) keeps module code (a string, or a function whose body is module code) and runs it
  // with exports/module in scope on the first require(), as Espruino does.
  var modules = {}, pendingModules = {};
  function functionBody(fn) {
    var src = String(fn);
    return src.slice(src.indexOf("{") + 1, src.lastIndexOf("}"));
  }
  function runModule(id, source, fromStorage) {
    var fn = N.compileModule(source, id, !!fromStorage);
    var m = { exports: {} };
    N.moduleScope(fn, fn.call(m.exports, m.exports, m));
    modules[id] = m.exports;
    return m.exports;
  }
  N.moduleCache(function () { return [modules, pendingModules]; });
  // a class (a function) on the board: typeof Modules is "function"
  var Modules = function Modules() {};
  hideAll(Modules, {
    addCached: function (id, mod) {
      id = String(id);
      delete modules[id];
      pendingModules[id] = typeof mod === "function" ? functionBody(mod) : String(mod);
    },
    // jswrap_modules_removeCached: a name that is not cached is an error
    removeCached: function (id) {
      if (typeof id !== "string") throw new Error("First argument must be String");
      var own = Object.prototype.hasOwnProperty;
      if (!own.call(modules, id) && !own.call(pendingModules, id)) throw new Error("Module " + JSON.stringify(id) + " not found");
      delete modules[id]; delete pendingModules[id];
    },
    removeAllCached: function () { modules = {}; pendingModules = {}; },
    getCached: function () { return Object.keys(modules).concat(Object.keys(pendingModules)); }
  });
  hide(G, "Modules", Modules);
  hide(G, "require", function (id) {
    id = String(id);
    if (Object.prototype.hasOwnProperty.call(modules, id)) return modules[id];
    if (Object.prototype.hasOwnProperty.call(pendingModules, id)) {
      var code = pendingModules[id];
      delete pendingModules[id];
      return runModule(id, code);
    }
    if (Object.prototype.hasOwnProperty.call(helpers.builtins, id)) return helpers.builtins[id];
    var src = N.storageRead(id);
    if (src === undefined && id.slice(-3) !== ".js") src = N.storageRead(id + ".js");
    if (src === undefined) throw new Error("Module " + JSON.stringify(id) + " not found"); // jswrap_require: %q
    return runModule(id, src, true);
  });

  var helpers = { toBinaryString: toBinaryString, toUint8Array: toUint8Array, hide: hide, hideAll: hideAll,
    pinNumber: pinNumber, builtins: { ESP32: ESP32 } };
  return helpers;
})`;
