/**
 * The container every profile encoding uses: a version byte, a kind byte, two zero bytes, the
 * byte length of a JSON header (u32 LE), the header, then raw little-endian sections, each
 * starting at a multiple of 8 bytes so that decoding can view Float64Arrays in place instead of
 * copying them. The header lists the sections ([type, element count]); names, maps and small
 * counts live in the header.
 */
import { CairnError } from "@cairn/core";

/** Version of the encoding; decoders reject any other. */
export const PROFILE_FORMAT_VERSION = 1;
const F64 = 0;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });
const U8 = 1;

/** Sections are the machine's typed-array bytes; every platform Node supports here is little-endian. */
function checkLittleEndian(): void {
  if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
    throw new CairnError("NOT_IMPLEMENTED", "profile encoding needs a little-endian platform");
  }
}

/** Throws the error every malformed input gets. */
export function malformed(what: string, detail: string): never {
  throw new CairnError("INVALID_PARAMETER_VALUE", `not a valid encoded ${what}: ${detail}`);
}

/** Collects sections, then writes the container. */
export class SectionWriter {
  private readonly parts: Uint8Array[] = [];
  private readonly table: [number, number][] = [];

  /** Appends a Float64Array section. */
  f64(values: Float64Array): void {
    this.parts.push(new Uint8Array(values.buffer, values.byteOffset, values.byteLength));
    this.table.push([F64, values.length]);
  }

  /** Appends a byte section. */
  u8(values: Uint8Array): void {
    this.parts.push(values);
    this.table.push([U8, values.length]);
  }

  /** The encoded bytes: kind byte, header (given the section table as `s`), sections. */
  finish(kind: number, header: Record<string, unknown>): Uint8Array {
    checkLittleEndian();
    const json = encoder.encode(JSON.stringify({ ...header, s: this.table }));
    let size = pad8(8 + json.length);
    for (const p of this.parts) size += pad8(p.length);
    const out = new Uint8Array(size);
    out[0] = PROFILE_FORMAT_VERSION;
    out[1] = kind;
    new DataView(out.buffer).setUint32(4, json.length, true);
    out.set(json, 8);
    let offset = pad8(8 + json.length);
    for (const p of this.parts) {
      out.set(p, offset);
      offset += pad8(p.length);
    }
    return out;
  }
}

/** Reads a container written by SectionWriter. */
export class SectionReader {
  readonly header: Record<string, unknown>;
  private readonly offsets: number[] = [];
  private readonly table: [number, number][];
  private next = 0;

  /** Parses and checks the container; `what` names the thing in error messages. */
  constructor(
    private readonly bytes: Uint8Array,
    kind: number,
    private readonly what: string,
  ) {
    checkLittleEndian();
    if (!(bytes instanceof Uint8Array)) malformed(what, "expected bytes (a Uint8Array)");
    if (bytes.length < 8) malformed(what, `${bytes.length} bytes is too short`);
    if (bytes[0] !== PROFILE_FORMAT_VERSION) {
      malformed(what, `format version ${bytes[0]}, this Cairn reads version ${PROFILE_FORMAT_VERSION}`);
    }
    if (bytes[1] !== kind) malformed(what, `it holds kind ${bytes[1]}, expected ${kind}`);
    const length = new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, true);
    if (8 + length > bytes.length) malformed(what, "the header runs past the end");
    let header: unknown;
    try {
      header = JSON.parse(decoder.decode(bytes.subarray(8, 8 + length)));
    } catch (err) {
      throw new CairnError("INVALID_PARAMETER_VALUE", `not a valid encoded ${what}: unreadable header`, { cause: err });
    }
    if (typeof header !== "object" || header === null || Array.isArray(header)) malformed(what, "the header is not an object");
    this.header = header as Record<string, unknown>;
    const table = this.header.s;
    if (!Array.isArray(table)) malformed(what, "no section table");
    let offset = pad8(8 + length);
    for (const entry of table) {
      if (!Array.isArray(entry) || (entry[0] !== F64 && entry[0] !== U8) || !isCount(entry[1])) {
        malformed(what, "bad section table entry");
      }
      this.offsets.push(offset);
      offset += pad8(entry[1] * (entry[0] === F64 ? 8 : 1));
    }
    if (offset !== bytes.length) malformed(what, `sections end at byte ${offset} but the input has ${bytes.length}`);
    this.table = table as [number, number][];
  }

  /** The next section as a Float64Array (a view of the input when aligned, else a copy). */
  f64(expectedLength?: number): Float64Array {
    const [, n, offset] = this.take(F64, expectedLength);
    const start = this.bytes.byteOffset + offset;
    if (start % 8 === 0) return new Float64Array(this.bytes.buffer, start, n);
    // Uint8Array's slice copies; a Node Buffer's would return a view of the pool, misaligned again.
    return new Float64Array(Uint8Array.prototype.slice.call(this.bytes, offset, offset + n * 8).buffer, 0, n);
  }

  /** The next section as bytes (a view of the input). */
  u8(expectedLength?: number): Uint8Array {
    const [, n, offset] = this.take(U8, expectedLength);
    return this.bytes.subarray(offset, offset + n);
  }

  /** Fails unless every section was read. */
  done(): void {
    if (this.next !== this.table.length) malformed(this.what, `${this.table.length - this.next} sections left unread`);
  }

  private take(type: number, expectedLength: number | undefined): [number, number, number] {
    const entry = this.table[this.next];
    if (!entry) malformed(this.what, "fewer sections than the header describes");
    if (entry[0] !== type) malformed(this.what, `section ${this.next} has the wrong type`);
    if (expectedLength !== undefined && entry[1] !== expectedLength) {
      malformed(this.what, `section ${this.next} holds ${entry[1]} values, expected ${expectedLength}`);
    }
    return [type, entry[1], this.offsets[this.next++]!];
  }
}

/** x rounded up to a multiple of 8. */
function pad8(x: number): number {
  return (x + 7) & ~7;
}

/** A non-negative integer. */
export function isCount(v: unknown): v is number {
  return typeof v === "number" && Number.isInteger(v) && v >= 0;
}
