// Espruino's built-in modules (require("Storage"|"Wifi"|"net"|"tls")) built inside the sandbox on host natives.

export const PRELUDE_MODULES = String.raw`(function (N, G, H) {
  var hide = H.hide, hideAll = H.hideAll, toBinaryString = H.toBinaryString, parseData = H.v8ParseJSON;

  var Storage = {};
  hideAll(Storage, {
    // jsfReadFile: the file where flash is mapped (no RAM copy); code run from it keeps its functions' code there
    read: function (name, offset, length) {
      var s = N.storageRead(String(name), offset, length);
      if (s !== undefined && !offset && !length) N.mappedFile(s);
      return s;
    },
    readJSON: function (name, noExceptions) {
      var s = N.storageRead(String(name));
      if (s === undefined) return undefined;
      return H.parseJSON(s, true, noExceptions);
    },
    readArrayBuffer: function (name) {
      var s = N.storageRead(String(name));
      return s === undefined ? undefined : H.toUint8Array(s).buffer;
    },
    write: function (name, data, offset, size) {
      // jswrap_storage_write: a plain object is stored as JSON (and always as a new file); anything else as bytes
      if (data !== null && typeof data === "object" && !Array.isArray(data) && !ArrayBuffer.isView(data) && !(data instanceof ArrayBuffer)) {
        data = JSON.stringify(data); offset = 0; size = 0;
      }
      var e = N.storageWrite(String(name), toBinaryString(data), offset | 0, size | 0);
      if (e) throw new Error(e);
      return true;
    },
    writeJSON: function (name, data) {
      var e = N.storageWrite(String(name), JSON.stringify(data), 0, 0);
      if (e) throw new Error(e);
      return true;
    },
    list: function (regex, filter) {
      // jsfListFiles: flash order, filtered with String.match(regex)
      var names = parseData(N.storageList());
      if (regex !== undefined) names = names.filter(function (n) { return n.match(regex) !== null; });
      return names;
    },
    erase: function (name) { N.storageErase(String(name)); },
    eraseAll: function () { N.storageEraseAll(); },
    compact: function () { N.storageCompact(); },
    getFree: function () { return parseData(N.storageStats()).freeBytes; },
    getStats: function () { return parseData(N.storageStats()); },
    hash: function (regex) { return N.crc32(JSON.stringify(this.list(regex))); }
  });

  // Wi-Fi station (ESP32 API, see wifi/wifi-station.ts). Events: associated, connected, disconnected.
  var Wifi = {};
  hideAll(Wifi, {
    connect: function (ssid, options, callback) {
      if (typeof options === "function") { callback = options; options = {}; }
      options = options || {};
      N.wifiConnect(String(ssid), options.password === undefined ? "" : String(options.password), callback);
    },
    disconnect: function (callback) { N.wifiDisconnect(callback); },
    // getIP(cb) calls back with (null, info); the ESP32 getStatus() ignores its callback (jswrap_esp32_network.c)
    getIP: function (callback) { var ip = parseData(N.wifiIP()); if (callback) N.queue(callback, Wifi, [null, ip]); return ip; },
    getStatus: function (callback) { return parseData(N.wifiStatus()); },
    getDetails: function (callback) { var d = parseData(N.wifiDetails()); if (callback) N.queue(callback, Wifi, [d]); return d; },
    scan: function (callback) { N.wifiScan(callback); },
    setHostname: function (name, callback) { N.wifiSetHostname(String(name)); if (callback) N.queue(callback, Wifi, []); },
    getHostname: function (callback) { var h = N.wifiHostname(); if (callback) N.queue(callback, Wifi, [h]); return h; },
    save: function (what) { N.wifiSave(what === undefined ? "" : String(what)); },
    restore: function () { N.wifiRestore(); },
    startAP: function (ssid, options, callback) { if (callback) N.queue(callback, Wifi, ["AP mode is not simulated"]); },
    stopAP: function (callback) { if (callback) N.queue(callback, Wifi, []); },
    setSNTP: function () {},
    getAPIP: function () { return { ip: "0.0.0.0", netmask: "0.0.0.0", gw: "0.0.0.0", mac: "" }; },
    getAPDetails: function () { return { status: "disabled" }; },
    ping: function (host, callback) { N.wifiPing(String(host), callback); },
    setConfig: function () {},
    turbo: function () {}
  });
  if (N.bindWifi) N.bindWifi(Wifi);

  // net/tls sockets: write() stringifies its argument, data arrives as binary strings, events are queued.
  function Socket() {}
  // jswrap_net_socket_write: the data is converted to a string and queued; returns false (node.js compatibility),
  // "drain" tells when the send buffer is empty
  Socket.prototype.write = function (data) {
    if (data !== undefined) N.netWrite(this, String(data));
    return false;
  };
  Socket.prototype.end = function (data) {
    if (data !== undefined) this.write(data);
    N.netEnd(this);
  };
  Socket.prototype.destroy = function () { N.netEnd(this); };
  Socket.prototype.available = function () { return 0; };
  Socket.prototype.setNoDelay = function () {};
  function parseTarget(options, defaultPort) {
    if (typeof options === "string") {
      var m = /^(?:([a-z]+):\/\/)?([^:/]+)(?::(\d+))?/.exec(options);
      return { host: m[2], port: m[3] ? +m[3] : defaultPort };
    }
    return options || {};
  }
  function connectWith(secure) {
    return function (options, callback) {
      var o = parseTarget(options, secure ? 443 : 80);
      var socket = new Socket();
      if (callback) socket.on("connect", callback);
      N.netConnect(socket, String(o.host || "localhost"), (o.port | 0) || (secure ? 443 : 80), secure,
        o.ca === undefined ? undefined : String(o.ca), o.key === undefined ? undefined : String(o.key),
        o.cert === undefined ? undefined : String(o.cert));
      return socket;
    };
  }
  var net = { connect: connectWith(false), Socket: Socket };
  hideAll(net, { createConnection: net.connect });
  var tls = { connect: connectWith(true) };

  // crypto (libs/crypto/jswrap_crypto.c, ESP32 build: USE_CRYPTO, USE_SHA256, USE_SHA512, USE_TLS): each hash
  // returns an ArrayBuffer of the digest; PBKDF2 takes {keySize (32-bit words, default 4), iterations, hasher}.
  // AES is not modelled.
  function digest(alg) {
    return function (message) { return H.toUint8Array(N.cryptoHash(alg, toBinaryString(message))).buffer; };
  }
  var hashers = { SHA1: "sha1", SHA224: "sha224", SHA256: "sha256", SHA384: "sha384", SHA512: "sha512" };
  var crypto = function crypto() {};
  hideAll(crypto, {
    SHA1: digest("sha1"), SHA224: digest("sha224"), SHA256: digest("sha256"), SHA384: digest("sha384"),
    SHA512: digest("sha512"),
    PBKDF2: function (passphrase, salt, options) {
      var keySize = 4, iterations = 1, hasher = "sha1";
      if (options !== null && typeof options === "object") {
        keySize = options.keySize | 0; if (keySize <= 0) keySize = 4;
        iterations = options.iterations | 0; if (iterations < 1) iterations = 1;
        if (options.hasher !== undefined) {
          hasher = Object.prototype.hasOwnProperty.call(hashers, options.hasher) ? hashers[options.hasher] : undefined;
          if (hasher === undefined) throw new Error("Unknown Hasher " + JSON.stringify(String(options.hasher)));
        }
      }
      return H.toUint8Array(N.cryptoPbkdf2(toBinaryString(passphrase), toBinaryString(salt), iterations, keySize * 4, hasher)).buffer;
    }
  });

  H.builtins.Storage = Storage;
  H.builtins.crypto = crypto;
  H.builtins.Wifi = Wifi;
  H.builtins.net = net;
  H.builtins.tls = tls;
})`;
