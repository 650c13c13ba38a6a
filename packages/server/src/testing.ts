import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import type { FastifyInstance } from "fastify";
import type { TrackingStore } from "@cairn/core";
import { createLocalArtifactStore } from "@cairn/artifacts";
import { openStore, type OpenStoreOptions } from "@cairn/store";
import { createServer } from "./create-server.js";
import type { AuthOptions } from "./auth/auth-options.js";
import { ensureFirstAdmin } from "./auth/first-admin.js";

/** A real Cairn server on loopback over a throwaway SQLite file and artifact directory, for tests of its clients. */
export interface EphemeralServer {
  url: string;
  app: FastifyInstance;
  store: TrackingStore;
  /** The temporary directory holding the database and the artifacts/ root. */
  dataDir: string;
  /** Stops the server and deletes its database. */
  close(): Promise<void>;
}

/** Starts Cairn in-process on 127.0.0.1 on a free port (or, with listen: false, for app.inject only). */
export async function startEphemeralServer(
  options: OpenStoreOptions & { listen?: boolean; uiDir?: string | false; auth?: AuthOptions; bootstrapAdmin?: { username: string; password: string } } = {},
): Promise<EphemeralServer> {
  const dir = mkdtempSync(join(tmpdir(), "cairn-test-"));
  const store = await openStore(`sqlite:///${join(dir, "cairn.db")}`, options);
  // With auth on, the first administrator is created as `cairn server --auth` creates it from the environment.
  if (options.bootstrapAdmin) await ensureFirstAdmin(store, options.bootstrapAdmin);
  const app = await createServer({
    store,
    clock: options.clock,
    artifacts: createLocalArtifactStore(join(dir, "artifacts")),
    uiDir: options.uiDir ?? false,
    ...(options.auth ? { auth: options.auth } : {}),
  });
  let url = "";
  if (options.listen !== false) {
    await app.listen({ host: "127.0.0.1", port: 0 });
    url = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  }
  return {
    url,
    app,
    store,
    dataDir: dir,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
