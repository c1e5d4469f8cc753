// The tokens JSON.parse reads, as Espruino 2v29's lexer makes them (src/jslex.c jslGetNextToken, jslLexString,
// jslLexRegex, jslSkipWhiteSpace; token ids from src/jslex.h; names from jslTokenAsString / jslGetTokenString).
// The board parses JSON with its JavaScript lexer, so comments, single quotes, `\x41` and octal escapes, `0x10`,
// `1_000` and `.5` are read, and the error messages name the lexer's tokens. Not modelled: pretokenised bytes
// (0xD1-0xD5 outside a string) and UTF-8 (an ESP32 build has no Unicode support: `\u00e9` is one byte).

export const LEX_EOF = 0;
export const LEX_ID = 128;
export const LEX_INT = 129;
export const LEX_FLOAT = 130;
export const LEX_STR = 131;
const LEX_UNFINISHED_STR = 132;
const LEX_TEMPLATE_LITERAL = 133;
const LEX_UNFINISHED_TEMPLATE_LITERAL = 134;
const LEX_REGEX = 135;
const LEX_UNFINISHED_COMMENT = 137;
const TOKENS_START = 138;
const R_LIST_START = 163;
const R_LIST_END = 198;
const TOKENS_END = 208;

/** jslReservedWordAsString's table, from _LEX_TOKENS_START (operators, `=>`, reserved words, padding, `??`). */
const TOKEN_NAMES = [
  "==", "===", "!=", "!==", "<=", "<<", "<<=", ">=", ">>", ">>>", ">>=", ">>>=", "+=", "-=", "++", "--", "*=", "/=",
  "%=", "&=", "&&", "|=", "||", "^=", "=>",
  "if", "else", "do", "while", "for", "break", "continue", "function", "return", "var", "let", "const", "this",
  "throw", "try", "catch", "finally", "true", "false", "null", "undefined", "new", "in", "instanceof", "switch",
  "case", "default", "delete", "typeof", "void", "debugger", "class", "extends", "super", "static", "of",
  "", "", "", "", "", "", "", "", "",
  "??",
];
const tk = (name: string): number => TOKENS_START + TOKEN_NAMES.indexOf(name);
export const LEX_R_TRUE = tk("true");
export const LEX_R_FALSE = tk("false");
export const LEX_R_NULL = tk("null");
const LEX_R_UNDEFINED = tk("undefined");
const RESERVED = new Map(TOKEN_NAMES.slice(R_LIST_START - TOKENS_START, R_LIST_END - TOKENS_START + 1).map((w) => [w, tk(w)]));

/** Characters after which `/` starts a regular expression (jslGetNextToken, JSLJT_FORWARDSLASH). */
const BEFORE_REGEX = new Set([..."!%&*+-/<=>?[{}(,;:"].map((c) => c.charCodeAt(0)));

const MAX_TOKEN_LENGTH = 64; // JSLEX_MAX_TOKEN_LENGTH: a token keeps 63 characters

/** jslTokenAsString. */
export function tokenAsString(token: number): string {
  if (token > 32 && token < 128) return `'${String.fromCharCode(token)}'`;
  switch (token) {
    case LEX_EOF: return "EOF";
    case LEX_ID: return "ID";
    case LEX_INT: return "INT";
    case LEX_FLOAT: return "FLOAT";
    case LEX_STR: return "STRING";
    case LEX_UNFINISHED_STR: return "UNFINISHED STRING";
    case LEX_TEMPLATE_LITERAL: return "TEMPLATE LITERAL";
    case LEX_UNFINISHED_TEMPLATE_LITERAL: return "UNFINISHED TEMPLATE LITERAL";
    case LEX_REGEX: return "REGEX";
    case LEX_REGEX + 1: return "UNFINISHED REGEX";
    case LEX_UNFINISHED_COMMENT: return "UNFINISHED COMMENT";
    case 255: return "[ERASED]";
  }
  if (token >= TOKENS_START && token <= TOKENS_END) return TOKEN_NAMES[token - TOKENS_START]!;
  return `?[${token}]`;
}

const isWhitespace = (c: number) => c === 9 || c === 11 || c === 12 || c === 32 || c === 10 || c === 13;
const isAlpha = (c: number) => (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95;
const isNumeric = (c: number) => c >= 48 && c <= 57;
const isHexadecimal = (c: number) => isNumeric(c) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

export type LexError = (type: "Error" | "SyntaxError", message: string, pos: number) => void;

export class JsonLexer {
  tk = LEX_EOF;
  /** Where the current and the previous token start (lex->tokenStart / tokenLastStart). */
  tokenStart = 0;
  tokenLastStart = 0;
  /** The token's text (ID, INT, FLOAT: at most 63 characters) or a string's value. */
  value = "";
  private i = 0;

  constructor(
    private readonly src: string,
    private readonly error: LexError,
  ) {
    this.next();
  }

  /** lex->currCh: a NUL byte reads as the end of the text, as in the C lexer. */
  private ch(at = this.i): number {
    return at < this.src.length ? this.src.charCodeAt(at) : 0;
  }

  private append(c: number): void {
    if (this.value.length < MAX_TOKEN_LENGTH - 1) this.value += String.fromCharCode(c);
  }

  isIDOrReservedWord(): boolean {
    return this.tk === LEX_ID || (this.tk >= R_LIST_START && this.tk <= R_LIST_END);
  }

  /** jslGetTokenString: the token as a match error names it, in its 30-byte buffer. */
  tokenString(): string {
    const text = this.tk === LEX_ID ? `ID:${this.value}` : this.tk === LEX_STR ? `String:'${this.value.slice(0, MAX_TOKEN_LENGTH - 1)}'` : tokenAsString(this.tk);
    return text.slice(0, 29);
  }

  /** jslGetNextToken. */
  next(): void {
    const lastToken = this.tk;
    this.tk = LEX_EOF;
    this.value = "";
    this.tokenLastStart = this.tokenStart;
    for (;;) {
      this.tokenStart = this.i;
      const c = this.ch();
      if (!(isWhitespace(c) || c === 0x2f)) break;
      // JSLJT_MAYBE_WHITESPACE ('/' too, for comments)
      if (!this.skipWhiteSpace()) return;
      if (!this.ch()) return;
      if (this.ch() === 0x2f) {
        this.tokenStart = this.i;
        this.forwardSlash(lastToken);
        return;
      }
    }
    const c = this.ch();
    if (isAlpha(c) || c === 0x24) this.identifier();
    else if (isNumeric(c) || c === 0x2e) this.number();
    else if (c === 0x22 || c === 0x27 || c === 0x60) this.string();
    else this.operator(c);
  }

  /** jslSkipWhiteSpace; false when it stopped in an unfinished block comment. */
  private skipWhiteSpace(): boolean {
    for (;;) {
      while (isWhitespace(this.ch())) this.i++;
      if (this.ch() !== 0x2f) return true;
      if (this.ch(this.i + 1) === 0x2f) {
        while (this.ch() && this.ch() !== 10) this.i++;
        this.i++;
      } else if (this.ch(this.i + 1) === 0x2a) {
        this.i += 2;
        while (this.ch() && !(this.ch() === 0x2a && this.ch(this.i + 1) === 0x2f)) this.i++;
        if (!this.ch()) {
          this.tk = LEX_UNFINISHED_COMMENT;
          return false;
        }
        this.i += 2;
      } else return true;
    }
  }

  private forwardSlash(lastToken: number): void {
    const regex =
      lastToken === LEX_EOF ||
      (lastToken >= TOKENS_START && lastToken <= TOKENS_END && lastToken !== LEX_R_TRUE && lastToken !== LEX_R_FALSE &&
        lastToken !== LEX_R_NULL && lastToken !== LEX_R_UNDEFINED) ||
      BEFORE_REGEX.has(lastToken);
    if (!regex) return this.operator(0x2f);
    // jslLexRegex
    this.i++;
    while (this.ch() && this.ch() !== 0x2f) {
      if (this.ch() === 0x5c) this.i++;
      else if (this.ch() === 10) break;
      this.i++;
    }
    this.tk = LEX_REGEX;
    if (this.ch() !== 0x2f) this.tk++;
    else {
      this.i++;
      while ("gimyu".includes(String.fromCharCode(this.ch()) || "-")) this.i++;
    }
  }

  private identifier(): void {
    while (isAlpha(this.ch()) || isNumeric(this.ch()) || this.ch() === 0x24) this.append(this.ch()), this.i++;
    this.tk = (this.value.length > 1 && RESERVED.get(this.value)) || LEX_ID;
  }

  private number(): void {
    let canBeFloating = true;
    if (this.ch() === 0x2e) {
      this.i++;
      if (!isNumeric(this.ch())) {
        this.tk = 0x2e;
        return;
      }
      this.tk = LEX_FLOAT;
      this.append(0x2e);
    } else {
      if (this.ch() === 0x30) {
        this.append(this.ch());
        this.i++;
        if ("xXbBoO".includes(String.fromCharCode(this.ch()) || "-")) {
          canBeFloating = false;
          this.append(this.ch());
          this.i++;
        }
      }
      this.tk = LEX_INT;
      while (isNumeric(this.ch()) || (!canBeFloating && isHexadecimal(this.ch())) || this.ch() === 0x5f) {
        if (this.ch() !== 0x5f) this.append(this.ch());
        this.i++;
      }
      if (canBeFloating && this.ch() === 0x2e) {
        this.tk = LEX_FLOAT;
        this.append(0x2e);
        this.i++;
      }
    }
    if (this.tk === LEX_FLOAT) {
      while (isNumeric(this.ch()) || this.ch() === 0x5f) {
        if (this.ch() !== 0x5f) this.append(this.ch());
        this.i++;
      }
    }
    if (canBeFloating && (this.ch() === 0x65 || this.ch() === 0x45)) {
      this.tk = LEX_FLOAT;
      this.append(this.ch());
      this.i++;
      if (this.ch() === 0x2d || this.ch() === 0x2b) {
        this.append(this.ch());
        this.i++;
      }
      while (isNumeric(this.ch()) || this.ch() === 0x5f) {
        if (this.ch() !== 0x5f) this.append(this.ch());
        this.i++;
      }
    }
  }

  /** jslLexString (without ESPR_UNICODE_SUPPORT): escapes give one byte each. */
  private string(): void {
    const delim = this.ch();
    let out = "";
    this.i++;
    let lastCh = delim;
    let nesting = 0;
    let hasTemplate = false;
    while (this.ch() && (this.ch() !== delim || nesting)) {
      if (delim === 0x60) {
        if ((lastCh === 0x24 || nesting) && this.ch() === 0x7b) {
          nesting++;
          hasTemplate = true;
        } else if (nesting && this.ch() === 0x7d) nesting--;
      }
      if (nesting === 0 && this.ch() === 0x5c) {
        this.i++;
        let c = this.ch();
        const simple: Record<number, number> = { 0x6e: 10, 0x62: 8, 0x66: 12, 0x72: 13, 0x74: 9, 0x76: 11 };
        if (simple[c] !== undefined) {
          c = simple[c]!;
          this.i++;
        } else if (c === 0x75 || c === 0x78) {
          let len = c === 0x75 ? 4 : 2;
          let digits = "";
          this.i++;
          while (len--) {
            if (!this.ch() || !isHexadecimal(this.ch())) {
              this.error("Error", "Invalid escape sequence", this.tokenLastStart);
              break;
            }
            digits += String.fromCharCode(this.ch());
            this.i++;
          }
          c = (digits ? parseInt(digits, 16) : 0) & 255;
        } else if (c >= 0x30 && c <= 0x37) {
          let digits = String.fromCharCode(c);
          this.i++;
          for (let n = 0; n < 2 && this.ch() >= 0x30 && this.ch() <= 0x37; n++) digits += String.fromCharCode(this.ch()), this.i++;
          c = parseInt(digits, 8) & 255;
        } else this.i++;
        lastCh = c;
        out += String.fromCharCode(c);
      } else if (this.ch() === 10 && delim !== 0x60) {
        break;
      } else {
        out += this.src[this.i];
        lastCh = this.ch();
        this.i++;
      }
    }
    this.value = out;
    this.tk = delim === 0x60 && hasTemplate ? LEX_TEMPLATE_LITERAL : LEX_STR;
    if (this.ch() !== delim) this.tk = delim === 0x60 ? LEX_UNFINISHED_TEMPLATE_LITERAL : LEX_UNFINISHED_STR;
    this.i++;
  }

  /** Single characters and the operators made of several (`!==`, `>>>=`, `??`...). */
  private operator(c: number): void {
    this.tk = c & 255;
    this.i++;
    const at = (s: string) => {
      if (String.fromCharCode(this.ch()) !== s || !this.ch()) return false;
      this.i++;
      return true;
    };
    const op = (name: string) => (this.tk = tk(name));
    switch (c) {
      case 0x21: if (at("=")) { op("!="); if (at("=")) op("!=="); } break;
      case 0x2b: if (at("=")) op("+="); else if (at("+")) op("++"); break;
      case 0x2d: if (at("=")) op("-="); else if (at("-")) op("--"); break;
      case 0x26: if (at("=")) op("&="); else if (at("&")) op("&&"); break;
      case 0x7c: if (at("=")) op("|="); else if (at("|")) op("||"); break;
      case 0x5e: if (at("=")) op("^="); break;
      case 0x2a: if (at("=")) op("*="); break;
      case 0x3f: if (at("?")) op("??"); break;
      case 0x2f: if (at("=")) op("/="); break;
      case 0x25: if (at("=")) op("%="); break;
      case 0x3d: if (at("=")) { op("=="); if (at("=")) op("==="); } else if (at(">")) op("=>"); break;
      case 0x3c: if (at("=")) op("<="); else if (at("<")) { op("<<"); if (at("=")) op("<<="); } break;
      case 0x3e:
        if (at("=")) op(">=");
        else if (at(">")) {
          op(">>");
          if (at("=")) op(">>=");
          else if (at(">")) op(at("=") ? ">>>=" : ">>>");
        }
        break;
    }
  }
}
