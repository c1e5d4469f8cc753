// HMAC-SHA256 (RFC 2104) over byte strings, built on a SHA-256 the caller passes in: the board's firmware has
// require("crypto").SHA256 but no HMAC (libs/crypto/jswrap_crypto.c exposes only SHA1-512, PBKDF2 and AES), and
// Node tests pass their own. Device code: ES5-safe; runs once per update announcement, not per packet.

var HEX = "0123456789abcdef";
var BLOCK = 64;

/** Lower-case hex of a byte string. */
export function toHex(bytes: string): string {
  var s = "";
  for (var i = 0; i < bytes.length; i++) {
    var b = bytes.charCodeAt(i);
    s += HEX.charAt(b >> 4) + HEX.charAt(b & 15);
  }
  return s;
}

/** sha256(bytes) returns the 32-byte digest as a byte string. Result: the MAC as lower-case hex. */
export function hmacSha256Hex(sha256: (bytes: string) => string, key: string, message: string): string {
  if (key.length > BLOCK) key = sha256(key);
  var inner = "";
  var outer = "";
  for (var i = 0; i < BLOCK; i++) {
    var k = i < key.length ? key.charCodeAt(i) : 0;
    inner += String.fromCharCode(k ^ 0x36);
    outer += String.fromCharCode(k ^ 0x5c);
  }
  return toHex(sha256(outer + sha256(inner + message)));
}

/** Compares two strings in time that depends only on their length, so a MAC cannot be guessed byte by byte. */
export function sameText(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  var d = 0;
  for (var i = 0; i < a.length; i++) d |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return d === 0;
}
