import type { FastifyInstance } from "fastify";
import { CairnError, invalidParameter, notFound, type CairnStore } from "@cairn/core";
import { addRoute } from "../route.js";
import { CreateToken, ListTokens, RevokeToken } from "./auth-schemas.js";
import { callerIsAdmin, callerName, requireAdminFor } from "./caller.js";
import { formatToken, hashSecret, newSecret } from "./token-secret.js";

const DAY_MS = 86_400_000;

/** tokens/create (the secret is in this one answer only), tokens/list and tokens/revoke. */
export function tokenRoutes(app: FastifyInstance, store: CairnStore, clock: () => number): void {
  addRoute(app, {
    method: "POST",
    url: "/tokens/create",
    summary: "Create an API token for yourself (administrators: for anyone); the secret is returned once",
    input: CreateToken,
    // Not "read": a read-only token must not mint itself a read-write one.
    permission: { resource: "server", level: "edit" },
    handler: async (input, _params, request) => {
      const owner = input.username ?? callerName(request);
      if (owner === undefined) throw invalidParameter("Missing value for 'username': with authentication off, say whose token this is.");
      if (owner !== callerName(request)) requireAdminFor(request, "create tokens for other users (leave out username to create your own)");
      if (input.name.trim() === "") throw invalidParameter("Give the token a name that says where it is used, e.g. --name ci-training.");
      const user = await store.getUser(owner);
      const now = (request.server.cairnAuth?.options.clock ?? clock)();
      const secret = newSecret();
      const id = await store.createCredential({
        user_id: user.user_id,
        kind: "token",
        name: input.name,
        secret_hash: hashSecret(secret),
        read_only: input.read_only ?? false,
        ...(input.expires_in_days !== undefined ? { expires_at: now + input.expires_in_days * DAY_MS } : {}),
      });
      const token = (await store.listTokens(owner)).find((t) => t.token_id === id);
      if (!token) throw new Error(`token ${id} was created but is not listed`);
      return { token, secret: formatToken(id, secret) };
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/tokens/list",
    summary: "API tokens, newest first: your own (administrators: anyone's, or everyone's without username); never their secrets",
    input: ListTokens,
    permission: { resource: "server", level: "read" },
    handler: async (input, _params, request) => {
      if (callerIsAdmin(request)) return { tokens: await store.listTokens(input.username) };
      const self = callerName(request)!;
      if (input.username !== undefined && input.username !== self) requireAdminFor(request, "list other users' tokens (leave out username to list yours)");
      return { tokens: await store.listTokens(self) };
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/tokens/revoke",
    summary: "Revoke an API token (your own; administrators: anyone's); it stops working at once on this server, within 5 seconds on others",
    input: RevokeToken,
    permission: { resource: "server", level: "edit" },
    handler: async (input, _params, request) => {
      const record = await store.findCredential(input.token_id);
      const principal = request.principal;
      if (!callerIsAdmin(request)) {
        // The same answer for someone else's token and for none, so token ids cannot be probed.
        if (!record || record.kind !== "token" || principal.kind !== "user" || record.user_id !== principal.user_id) {
          throw new CairnError("PERMISSION_DENIED", `You may revoke only your own tokens: '${input.token_id}' is not one of yours, or it does not exist. List yours with \`cairn tokens list\`.`);
        }
      } else if (!record || record.kind !== "token") {
        throw notFound(`Token '${input.token_id}' does not exist. List tokens with \`cairn tokens list\`.`);
      }
      const runtime = request.server.cairnAuth;
      await store.revokeCredential(input.token_id, (runtime?.options.clock ?? clock)());
      runtime?.verifier.forgetCredential(input.token_id);
    },
  });
}
