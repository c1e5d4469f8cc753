// Espruino's RegExp inside the sandbox: replaces V8's global RegExp with the board's (an object holding `source`,
// `flags` only when given, and `lastIndex`; exec/test on the ported engine), defines the hidden constructor that
// regex literals are rewritten into, and gives String.prototype.match/replace/replaceAll/split the board's
// behaviour (src/jswrap_string.c), with a RegExp and with a plain string. `search` and `matchAll` do not exist on
// the board. Prelude code keeps using V8 regex literals: those are not rewritten and still reach V8's methods.
// Natives (see regexp-natives.ts): regexExec/regexTest/regexMatch/regexReplace/regexSplit, interrupted.

export const PRELUDE_REGEXP = String.raw`(function (N, G, H, literalName) {
  var hide = H.hide, hideAll = H.hideAll;

  // '%t' in jsExceptionHere: the basic object name of a value
  function typeName(v) {
    if (v === null) return "null";
    if (v === undefined) return "undefined";
    if (typeof v === "string") return "String";
    if (typeof v === "number") return "Number";
    if (typeof v === "boolean") return "Boolean";
    if (typeof v === "function") return "Function";
    if (Array.isArray(v)) return "Array";
    return "Object";
  }

  // jswrap_regexp_constructor; works with or without 'new', as on the board
  function RegExp(source, flags) {
    if (typeof source !== "string") throw new TypeError("Expecting String as first argument, got " + typeName(source));
    var r = Object.create(RegExp.prototype);
    r.source = source;
    if (flags !== undefined) {
      // the board reports the first argument's type here too
      if (typeof flags !== "string") throw new TypeError("Expecting String as first argument, got " + typeName(source));
      r.flags = flags;
    }
    r.lastIndex = 0;
    return r;
  }
  function matchArray(m) {
    if (m === null || m === undefined) return m;
    var a = [];
    for (var i = 0; i < m.items.length; i++) a.push(m.items[i]);
    a.index = m.index;
    a.input = m.input;
    return a;
  }
  function copyArray(list) {
    var a = [];
    for (var i = 0; i < list.length; i++) a.push(list[i]);
    return a;
  }
  hideAll(RegExp.prototype, {
    exec: function (str) { return matchArray(N.regexExec(this, String(str))); },
    test: function (str) { return N.regexTest(this, String(str)); }
  });
  Object.defineProperty(G, "RegExp", { value: RegExp, writable: true, enumerable: false, configurable: true });
  hide(G, literalName, function (source, flags) { return RegExp(source, flags); });

  function isRegExp(v) { return v instanceof RegExp; }
  var v8Split = String.prototype.split;
  function replaceWith(self, sub, rep, all) {
    var str = String(self);
    if (isRegExp(sub)) {
      var replacement = typeof rep === "function"
        ? function () { return String(rep.apply(undefined, arguments)); }
        : (typeof rep === "string" ? rep : String(rep));
      return N.regexReplace(str, sub, replacement, all);
    }
    // a plain string: literal text, no '$' patterns, a function inserted as its text
    sub = String(sub);
    rep = String(rep);
    var idx = str.indexOf(sub);
    while (idx >= 0 && !N.interrupted()) {
      str = str.slice(0, idx) + rep + str.slice(idx + sub.length);
      if (!all) break;
      idx = str.indexOf(sub, idx + rep.length);
    }
    return str;
  }
  hideAll(String.prototype, {
    match: function (sub) {
      var str = String(this);
      if (sub === undefined) return undefined;
      if (isRegExp(sub)) {
        var m = N.regexMatch(str, sub);
        return Array.isArray(m) ? copyArray(m) : matchArray(m);
      }
      // a plain string is found with indexOf; 'input' is the searched-for string on the board
      sub = String(sub);
      var idx = str.indexOf(sub);
      if (idx < 0) return null;
      var found = [sub];
      found.index = idx;
      found.input = sub;
      return found;
    },
    replace: function (sub, rep) { return replaceWith(this, sub, rep, false); },
    replaceAll: function (sub, rep) { return replaceWith(this, sub, rep, true); },
    split: function (separator) {
      var str = String(this);
      if (isRegExp(separator)) return copyArray(N.regexSplit(str, separator));
      // no limit argument on the board
      return v8Split.call(str, separator);
    }
  });
  delete String.prototype.search;
  delete String.prototype.matchAll;
})`;
