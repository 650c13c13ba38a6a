import { invalidParameter } from "@cairn/core";

const QUOTE = 34;
const COMMA = 44;
const LF = 10;
const CR = 13;

/** What scan() found: a whole record, or the end of the buffer in the middle of one. */
export const INCOMPLETE = -1;

/**
 * Finds the fields of one CSV record (RFC 4180: comma-separated, fields optionally in double
 * quotes with "" for a quote, which may hold commas and line breaks; records end in CRLF or LF)
 * as byte ranges of a buffer, without decoding anything. The ranges live in typed arrays reused
 * from record to record, so scanning allocates nothing.
 */
export class CsvRecordScanner {
  starts: Int32Array;
  ends: Int32Array;
  /** 1 when the field was quoted and holds "" escapes (the range still includes them). */
  escaped: Uint8Array;
  /** Fields in the last record scanned; may exceed the arrays' capacity, whose extra fields are not recorded. */
  count = 0;
  /** Line breaks inside quoted fields of the last record, so error messages can give line numbers. */
  innerLines = 0;
  /** 1 when a field of the last record was quoted (so an empty record is not a blank line). */
  anyQuoted = 0;

  constructor(capacity: number) {
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.escaped = new Uint8Array(capacity);
  }

  /** Grows the field arrays to hold at least capacity fields. */
  reserve(capacity: number): void {
    if (capacity <= this.starts.length) return;
    this.starts = new Int32Array(capacity);
    this.ends = new Int32Array(capacity);
    this.escaped = new Uint8Array(capacity);
  }

  /**
   * Scans the record starting at pos in buf[0, len) and returns where the next record starts, or
   * INCOMPLETE when the buffer ends inside it and more data may follow (eof false). `line` is
   * only for the message of a malformed record.
   */
  scan(buf: Uint8Array, pos: number, len: number, eof: boolean, line: number): number {
    const capacity = this.starts.length;
    let i = pos;
    let field = 0;
    let innerLines = 0;
    let anyQuoted = 0;
    for (;;) {
      let start: number;
      let end: number;
      let escaped = 0;
      if (i < len && buf[i] === QUOTE) {
        anyQuoted = 1;
        let j = i + 1;
        for (;;) {
          if (j >= len) {
            if (!eof) return INCOMPLETE;
            throw invalidParameter(`The CSV input has a quoted field opened on line ${line} that is never closed; check for a stray double quote.`);
          }
          const c = buf[j]!;
          if (c === QUOTE) {
            if (j + 1 >= len && !eof) return INCOMPLETE;
            if (buf[j + 1] === QUOTE) {
              escaped = 1;
              j += 2;
              continue;
            }
            break;
          }
          if (c === LF) innerLines++;
          j++;
        }
        start = i + 1;
        end = j;
        i = j + 1;
        if (i < len && buf[i] !== COMMA && buf[i] !== LF && buf[i] !== CR) {
          throw invalidParameter(`The CSV input has text after a closing quote on line ${line + innerLines}; a quoted field must end at a comma or a line break (write a quote inside one as "").`);
        }
      } else {
        let j = i;
        while (j < len) {
          const c = buf[j]!;
          if (c === COMMA || c === LF || c === CR) break;
          j++;
        }
        start = i;
        end = j;
        i = j;
      }
      if (field < capacity) {
        this.starts[field] = start;
        this.ends[field] = end;
        this.escaped[field] = escaped;
      }
      field++;
      if (i >= len) {
        if (!eof) return INCOMPLETE;
        return this.finish(field, innerLines, anyQuoted, len);
      }
      const c = buf[i]!;
      if (c === COMMA) {
        i++;
        continue;
      }
      if (c === LF) return this.finish(field, innerLines, anyQuoted, i + 1);
      // CR: CRLF ends the record; so does a lone CR (classic Mac files).
      if (i + 1 >= len && !eof) return INCOMPLETE;
      return this.finish(field, innerLines, anyQuoted, buf[i + 1] === LF ? i + 2 : i + 1);
    }
  }

  private finish(count: number, innerLines: number, anyQuoted: number, next: number): number {
    this.count = count;
    this.innerLines = innerLines;
    this.anyQuoted = anyQuoted;
    return next;
  }
}
