import type { UserGroup } from "@cairn/core";
import type { CallOptions, Transport } from "../http/transport.js";

const BASE = "/api/2.0/cairn/groups";
const ONCE: CallOptions = { notIdempotent: true };

/** Cairn's user groups (/api/2.0/cairn/groups/...), which permissions can be granted to; admin only. */
export interface GroupsApi {
  /** POST groups/create. */
  create(request: { name: string; description?: string }): Promise<{ group: UserGroup }>;
  /** GET groups/list: sorted by name. */
  list(): Promise<{ groups: UserGroup[] }>;
  /** GET groups/get. */
  get(request: { name: string }): Promise<{ group: UserGroup }>;
  /** POST groups/delete: the group, its memberships and its grants. */
  delete(request: { name: string }): Promise<void>;
  /** POST groups/add-member: answers the group as it now stands. */
  addMember(request: { name: string; username: string }): Promise<{ group: UserGroup }>;
  /** POST groups/remove-member: answers the group as it now stands. */
  removeMember(request: { name: string; username: string }): Promise<{ group: UserGroup }>;
}

/** Binds the group endpoints to a transport. */
export function createGroupsApi(t: Transport): GroupsApi {
  return {
    create: (request) => t.call("POST", `${BASE}/create`, request, ONCE),
    async list() {
      const answer = await t.call<{ groups?: UserGroup[] }>("GET", `${BASE}/list`);
      return { groups: answer.groups ?? [] };
    },
    get: (request) => t.call("GET", `${BASE}/get`, request),
    delete: (request) => t.send("POST", `${BASE}/delete`, request),
    addMember: (request) => t.call("POST", `${BASE}/add-member`, request),
    removeMember: (request) => t.call("POST", `${BASE}/remove-member`, request),
  };
}
