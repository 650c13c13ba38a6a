import type { FastifyInstance } from "fastify";
import type { CairnStore } from "@cairn/core";
import { addRoute } from "../route.js";
import { CreateGroup, Empty, GroupMember, GroupName } from "./auth-schemas.js";

// Groups decide what their members may do, so only administrators see or change them.
const manage = { resource: "server", level: "manage" } as const;

/** groups/create, list, get, delete, add-member and remove-member (administrators only). */
export function groupRoutes(app: FastifyInstance, store: CairnStore): void {
  addRoute(app, {
    method: "POST",
    url: "/groups/create",
    summary: "Create a group of users that permissions can be granted to",
    input: CreateGroup,
    permission: manage,
    handler: async (input) => ({ group: await store.createGroup({ name: input.name, ...(input.description !== undefined ? { description: input.description } : {}) }) }),
  });
  addRoute(app, {
    method: "GET",
    url: "/groups/list",
    summary: "Every group with its members, by name",
    input: Empty,
    permission: manage,
    handler: async () => ({ groups: await store.listGroups() }),
  });
  addRoute(app, {
    method: "GET",
    url: "/groups/get",
    summary: "One group with its members",
    input: GroupName,
    permission: manage,
    handler: async (input) => ({ group: await store.getGroup(input.name) }),
  });
  addRoute(app, {
    method: "POST",
    url: "/groups/delete",
    summary: "Delete a group (its members stay; its grants go)",
    input: GroupName,
    permission: manage,
    handler: async (input) => {
      await store.deleteGroup(input.name);
    },
  });
  addRoute(app, {
    method: "POST",
    url: "/groups/add-member",
    summary: "Add a user to a group",
    input: GroupMember,
    permission: manage,
    handler: async (input) => ({ group: await store.addGroupMember(input.name, input.username) }),
  });
  addRoute(app, {
    method: "POST",
    url: "/groups/remove-member",
    summary: "Remove a user from a group",
    input: GroupMember,
    permission: manage,
    handler: async (input) => ({ group: await store.removeGroupMember(input.name, input.username) }),
  });
}
