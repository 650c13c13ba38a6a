import type { FastifyInstance } from "fastify";
import { wire, type DeploymentStore } from "@cairn/core";
import { readScope } from "../auth/read-scope.js";
import { addRoute } from "../route.js";

const read = { resource: "deployment", level: "read" } as const;
const edit = { resource: "deployment", level: "edit" } as const;
const manage = { resource: "deployment", level: "manage" } as const;

/**
 * Cairn's deployments (/api/2.0/cairn/deployments/...): create, read, search, the traffic
 * actions (each writes one revision) and the history. Serving processes poll deployments/get.
 */
export function deploymentRoutes(app: FastifyInstance, store: DeploymentStore): void {
  addRoute(app, {
    method: "POST",
    url: "/deployments/create",
    summary: "Create a deployment serving one registered model (all traffic to model_uri)",
    input: wire.CreateDeployment,
    permission: manage,
    handler: async (input) => ({ deployment: await store.createDeployment(input) }),
  });

  addRoute(app, {
    method: "GET",
    url: "/deployments/get",
    summary: "Get a deployment with every model URI resolved to its current version",
    input: wire.DeploymentName,
    permission: read,
    handler: async (input) => ({ deployment: await store.getDeployment(input.name) }),
  });

  addRoute(app, {
    method: "GET",
    url: "/deployments/search",
    summary: "Search deployments by name and model_name (e.g. filter=model_name = 'churn'), ordered by name",
    input: wire.SearchDeployments,
    permission: read,
    handler: async (input, _params, request) => {
      const scope = readScope(request, "deployment");
      return store.searchDeployments({ ...input, ...(scope ? { readable_by: scope } : {}) });
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/deployments/canary",
    summary: "Send percent of the traffic to a canary (replaces an A/B test)",
    input: wire.SetDeploymentCanary,
    permission: edit,
    handler: async (input) => ({ deployment: await store.setDeploymentCanary(input) }),
  });

  addRoute(app, {
    method: "POST",
    url: "/deployments/ab",
    summary: "Split traffic over weighted variants, optionally sticky by a request field (replaces a canary)",
    input: wire.SetDeploymentAb,
    permission: edit,
    handler: async (input) => ({ deployment: await store.setDeploymentAb(input) }),
  });

  addRoute(app, {
    method: "POST",
    url: "/deployments/shadow",
    summary: "Copy percent of the requests to a shadow model whose answers are only logged",
    input: wire.SetDeploymentShadow,
    permission: edit,
    handler: async (input) => ({ deployment: await store.setDeploymentShadow(input) }),
  });

  addRoute(app, {
    method: "POST",
    url: "/deployments/promote",
    summary: "Make the canary, the named A/B variant or the shadow the primary",
    input: wire.PromoteDeployment,
    permission: edit,
    handler: async (input) => ({ deployment: await store.promoteDeployment(input) }),
  });

  addRoute(app, {
    method: "POST",
    url: "/deployments/rollback",
    summary: "Restore the spec of the revision before the current one (or of `revision`) as a new revision",
    input: wire.RollbackDeployment,
    permission: edit,
    handler: async (input) => ({ deployment: await store.rollbackDeployment(input) }),
  });

  addRoute(app, {
    method: "POST",
    url: "/deployments/delete",
    summary: "Delete a deployment and its history",
    input: wire.DeploymentName,
    permission: manage,
    handler: async (input) => {
      await store.deleteDeployment(input.name);
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/deployments/history",
    summary: "A deployment's revisions, newest first",
    input: wire.DeploymentHistory,
    permission: read,
    handler: async (input) => store.getDeploymentHistory(input),
  });
}
