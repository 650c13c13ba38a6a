import { Type } from "@sinclair/typebox";

// Request schemas for retirement policies (/api/2.0/cairn/retirement-policies/...) and gc
// (/api/2.0/cairn/gc). rule and action are plain strings here: core's validateRetirementPolicy
// names the allowed values in its message, which a schema union would not.

const Str = () => Type.String();
const Opt = Type.Optional;

/** POST retirement-policies/create. */
export const CreateRetirementPolicy = Type.Object({
  name: Str(),
  model_name: Opt(Str()),
  rule: Str(),
  days: Opt(Type.Integer()),
  keep: Opt(Type.Integer()),
  action: Str(),
  schedule_hours: Opt(Type.Integer()),
});
/** GET retirement-policies/list. */
export const ListRetirementPolicies = Type.Object({ model_name: Opt(Str()) });
/** POST retirement-policies/delete. */
export const RetirementPolicyName = Type.Object({ name: Str() });
/** POST retirement-policies/run: a dry run unless dry_run is false. */
export const RunRetirementPolicy = Type.Object({ name: Str(), dry_run: Opt(Type.Boolean()) });
/** POST gc: a dry run unless dry_run is false; runs deleted at least older_than_days ago (default 30). */
export const CollectGarbage = Type.Object({
  dry_run: Opt(Type.Boolean()),
  older_than_days: Opt(Type.Number({ minimum: 0, maximum: 36_500 })),
});
