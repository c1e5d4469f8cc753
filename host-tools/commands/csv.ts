// CSV as spreadsheets write it (RFC 4180): comma-separated, fields in double quotes may hold commas, line breaks
// and "" for a quote; CRLF or LF line ends. Used for `espnode station`'s device list and its report.
import { EspnodeError } from "../transport/errors.ts";

export interface CsvRecord {
  /** The file line the record starts on (1-based), for messages. */
  line: number;
  fields: string[];
}

/** Parses CSV text into records; blank lines are skipped. Throws a usage error for an unterminated quote. */
export function parseCsv(text: string, path: string): CsvRecord[] {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let line = 1;
  let start = 1;
  let quoted = false;
  let sawAny = false; // the current record has a field (so "" alone is a record with one empty field)
  let fieldQuoted = false; // spaces around an unquoted field are dropped; a quoted field is kept as written
  const pushField = () => {
    fields.push(fieldQuoted ? field : field.trim());
    field = "";
    fieldQuoted = false;
  };
  const s = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // a BOM from spreadsheet exports
  const endRecord = () => {
    const blank = !sawAny && field.trim() === "";
    pushField();
    if (!blank) records.push({ line: start, fields });
    fields = [];
    sawAny = false;
  };
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (quoted) {
      if (c === '"') {
        if (s[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false; // characters up to the next comma are ignored, as spreadsheets do
      } else {
        if (c === "\n") line++;
        field += c;
      }
      continue;
    }
    if (c === '"' && field.trim() === "" && !fieldQuoted) {
      quoted = true;
      fieldQuoted = true;
      sawAny = true;
      field = "";
    } else if (c === ",") {
      pushField();
      sawAny = true;
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && s[i + 1] === "\n") i++;
      endRecord();
      line++;
      start = line;
    } else if (!fieldQuoted) {
      field += c;
    }
  }
  if (quoted) throw new EspnodeError("usage", `${path}: the quoted field starting on line ${start} never ends.`, 'Close the field with a ", or write a quote inside it as "".');
  endRecord();
  return records;
}

/** One CSV line: fields holding a comma, quote or line break are quoted. */
export function csvLine(fields: (string | number | undefined)[]): string {
  return fields
    .map((v) => {
      const s = v === undefined ? "" : String(v);
      return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
    })
    .join(",");
}
