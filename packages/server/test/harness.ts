import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";
import type { OpenStoreOptions } from "@cairn/store";

export interface TestServer extends EphemeralServer {
  /** Sends a request the way MLflow's client does: query string on GET, JSON body otherwise. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any; text: string }>;
}

/** A real server over a real SQLite store, driven in-process through app.inject. */
export async function startTestServer(options: OpenStoreOptions = {}): Promise<TestServer> {
  const server = await startEphemeralServer({ ...options, listen: false });
  return {
    ...server,
    async call(method, path, body) {
      const response = await server.app.inject({
        method: method as "GET",
        url: path,
        ...(body === undefined ? {} : { payload: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } }),
      });
      let json: unknown;
      try {
        json = JSON.parse(response.body);
      } catch {
        json = undefined; // not JSON (e.g. /health); callers assert on text
      }
      return { status: response.statusCode, json, text: response.body };
    },
  };
}
