import { invalidParameter } from "@cairn/core";

// Stored monitor blobs are a 4-byte tag, a JSON header and an opaque body (a profile the
// profile module encodes), so either part can evolve on its own and garbage is refused early.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** tag (4 ASCII bytes) + u32 header length + JSON header + body. */
export function frame(tag: string, header: unknown, body: Uint8Array): Uint8Array {
  const json = encoder.encode(JSON.stringify(header));
  const out = new Uint8Array(8 + json.length + body.length);
  out.set(encoder.encode(tag), 0);
  new DataView(out.buffer).setUint32(4, json.length, true);
  out.set(json, 8);
  out.set(body, 8 + json.length);
  return out;
}

/** The header and body of a frame with this tag; anything else is INVALID_PARAMETER_VALUE naming what was expected. */
export function unframe<H>(tag: string, bytes: Uint8Array, what: string): { header: H; body: Uint8Array } {
  if (bytes.length < 8 || decoder.decode(bytes.subarray(0, 4)) !== tag) throw invalidParameter(`This is not ${what} (it does not start with '${tag}'). Build it with this version of Cairn.`);
  const length = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).getUint32(4, true);
  if (8 + length > bytes.length) throw invalidParameter(`${what} is truncated: build it again.`);
  let header: H;
  try {
    header = JSON.parse(decoder.decode(bytes.subarray(8, 8 + length))) as H;
  } catch (error) {
    throw invalidParameter(`${what} has a damaged header (${(error as Error).message}): build it again.`);
  }
  return { header, body: bytes.subarray(8 + length) };
}
