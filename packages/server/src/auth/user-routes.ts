import type { FastifyInstance } from "fastify";
import { CairnError, invalidParameter, type CairnStore } from "@cairn/core";
import { addRoute } from "../route.js";
import type { AuthRuntime } from "./auth-runtime.js";
import { CreateUser, Empty, UpdateUser, Username } from "./auth-schemas.js";
import { callerIsAdmin, callerName, requireAdminFor, validateNewPassword } from "./caller.js";
import { hashPassword, verifyPassword } from "./password-hash.js";
import { tooManyFailures } from "./denials.js";

const manage = { resource: "server", level: "manage" } as const;

/** users/create, users/list, users/get and users/update. */
export function userRoutes(app: FastifyInstance, store: CairnStore): void {
  addRoute(app, {
    method: "POST",
    url: "/users/create",
    summary: "Create a user with a password (administrators only)",
    input: CreateUser,
    permission: manage,
    bodyLimit: 16 * 1024,
    handler: async (input) => {
      validateNewPassword(input.password);
      return { user: await store.createUser({ username: input.username, password_hash: await hashPassword(input.password), is_admin: input.is_admin ?? false }) };
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/users/list",
    summary: "Every user, by username (administrators only)",
    input: Empty,
    permission: manage,
    handler: async () => ({ users: await store.listUsers() }),
  });

  addRoute(app, {
    method: "GET",
    url: "/users/get",
    summary: "One user (administrators, or the user themself)",
    input: Username,
    permission: { resource: "server", level: "read" },
    handler: async (input, _params, request) => {
      if (!callerIsAdmin(request) && callerName(request) !== input.username) requireAdminFor(request, "look up other users (you may get your own: username=<you>)");
      return { user: await store.getUser(input.username) };
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/users/update",
    summary: "Change a user's password, disabled or admin flag (administrators; a user may change their own password with current_password)",
    input: UpdateUser,
    permission: { resource: "server", level: "edit" },
    bodyLimit: 16 * 1024,
    handler: async (input, _params, request) => {
      const runtime = request.server.cairnAuth;
      if (!callerIsAdmin(request)) {
        if (callerName(request) !== input.username) requireAdminFor(request, "change other users");
        if (input.disabled !== undefined || input.is_admin !== undefined) requireAdminFor(request, "disable users or change who is an administrator");
        if (input.current_password === undefined) throw invalidParameter("Give current_password with the new password: changing your own password needs the one you have now.");
      }
      if (input.password === undefined && input.disabled === undefined && input.is_admin === undefined) {
        throw invalidParameter("Nothing to change: give password, disabled or is_admin.");
      }
      if (input.password !== undefined) validateNewPassword(input.password);
      if (!callerIsAdmin(request)) await checkCurrentPassword(store, request.ip, input.username, input.current_password!, runtime);
      const before = await store.getUser(input.username);
      if (before.is_admin && !before.disabled && (input.is_admin === false || input.disabled === true)) await keepOneAdmin(store, input.username);
      const user = await store.updateUser(input.username, {
        ...(input.password !== undefined ? { password_hash: await hashPassword(input.password) } : {}),
        ...(input.disabled !== undefined ? { disabled: input.disabled } : {}),
        ...(input.is_admin !== undefined ? { is_admin: input.is_admin } : {}),
      });
      // Cached credentials of this user would keep the old admin flag or enabled state for a while.
      runtime?.verifier.forgetUser(user.user_id);
      return { user };
    },
  });
}

/** A wrong current password counts as a failed sign-in (so it cannot be guessed here instead). */
async function checkCurrentPassword(store: CairnStore, address: string, username: string, password: string, runtime: AuthRuntime | undefined): Promise<void> {
  if (runtime) {
    const wait = runtime.limiter.retryAfterMs(username, address);
    if (wait > 0) throw tooManyFailures(Math.ceil(wait / 1000));
  }
  const secret = await store.findUserSecret(username);
  if (secret && (await verifyPassword(password, secret.password_hash))) return;
  runtime?.limiter.recordFailure(username, address);
  throw new CairnError("PERMISSION_DENIED", "current_password is wrong: give the password you sign in with now.");
}

/** Refuses to demote or disable the last enabled administrator, which would leave no one able to manage users. */
async function keepOneAdmin(store: CairnStore, username: string): Promise<void> {
  const others = (await store.listUsers()).filter((u) => u.is_admin && !u.disabled && u.username !== username);
  if (others.length === 0) {
    throw new CairnError("INVALID_STATE", `'${username}' is the last enabled administrator: make another user an administrator first (cairn users update <name> --admin).`);
  }
}
