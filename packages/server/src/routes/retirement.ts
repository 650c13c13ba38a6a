import type { FastifyInstance, FastifyRequest } from "fastify";
import { CairnError, validateRetirementPolicy, wire, type RegistryStore, type RetirementStore } from "@cairn/core";
import { readableIds } from "../auth/read-scope.js";
import { addRoute } from "../route.js";
import { actorName } from "../auth/principal.js";
import { requirePermission } from "../auth/access.js";
import { runRetirementPolicy } from "../governance/retirement-run.js";

// Policies name their model in model_name, not in `name` (the policy's own name), which the
// authorizer would read as a registered model: routes declare server-level access and the
// handlers check MANAGE on the model (or administrator rights for policies over every model).
const read = { resource: "server", level: "read" } as const;
const edit = { resource: "server", level: "edit" } as const;

/**
 * Retirement policies (/api/2.0/cairn/retirement-policies/...): rules that archive or delete
 * versions unused for a number of days or beyond the newest N, run on demand (a dry run unless
 * dry_run is false) or by the server's scheduler. Protected versions are never changed.
 */
export function retirementRoutes(app: FastifyInstance, deps: { store: RetirementStore & RegistryStore; clock: () => number }): void {
  const { store, clock } = deps;

  addRoute(app, {
    method: "POST",
    url: "/retirement-policies/create",
    summary: "Create a retirement policy (MANAGE on model_name; administrators for a policy over every model)",
    input: wire.CreateRetirementPolicy,
    permission: edit,
    handler: async (input, _params, request) => {
      const policy = validateRetirementPolicy(input);
      await requirePolicyManager(request, policy.model_name);
      audit(request, policy.model_name, { name: policy.name, rule: policy.rule, action: policy.action });
      return { policy: await store.createRetirementPolicy({ ...policy, created_by: actorName(request.principal) }) };
    },
  });

  addRoute(app, {
    method: "GET",
    url: "/retirement-policies/list",
    summary: "List retirement policies, ordered by name (model_name: only that model's)",
    input: wire.ListRetirementPolicies,
    permission: read,
    handler: async (input, _params, request) => {
      const policies = await store.listRetirementPolicies(input.model_name === undefined ? {} : { model_name: input.model_name });
      // A policy names its model: list only those on models the caller may read (global ones name none).
      const readable = new Set(await readableIds(request, "registered_model", policies.flatMap((p) => (p.model_name ? [p.model_name] : []))));
      return { policies: policies.filter((p) => !p.model_name || readable.has(p.model_name)) };
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/retirement-policies/delete",
    summary: "Delete a retirement policy (MANAGE on its model; administrators for a policy over every model)",
    input: wire.RetirementPolicyName,
    permission: edit,
    handler: async (input, _params, request) => {
      const policy = await store.getRetirementPolicy(input.name);
      await requirePolicyManager(request, policy.model_name);
      audit(request, policy.model_name, { name: policy.name });
      await store.deleteRetirementPolicy(input.name);
      return {};
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/retirement-policies/run",
    summary: "Run a retirement policy now: a dry run listing what would change unless dry_run is false",
    input: wire.RunRetirementPolicy,
    permission: edit,
    handler: async (input, _params, request) => {
      let policy = await store.getRetirementPolicy(input.name);
      await requirePolicyManager(request, policy.model_name);
      const dryRun = input.dry_run ?? true;
      // A model deleted since the policy was made: say so rather than report nothing to do.
      if (policy.model_name !== undefined) await store.getRegisteredModel(policy.model_name);
      const now = clock();
      const changes = await runRetirementPolicy(store, policy, { dryRun, now });
      if (!dryRun) policy = await store.recordRetirementRun(policy.name, now);
      audit(request, policy.model_name, { name: policy.name, dry_run: dryRun, changes: changes.length });
      return { policy, dry_run: dryRun, changes };
    },
  });
}

/** MANAGE on the policy's model, or an administrator for a policy over every model (nothing to check with auth off). */
async function requirePolicyManager(request: FastifyRequest, modelName: string | undefined): Promise<void> {
  if (modelName !== undefined) return requirePermission(request, "registered_model", modelName, "MANAGE");
  const principal = request.principal;
  if (!request.server.cairnAuth || (principal.kind === "user" && principal.is_admin)) return;
  throw new CairnError(
    "PERMISSION_DENIED",
    "Only administrators may create, delete or run a retirement policy over every registered model. Give model_name to make a policy for one model you MANAGE, or ask an administrator.",
  );
}

/** The audit entry's resource: the model, or the server for a policy over every model. */
function audit(request: FastifyRequest, modelName: string | undefined, summary: Record<string, unknown>): void {
  Object.assign(request, { audit: { resource: modelName === undefined ? "server" : `models:/${modelName}`, summary } });
}
