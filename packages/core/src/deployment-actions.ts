import { invalidParameter, notFound } from "./errors.js";
import {
  DEPLOYMENT_LIMITS,
  type CreateDeploymentInput,
  type DeploymentAction,
  type DeploymentSpec,
  type PromoteInput,
  type SetAbInput,
  type SetCanaryInput,
  type SetShadowInput,
  type WeightedRoute,
} from "./deployment-entities.js";
import { parseDeploymentModelUri, validatePercent, validateStickyKey, validateWeight, type DeploymentModelRef } from "./deployment-validation.js";

// Each action is a pure function from the current spec and the request to the next spec, plus
// the model references the write must find in the registry. The store runs one in the
// transaction that writes the revision, so a rejected action writes nothing.

/** The outcome of an action: the spec of the revision to write and the references to check exist. */
export interface PlannedRevision {
  action: DeploymentAction;
  spec: DeploymentSpec;
  /** URIs the registry must resolve at write time (those the request names or promotes). */
  check: DeploymentModelRef[];
}

/** create: a deployment of the model that model_uri names, all traffic to it. */
export function planCreate(input: Pick<CreateDeploymentInput, "model_uri">): PlannedRevision & { model_name: string } {
  const ref = parseDeploymentModelUri(input.model_uri);
  return { action: "create", model_name: ref.model_name, spec: { primary: { model_uri: ref.model_uri } }, check: [ref] };
}

/** canary: percent of the traffic to model_uri, the rest to the primary; clears A/B variants. */
export function planCanary(current: DeploymentSpec, modelName: string, input: Omit<SetCanaryInput, "name">): PlannedRevision {
  const ref = parseDeploymentModelUri(input.model_uri, modelName);
  const percent = validatePercent(input.percent, "canary");
  if (ref.model_uri === current.primary.model_uri) {
    throw invalidParameter(`${ref.model_uri} is already the primary of this deployment; a canary must be another version or alias of '${modelName}'.`);
  }
  const { variants: _v, sticky_key: _k, ...rest } = current;
  return { action: "canary", spec: { ...rest, canary: { model_uri: ref.model_uri, percent } }, check: [ref] };
}

/** ab: traffic split over two or more distinct variants by integer weights summing to 100; clears the canary. */
export function planAb(current: DeploymentSpec, modelName: string, input: Omit<SetAbInput, "name">): PlannedRevision {
  const variants = input.variants;
  if (!Array.isArray(variants) || variants.length < 2) {
    throw invalidParameter("An A/B test needs at least two variants in 'variants', e.g. [{model_uri: 'models:/churn/6', weight: 50}, {model_uri: 'models:/churn/7', weight: 50}].");
  }
  if (variants.length > DEPLOYMENT_LIMITS.maxVariants) throw invalidParameter(`An A/B test takes at most ${DEPLOYMENT_LIMITS.maxVariants} variants; got ${variants.length}.`);
  const refs: DeploymentModelRef[] = [];
  const routes: WeightedRoute[] = [];
  variants.forEach((v, i) => {
    const ref = parseDeploymentModelUri(v?.model_uri, modelName, `variants[${i}].model_uri`);
    const weight = validateWeight(v?.weight, `variants[${i}].weight`);
    const twin = routes.findIndex((r) => r.model_uri === ref.model_uri);
    if (twin >= 0) throw invalidParameter(`variants[${twin}] and variants[${i}] both name ${ref.model_uri}; each variant must be a different model URI.`);
    refs.push(ref);
    routes.push({ model_uri: ref.model_uri, weight });
  });
  const total = routes.reduce((sum, r) => sum + r.weight, 0);
  if (total !== 100) throw invalidParameter(`The variant weights sum to ${total}; they must sum to 100 (e.g. 50 and 50, or 90 and 10).`);
  const stickyKey = input.sticky_key === undefined || input.sticky_key === null ? undefined : validateStickyKey(input.sticky_key);
  const { canary: _c, variants: _v, sticky_key: _k, ...rest } = current;
  return { action: "ab", spec: { ...rest, variants: routes, ...(stickyKey === undefined ? {} : { sticky_key: stickyKey }) }, check: refs };
}

/** shadow: a copy of percent of the requests to model_uri (answers only logged); keeps canary or variants. */
export function planShadow(current: DeploymentSpec, modelName: string, input: Omit<SetShadowInput, "name">): PlannedRevision {
  const ref = parseDeploymentModelUri(input.model_uri, modelName);
  const percent = validatePercent(input.percent, "shadow");
  if (ref.model_uri === current.primary.model_uri) {
    throw invalidParameter(`${ref.model_uri} is already the primary of this deployment; a shadow must be another version or alias of '${modelName}'.`);
  }
  return { action: "shadow", spec: { ...current, shadow: { model_uri: ref.model_uri, percent } }, check: [ref] };
}

/**
 * promote: the canary becomes the primary; else the A/B variant named by model_uri does; else
 * the shadow does. A shadow of the new primary is dropped, since it would only copy it.
 */
export function planPromote(current: DeploymentSpec, modelName: string, input: Omit<PromoteInput, "name">, deploymentName = "this deployment"): PlannedRevision {
  const named = input.model_uri === undefined || input.model_uri === null || input.model_uri === "" ? undefined : parseDeploymentModelUri(input.model_uri, modelName);
  const { canary, variants, sticky_key: _k, shadow, ...rest } = current;
  let winner: string;
  let next: DeploymentSpec;
  if (canary) {
    if (named && named.model_uri !== canary.model_uri) {
      throw invalidParameter(`Deployment '${deploymentName}' promotes its canary, ${canary.model_uri}, not ${named.model_uri}: leave model_uri out or pass the canary's URI.`);
    }
    winner = canary.model_uri;
    next = { ...rest, primary: { model_uri: winner }, ...(shadow ? { shadow } : {}) };
  } else if (variants) {
    const choices = variants.map((v) => v.model_uri).join(", ");
    if (!named) throw invalidParameter(`Deployment '${deploymentName}' runs an A/B test: name the variant to promote with model_uri, one of ${choices}.`);
    if (!variants.some((v) => v.model_uri === named.model_uri)) {
      throw invalidParameter(`${named.model_uri} is not a variant of deployment '${deploymentName}'; promote one of ${choices}.`);
    }
    winner = named.model_uri;
    next = { ...rest, primary: { model_uri: winner }, ...(shadow ? { shadow } : {}) };
  } else if (shadow) {
    if (named && named.model_uri !== shadow.model_uri) {
      throw invalidParameter(`Deployment '${deploymentName}' promotes its shadow, ${shadow.model_uri}, not ${named.model_uri}: leave model_uri out or pass the shadow's URI.`);
    }
    winner = shadow.model_uri;
    next = { ...rest, primary: { model_uri: winner } };
  } else {
    throw invalidParameter(
      `Deployment '${deploymentName}' has no canary, A/B variants or shadow to promote: its primary ${current.primary.model_uri} already takes all traffic. Start a canary first (deployments/canary).`,
    );
  }
  if (next.shadow?.model_uri === winner) delete next.shadow;
  return { action: "promote", spec: next, check: [parseDeploymentModelUri(winner, modelName)] };
}

/**
 * The revision a rollback restores: the one before the current revision, or `requested`,
 * which must be an earlier revision of this deployment.
 */
export function rollbackTarget(currentRevision: number, requested: number | undefined, deploymentName = "this deployment"): number {
  if (requested === undefined || requested === null) {
    if (currentRevision <= 1) throw invalidParameter(`Deployment '${deploymentName}' has only its first revision; there is nothing to roll back to.`);
    return currentRevision - 1;
  }
  if (typeof requested !== "number" || !Number.isSafeInteger(requested)) {
    throw invalidParameter(`Invalid value ${JSON.stringify(requested)} for parameter 'revision': give a revision number from the deployment's history.`);
  }
  if (requested === currentRevision) throw invalidParameter(`Revision ${requested} is the current revision of deployment '${deploymentName}'; give an earlier one to roll back to.`);
  if (requested < 1 || requested > currentRevision) {
    throw notFound(`Deployment '${deploymentName}' has no revision ${requested}: its revisions are 1 to ${currentRevision} (see deployments/history).`);
  }
  return requested;
}

/** rollback: a new revision restoring an earlier revision's spec; every URI in it must still resolve. */
export function planRollback(targetSpec: DeploymentSpec, modelName: string): PlannedRevision {
  return { action: "rollback", spec: structuredClone(targetSpec), check: specModelUris(targetSpec).map((uri) => parseDeploymentModelUri(uri, modelName)) };
}

/** Every distinct model URI a spec routes to, primary first. */
export function specModelUris(spec: DeploymentSpec): string[] {
  const uris = [spec.primary.model_uri, spec.canary?.model_uri, ...(spec.variants ?? []).map((v) => v.model_uri), spec.shadow?.model_uri];
  return [...new Set(uris.filter((u): u is string => u !== undefined))];
}
