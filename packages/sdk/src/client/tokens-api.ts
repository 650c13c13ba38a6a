import type { ApiToken } from "@cairn/core";
import type { CallOptions, Transport } from "../http/transport.js";

const BASE = "/api/2.0/cairn/tokens";
// Sent twice, a create makes two live tokens, one of whose secrets nobody ever sees.
const ONCE: CallOptions = { notIdempotent: true };

/** Body of tokens/create. */
export interface CreateTokenRequest {
  name: string;
  /** The token may only call read endpoints. */
  read_only?: boolean;
  /** Omitted: the server's default lifetime. */
  expires_in_days?: number;
  /** Another user's token: admin only. */
  username?: string;
}

/** tokens/create's answer: the secret (`cairn_<token_id>_<random>`) is shown this once and never again. */
export interface CreatedToken {
  token: ApiToken;
  secret: string;
}

/** Cairn's API tokens (/api/2.0/cairn/tokens/...), sent as `Authorization: Bearer <secret>`. */
export interface TokensApi {
  /** POST tokens/create. */
  create(request: CreateTokenRequest): Promise<CreatedToken>;
  /** GET tokens/list: the caller's own; an admin may name a user, or omit it for everyone's. Newest first. */
  list(request?: { username?: string }): Promise<{ tokens: ApiToken[] }>;
  /** POST tokens/revoke: own token, or any as admin; revoking twice is not an error. */
  revoke(request: { token_id: string }): Promise<void>;
}

/** Binds the token endpoints to a transport. */
export function createTokensApi(t: Transport): TokensApi {
  return {
    create: (request) => t.call("POST", `${BASE}/create`, request, ONCE),
    async list(request = {}) {
      const answer = await t.call<{ tokens?: ApiToken[] }>("GET", `${BASE}/list`, request);
      return { tokens: answer.tokens ?? [] };
    },
    revoke: (request) => t.send("POST", `${BASE}/revoke`, request),
  };
}
