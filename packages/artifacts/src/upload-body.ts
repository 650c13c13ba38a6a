import { CairnError, isCairnError } from "@cairn/core";

/**
 * Iterates an upload body, turning a failure of the body itself (a client that disconnects
 * mid-upload, say) into BAD_REQUEST. Callers can then tell a broken request from a storage
 * failure: anything else thrown while writing came from the store.
 */
export async function* readUploadBody(body: AsyncIterable<Uint8Array>, path: string): AsyncGenerator<Uint8Array> {
  try {
    for await (const chunk of body) yield chunk;
  } catch (error) {
    if (isCairnError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new CairnError("BAD_REQUEST", `The upload of '${path}' failed while its body was being read (${reason}); nothing was stored, send it again.`, { cause: error });
  }
}
