import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FastifyInstance, FastifyServerOptions } from "fastify";
import type { CairnStore, PermissionLevel } from "@cairn/core";
import { createLocalArtifactStore } from "@cairn/artifacts";
import { openStore } from "@cairn/store";
import { createServer, type AuthOptions } from "@cairn/server";
import { hashPassword } from "../src/auth/password-hash.js";
import { formatToken, hashSecret, newSecret } from "../src/auth/token-secret.js";

/** Test users' hashes are cheap to check (the parameters live in the hash); users made through the API get the real cost. */
export const CHEAP_SCRYPT = { N: 1024, r: 8, p: 1 };

/** How a test request proves who it is. */
export type As = { basic: [string, string] } | { bearer: string } | { session: string; csrf?: string } | undefined;

/** An answer, with its headers. */
export interface Answer {
  status: number;
  json: any;
  text: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A real server with auth on over a throwaway SQLite database, a controllable clock, and helpers to seed users and tokens. */
export interface AuthTestServer {
  app: FastifyInstance;
  store: CairnStore;
  dir: string;
  dbUri: string;
  /** Milliseconds since the epoch, as every part of the server sees it. */
  now(): number;
  advance(ms: number): void;
  call(method: string, url: string, options?: { as?: As; body?: unknown; headers?: Record<string, string> }): Promise<Answer>;
  /** Creates a user in the store (cheap hash); the password is `${username}-password`. */
  user(username: string, options?: { admin?: boolean }): Promise<{ username: string; password: string; user_id: string }>;
  /** Creates an API token in the store and returns its secret. */
  token(username: string, options?: { read_only?: boolean; expires_at?: number; name?: string }): Promise<{ id: string; secret: string }>;
  close(): Promise<void>;
}

/** Starts Cairn with `auth` on (and an admin `root`), driven in-process through app.inject. */
export async function startAuthTestServer(
  options: AuthOptions & { logger?: FastifyServerOptions["logger"]; logRequests?: boolean; defaultPermission?: PermissionLevel; uiDir?: string } = {},
): Promise<AuthTestServer> {
  const dir = mkdtempSync(join(tmpdir(), "cairn-auth-"));
  let offset = 0;
  const now = () => Date.UTC(2026, 5, 1) + offset;
  let ids = 0;
  const dbUri = `sqlite:///${join(dir, "cairn.db")}`;
  const store = await openStore(dbUri, { clock: now });
  const { logger, logRequests, uiDir, ...auth } = options;
  const app = await createServer({
    store,
    clock: now,
    artifacts: createLocalArtifactStore(join(dir, "artifacts")),
    uiDir: uiDir ?? false,
    ...(logger ? { logger } : {}),
    ...(logRequests ? { logRequests } : {}),
    auth: { clock: now, ...auth },
  });
  const server: AuthTestServer = {
    app,
    store,
    dir,
    dbUri,
    now,
    advance: (ms) => {
      offset += ms;
    },
    async call(method, url, { as, body, headers = {} } = {}) {
      const h: Record<string, string> = { ...headers };
      if (as && "basic" in as) h.authorization = `Basic ${Buffer.from(`${as.basic[0]}:${as.basic[1]}`).toString("base64")}`;
      if (as && "bearer" in as) h.authorization = `Bearer ${as.bearer}`;
      if (as && "session" in as) {
        h.cookie = `cairn_session=${as.session}`;
        if (as.csrf) h["x-cairn-csrf"] = as.csrf;
      }
      if (body !== undefined) h["content-type"] ??= "application/json";
      const response = await app.inject({ method: method as "GET", url, headers: h, ...(body === undefined ? {} : { payload: typeof body === "string" ? body : JSON.stringify(body) }) });
      let json: unknown;
      try {
        json = JSON.parse(response.body);
      } catch {
        json = undefined; // not JSON (text answers); callers assert on text
      }
      return { status: response.statusCode, json, text: response.body, headers: response.headers as Answer["headers"] };
    },
    async user(username, { admin = false } = {}) {
      const password = `${username}-password`;
      const user = await store.createUser({ username, password_hash: await hashPassword(password, CHEAP_SCRYPT), is_admin: admin });
      return { username, password, user_id: user.user_id };
    },
    async token(username, { read_only = false, expires_at, name = `t${++ids}` } = {}) {
      const user = await store.getUser(username);
      const secret = newSecret();
      const id = await store.createCredential({ user_id: user.user_id, kind: "token", name, secret_hash: hashSecret(secret), read_only, ...(expires_at !== undefined ? { expires_at } : {}) });
      return { id, secret: formatToken(id, secret) };
    },
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  await server.user("root", { admin: true });
  return server;
}

/** Basic credentials of a seeded user. */
export const basic = (u: { username: string; password: string }): As => ({ basic: [u.username, u.password] });
