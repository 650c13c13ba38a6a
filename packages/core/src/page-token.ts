import { invalidParameter } from "./errors.js";

/** Encodes a pagination cursor as the opaque base64 token MLflow clients pass back verbatim. */
export function encodePageToken(cursor: Record<string, unknown>): string {
  const bytes = new TextEncoder().encode(JSON.stringify(cursor));
  return btoa(String.fromCharCode(...bytes));
}

/** Decodes a token made by encodePageToken; a token that was not is a client error. */
export function decodePageToken<T extends Record<string, unknown>>(
  token: string,
  isValid: (cursor: Record<string, unknown>) => cursor is T,
): T {
  let cursor: unknown;
  try {
    const bytes = Uint8Array.from(atob(token), (c) => c.charCodeAt(0));
    cursor = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    cursor = undefined; // not base64 or not JSON: reported below like any other foreign token
  }
  if (typeof cursor !== "object" || cursor === null || !isValid(cursor as Record<string, unknown>)) {
    throw invalidParameter(`Invalid page token '${token}': pass back the next_page_token of a previous answer unchanged.`);
  }
  return cursor as T;
}

/** Offset cursors: MLflow's own token shape, {"offset": N}. */
export function isOffsetCursor(cursor: Record<string, unknown>): cursor is { offset: number } {
  return Number.isSafeInteger(cursor.offset) && (cursor.offset as number) >= 0;
}

/** Where an offset-paginated listing starts: 0 without a token (MLflow clients send "" for none). */
export function offsetFromToken(token: string | undefined): number {
  return token ? decodePageToken(token, isOffsetCursor).offset : 0;
}

/**
 * The token of the page after one that starts at offset and holds limit items, given how many
 * rows a query asking for limit + 1 got back; undefined on the last page.
 */
export function nextOffsetToken(fetched: number, offset: number, limit: number): string | undefined {
  return fetched > limit ? encodePageToken({ offset: offset + limit }) : undefined;
}
