import { CairnError, canonicalStage, parseModelVersion, type ApprovalStore } from "@cairn/core";

// Approval policies hold for everyone, administrators included (they bypass permissions, not
// policies): a protected alias or stage moves only through an approved request, in the same
// transaction as the approval (approvals/approve), never through MLflow's own endpoints.
// A model without a policy (or no model at all) is left to the registry untouched, so its
// answers, errors and their order stay exactly MLflow's.

type PolicyReader = Pick<ApprovalStore, "getApprovalPolicy">;

/** Refuses registered-models/alias (set, or delete when version is absent) on an alias the model's policy protects. */
export async function guardAliasChange(store: PolicyReader, input: { name: string; alias: string; version?: string }): Promise<void> {
  const policy = await store.getApprovalPolicy(input.name);
  if (!policy || !policy.aliases.includes(input.alias)) return;
  const { name, alias } = input;
  if (input.version !== undefined) {
    throw new CairnError(
      "PERMISSION_DENIED",
      `Alias '${alias}' of registered model '${name}' is protected by its approval policy, so it cannot be set directly. ` +
        `Request the move instead: cairn models request models:/${name}/${input.version} --alias ${alias} ` +
        `(or POST /api/2.0/cairn/approvals/request {"name", "version", "alias"}); someone with MANAGE on '${name}' then approves it (cairn models approve <request_id>).`,
    );
  }
  throw new CairnError(
    "PERMISSION_DENIED",
    `Alias '${alias}' of registered model '${name}' is protected by its approval policy, so it cannot be deleted directly; it only moves through approved requests ` +
      `(cairn models request models:/${name}/<version> --alias ${alias}). To remove it, first take it out of the policy (cairn models approval-policy ${name} ..., ` +
      `or POST /api/2.0/cairn/approval-policies/set), which needs MANAGE on '${name}'.`,
  );
}

/** Refuses model-versions/transition-stage into a stage the model's policy protects. */
export async function guardStageTransition(store: PolicyReader, input: { name: string; version: string; stage: string; archive_existing_versions?: boolean }): Promise<void> {
  const policy = await store.getApprovalPolicy(input.name);
  if (!policy) return;
  // The registry checks the version, then the stage, with these same messages.
  parseModelVersion(input.version);
  const stage = canonicalStage(input.stage);
  if (!policy.stages.includes(stage)) return;
  const { name, version } = input;
  const archive = input.archive_existing_versions ? " --archive-existing" : "";
  throw new CairnError(
    "PERMISSION_DENIED",
    `Stage ${stage} of registered model '${name}' is protected by its approval policy, so versions cannot be moved into it directly. ` +
      `Request the transition instead: cairn models request models:/${name}/${version} --stage ${stage}${archive} ` +
      `(or POST /api/2.0/cairn/approvals/request {"name", "version", "stage"}); someone with MANAGE on '${name}' then approves it (cairn models approve <request_id>).`,
  );
}
