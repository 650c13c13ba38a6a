import { CairnError, ERROR_STATUS, type ErrorCode } from "@cairn/core";

/** A fetched artifact: its content, or only its size when it is too large to preview. */
export type FetchedArtifact = { kind: "text"; text: string } | { kind: "blob"; blob: Blob } | { kind: "too-large"; size: number };

/**
 * GETs an artifact file from the same-origin proxy for a preview. A file larger than limitBytes
 * (by its Content-Length) is not read. A refusal becomes the server's own error (code and message).
 */
export async function fetchArtifact(url: string, as: "text" | "blob", limitBytes: number, signal?: AbortSignal): Promise<FetchedArtifact> {
  const response = await fetch(url, { signal });
  if (!response.ok) throw await refusalOf(response);
  const size = Number(response.headers.get("content-length") ?? Number.NaN);
  if (size > limitBytes) {
    await response.body?.cancel();
    return { kind: "too-large", size };
  }
  return as === "text" ? { kind: "text", text: await response.text() } : { kind: "blob", blob: await response.blob() };
}

async function refusalOf(response: Response): Promise<Error> {
  const body = await response.text();
  const envelope = readEnvelope(body);
  if (envelope && envelope.code in ERROR_STATUS) return new CairnError(envelope.code as ErrorCode, envelope.message);
  const excerpt = body.trim().slice(0, 200);
  return new Error(`The server answered HTTP ${response.status}${excerpt ? `: ${excerpt}` : ""}`);
}

function readEnvelope(body: string): { code: string; message: string } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined; // not MLflow's envelope: the caller quotes the raw answer instead
  }
  if (typeof parsed !== "object" || parsed === null) return undefined;
  const { error_code: code, message } = parsed as { error_code?: unknown; message?: unknown };
  return typeof code === "string" ? { code, message: typeof message === "string" ? message : code } : undefined;
}
