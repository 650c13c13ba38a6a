import type { FetchLike } from "@cairn/sdk";

/** A recorded request: method and path (without the API prefix and query). */
export interface SeenRequest {
  method: string;
  path: string;
  body: unknown;
}

/** Wraps the real fetch and records every request, so tests can count what the SDK sent. */
export function countingFetch(): { fetch: FetchLike; seen: SeenRequest[]; count(path: string): number } {
  const seen: SeenRequest[] = [];
  const fetch: FetchLike = (url, init) => {
    const path = new URL(url).pathname.replace("/api/2.0/mlflow", "");
    seen.push({ method: init.method ?? "GET", path, body: typeof init.body === "string" ? JSON.parse(init.body) : undefined });
    return globalThis.fetch(url, init);
  };
  return { fetch, seen, count: (path) => seen.filter((r) => r.path === path).length };
}
