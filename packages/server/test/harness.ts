import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance } from "fastify";
import { openStore, type OpenStoreOptions } from "@cairn/store";
import { createServer } from "@cairn/server";

export interface TestServer {
  app: FastifyInstance;
  /** Sends a request the way MLflow's client does: query string on GET, JSON body otherwise. */
  call(method: string, path: string, body?: unknown): Promise<{ status: number; json: any; text: string }>;
  close(): Promise<void>;
}

/** A real server over a real SQLite store in a temp directory; close() removes both. */
export async function startTestServer(options: OpenStoreOptions = {}): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "cairn-server-"));
  const store = await openStore(`sqlite:///${join(dir, "cairn.db")}`, options);
  const app = await createServer({ store, clock: options.clock });
  return {
    app,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
    async call(method, path, body) {
      const response = await app.inject({
        method: method as "GET",
        url: path,
        ...(body === undefined ? {} : { payload: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json" } }),
      });
      let json: unknown;
      try {
        json = JSON.parse(response.body);
      } catch {
        json = undefined;
      }
      return { status: response.statusCode, json, text: response.body };
    },
  };
}
