// String built-ins whose board behaviour differs from V8, following Espruino 2v29's src/jswrap_string.c and
// src/jswrap_functions.c. The ESP32 build has no Unicode support: a string is bytes (one char per byte).
// - jswrap_string_fromCharCode: each code is stored as a `char`, so only its low 8 bits count (256 → "\0");
// - jswrap_encodeURIComponent: letters, digits and `- _ . ! ~ * ' ( )` stay, every other byte becomes `%XY`
//   (upper-case hex of the byte: `char` is unsigned on the ESP32's Xtensa, so "é" (C3 A9) is "%C3%A9").

export function fromCharCodes(codes: number[]): string {
  let out = "";
  for (const code of codes) out += String.fromCharCode(code & 255);
  return out;
}

const URI_KEEP = /[A-Za-z0-9_\-.!~*'()]/;

export function encodeURIComponentText(s: string): string {
  let out = "";
  for (let i = 0; i < s.length; i++) {
    const ch = s[i]!;
    if (URI_KEEP.test(ch)) out += ch;
    else out += "%" + (s.charCodeAt(i) & 255).toString(16).toUpperCase().padStart(2, "0");
  }
  return out;
}
