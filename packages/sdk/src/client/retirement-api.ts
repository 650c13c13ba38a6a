import type { RetirementPolicy, RetirementRunResult, wire } from "@cairn/core";
import type { CallOptions, Transport } from "../http/transport.js";

const BASE = "/api/2.0/cairn/retirement-policies";
// Applying a policy archives or deletes versions; a resent request would run it a second time.
const ONCE: CallOptions = { notIdempotent: true };

/** Body of retirement-policies/create. */
export type CreateRetirementPolicyRequest = wire.Request<typeof wire.CreateRetirementPolicy>;

/** Retirement policies (/api/2.0/cairn/retirement-policies/...): archive or delete versions nobody uses. */
export interface RetirementApi {
  /** POST retirement-policies/create: rule unused_for_days (with days) or keep_last (with keep), action archive or delete. */
  create(request: CreateRetirementPolicyRequest): Promise<{ policy: RetirementPolicy }>;
  /** GET retirement-policies/list: every policy, or those of exactly one model, ordered by name. */
  list(request?: { model_name?: string }): Promise<{ policies: RetirementPolicy[] }>;
  /** POST retirement-policies/delete. */
  delete(request: { name: string }): Promise<void>;
  /** POST retirement-policies/run: a dry run listing what would change, unless dry_run is false. */
  run(request: { name: string; dry_run?: boolean }): Promise<RetirementRunResult>;
}

/** Binds the retirement-policy endpoints to a transport. */
export function createRetirementApi(t: Transport): RetirementApi {
  return {
    create: (request) => t.call("POST", `${BASE}/create`, request, ONCE),
    async list(request = {}) {
      const page = await t.call<{ policies?: RetirementPolicy[] }>("GET", `${BASE}/list`, request);
      return { policies: page.policies ?? [] };
    },
    delete: (request) => t.send("POST", `${BASE}/delete`, request),
    run: (request) => t.call("POST", `${BASE}/run`, request, request.dry_run === false ? ONCE : undefined),
  };
}
