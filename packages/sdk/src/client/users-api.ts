import type { User } from "@cairn/core";
import type { CallOptions, Transport } from "../http/transport.js";

const BASE = "/api/2.0/cairn/users";
const ONCE: CallOptions = { notIdempotent: true };

/** Body of users/create. */
export interface CreateUserRequest {
  username: string;
  password: string;
  is_admin?: boolean;
}

/** Body of users/update: only the given fields change. */
export interface UpdateUserRequest {
  username: string;
  password?: string;
  /** Required when users change their own password (admins changing someone else's do not send it). */
  current_password?: string;
  disabled?: boolean;
  is_admin?: boolean;
}

/** Cairn's user accounts (/api/2.0/cairn/users/...); all but get need an admin. */
export interface UsersApi {
  /** POST users/create. */
  create(request: CreateUserRequest): Promise<{ user: User }>;
  /** GET users/list: sorted by username. */
  list(): Promise<{ users: User[] }>;
  /** GET users/get: an admin, or the user themself. */
  get(request: { username: string }): Promise<{ user: User }>;
  /** POST users/update: password, disabled, is_admin. */
  update(request: UpdateUserRequest): Promise<{ user: User }>;
}

/** Binds the user endpoints to a transport. */
export function createUsersApi(t: Transport): UsersApi {
  return {
    create: (request) => t.call("POST", `${BASE}/create`, request, ONCE),
    async list() {
      const answer = await t.call<{ users?: User[] }>("GET", `${BASE}/list`);
      return { users: answer.users ?? [] };
    },
    get: (request) => t.call("GET", `${BASE}/get`, request),
    update: (request) => t.call("POST", `${BASE}/update`, request),
  };
}
