import type { FastifyInstance, FastifyRequest } from "fastify";
import { GOVERNED_RESOURCES, PERMISSION_LEVELS, invalidParameter, type CairnStore, type GovernedResource, type PermissionLevel, type PrincipalType } from "@cairn/core";
import { addRoute } from "../route.js";
import { requirePermission } from "./access.js";
import { ListPermissions, PermissionRef, SetPermission } from "./auth-schemas.js";
import { callerIsAdmin, callerName, requireAdminFor } from "./caller.js";

const EXPERIMENT_ID = /^(0|[1-9]\d{0,18})$/;

/**
 * permissions/set, delete and list. Which resource a call governs is in its body
 * (resource_type, resource_id), so the level is checked here with requirePermission:
 * MANAGE to change grants, READ to list a resource's grants.
 */
export function permissionRoutes(app: FastifyInstance, store: CairnStore): void {
  addRoute(app, {
    method: "POST",
    url: "/permissions/set",
    summary: "Grant (or change) a user's or group's level on an experiment, registered model, deployment or monitor (MANAGE on it)",
    input: SetPermission,
    permission: { resource: "server", level: "edit" },
    handler: async (input, _params, request) => {
      const ref = grantRef(input);
      const level = levelOf(input.level);
      await requirePermission(request, ref.resource_type, ref.resource_id, "MANAGE");
      // A grant on something that does not exist would be inherited by whatever later takes its id or name.
      await requireExists(store, ref.resource_type, ref.resource_id);
      return { permission: await store.setPermission({ ...ref, level, granted_by: callerName(request) ?? "anonymous" }) };
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/permissions/delete",
    summary: "Remove a user's or group's grant on a resource (MANAGE on it)",
    input: PermissionRef,
    permission: { resource: "server", level: "edit" },
    handler: async (input, _params, request) => {
      const ref = grantRef(input);
      await requirePermission(request, ref.resource_type, ref.resource_id, "MANAGE");
      await store.deletePermission(ref);
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/permissions/list",
    summary: "The grants on one resource (resource_type and resource_id; READ on it), or of one user or group (principal_type and principal; administrators, or yourself)",
    input: ListPermissions,
    permission: { resource: "server", level: "read" },
    handler: async (input, _params, request) => ({ permissions: await listGrants(store, input, request) }),
  });
}

async function listGrants(store: CairnStore, input: { resource_type?: string; resource_id?: string; principal_type?: string; principal?: string }, request: FastifyRequest) {
  const byResource = input.resource_type !== undefined || input.resource_id !== undefined;
  const byPrincipal = input.principal_type !== undefined || input.principal !== undefined;
  if (byResource === byPrincipal) {
    throw invalidParameter("Give either resource_type and resource_id (the grants on a resource) or principal_type and principal (the grants of a user or group).");
  }
  if (byResource) {
    if (input.resource_type === undefined || input.resource_id === undefined) throw invalidParameter("Give both resource_type and resource_id.");
    const type = resourceTypeOf(input.resource_type);
    const id = resourceIdOf(type, input.resource_id);
    await requirePermission(request, type, id, "READ");
    return store.listPermissions({ resource_type: type, resource_id: id });
  }
  if (input.principal_type === undefined || input.principal === undefined) throw invalidParameter("Give both principal_type and principal.");
  const principalType = principalTypeOf(input.principal_type);
  if (!callerIsAdmin(request) && !(principalType === "user" && input.principal === callerName(request))) {
    requireAdminFor(request, "list the grants of other users or of groups (principal_type=user&principal=<you> lists yours)");
  }
  return store.listPermissions({ principal_type: principalType, principal: input.principal });
}

function grantRef(input: { resource_type: string; resource_id: string; principal_type: string; principal: string }) {
  const resourceType = resourceTypeOf(input.resource_type);
  return { resource_type: resourceType, resource_id: resourceIdOf(resourceType, input.resource_id), principal_type: principalTypeOf(input.principal_type), principal: input.principal };
}

function resourceTypeOf(value: string): GovernedResource {
  if (!GOVERNED_RESOURCES.includes(value as GovernedResource)) throw invalidParameter(`Invalid resource_type '${value}': use one of ${GOVERNED_RESOURCES.join(", ")}.`);
  return value as GovernedResource;
}

function resourceIdOf(type: GovernedResource, value: string): string {
  if (value === "") throw invalidParameter("Missing value for 'resource_id': give the experiment id or the registered model's, deployment's or monitor's name.");
  if (type === "experiment" && !EXPERIMENT_ID.test(value)) throw invalidParameter(`Invalid experiment id '${value}': experiments are granted by their numeric id (see cairn experiments list).`);
  return value;
}

function principalTypeOf(value: string): PrincipalType {
  if (value !== "user" && value !== "group") throw invalidParameter(`Invalid principal_type '${value}': use user or group.`);
  return value;
}

function levelOf(value: string): PermissionLevel {
  const level = value.toUpperCase() as PermissionLevel;
  if (!PERMISSION_LEVELS.includes(level)) throw invalidParameter(`Invalid level '${value}': use one of ${PERMISSION_LEVELS.join(", ")}.`);
  return level;
}

async function requireExists(store: CairnStore, type: GovernedResource, id: string): Promise<void> {
  if (type === "experiment") await store.getExperiment(id);
  else if (type === "registered_model") await store.getRegisteredModel(id);
  else if (type === "deployment") await store.getDeployment(id);
  else await store.getMonitor(id);
}
