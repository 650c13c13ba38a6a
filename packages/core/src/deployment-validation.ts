import { invalidParameter } from "./errors.js";
import { DEPLOYMENT_LIMITS } from "./deployment-entities.js";
import { parseModelUri } from "./model-uri.js";
import { isLatestAlias, validateAliasName, validateModelName } from "./registry-validation.js";

// Registered-model names may hold anything; deployment names also appear in URLs, metric labels
// and Kubernetes object names, so they are kept to a URL-safe subset.
const DEPLOYMENT_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,62}$/;

/** A models:/ URI a deployment may route to, in canonical spelling (models:/m/7 or models:/m@alias). */
export type DeploymentModelRef = { model_uri: string; model_name: string } & ({ kind: "version"; version: string } | { kind: "alias"; alias: string });

/** Checks a deployment name: 1 to 63 letters, digits, '_', '.' and '-', starting with a letter or digit. */
export function validateDeploymentName(name: unknown, parameter = "name"): asserts name is string {
  if (typeof name !== "string" || name === "") {
    throw invalidParameter(`Missing value for required parameter '${parameter}': give the deployment's name, e.g. 'churn-prod'.`);
  }
  if (!DEPLOYMENT_NAME.test(name)) {
    throw invalidParameter(
      `Invalid deployment name '${name.slice(0, 80)}': a name is 1 to 63 characters, letters, digits, '_', '.' and '-', starting with a letter or digit (names appear in URLs), e.g. 'churn-prod'.`,
    );
  }
}

/**
 * Parses a model URI a deployment routes to. Only version and alias forms are allowed: a stage
 * or "latest" would move with every registration, so a deployment would change without a
 * revision. When modelName is given, the URI must name that model.
 */
export function parseDeploymentModelUri(uri: unknown, modelName?: string, parameter = "model_uri"): DeploymentModelRef {
  if (typeof uri !== "string" || uri === "") {
    throw invalidParameter(`Missing value for required parameter '${parameter}': give a model URI such as models:/churn/7 or models:/churn@champion.`);
  }
  const ref = parseModelUri(uri);
  if (ref.kind === "stage" || ref.kind === "latest" || (ref.kind === "alias" && isLatestAlias(ref.alias))) {
    const what = ref.kind === "stage" ? `a stage (${ref.stage})` : "the latest version";
    throw invalidParameter(
      `Model URI '${uri}' in '${parameter}' names ${what}, which changes whenever versions are registered or moved; a deployment must name a version (models:/${ref.name}/7) or an alias (models:/${ref.name}@champion).`,
    );
  }
  validateModelName(ref.name, parameter);
  if (modelName !== undefined && ref.name !== modelName) {
    throw invalidParameter(
      `Model URI '${uri}' in '${parameter}' names model '${ref.name}', but this deployment serves model '${modelName}'; use a version or alias of '${modelName}', or create another deployment.`,
    );
  }
  if (ref.kind === "version") return { model_uri: `models:/${ref.name}/${ref.version}`, model_name: ref.name, kind: "version", version: ref.version };
  validateAliasName(ref.alias);
  return { model_uri: `models:/${ref.name}@${ref.alias}`, model_name: ref.name, kind: "alias", alias: ref.alias };
}

/**
 * Checks a traffic percentage: a number in (0, 100]. Zero is refused with what to do instead,
 * because "0 % canary" is how people try to remove one.
 */
export function validatePercent(percent: unknown, what: "canary" | "shadow", parameter = "percent"): number {
  if (typeof percent !== "number" || !Number.isFinite(percent)) {
    throw invalidParameter(`Missing or invalid value for parameter '${parameter}': give the ${what}'s share of requests as a number above 0 and at most 100.`);
  }
  if (percent === 0) {
    throw invalidParameter(
      `A ${what} percent of 0 is not allowed: to remove the ${what}, roll back (deployments/rollback); to make it the primary, promote it (deployments/promote).`,
    );
  }
  if (percent < 0 || percent > 100) throw invalidParameter(`Invalid ${what} percent ${percent} for parameter '${parameter}': it must be above 0 and at most 100.`);
  return percent;
}

/** Checks a variant weight: an integer from 0 to 100. */
export function validateWeight(weight: unknown, parameter: string): number {
  if (typeof weight !== "number" || !Number.isInteger(weight) || weight < 0 || weight > 100) {
    throw invalidParameter(`Invalid value ${JSON.stringify(weight)} for parameter '${parameter}': a variant weight is a whole number from 0 to 100, and the weights sum to 100.`);
  }
  return weight;
}

/** Checks an A/B sticky key: the request field whose value picks the variant. */
export function validateStickyKey(key: unknown): string {
  if (typeof key !== "string" || key.trim() === "") {
    throw invalidParameter("Invalid value for parameter 'sticky_key': give the name of the request field (or header) whose value keeps a caller on one variant, e.g. 'customer_id'.");
  }
  if (key.length > DEPLOYMENT_LIMITS.stickyKeyLength) throw invalidParameter(`sticky_key is ${key.length} characters long; the limit is ${DEPLOYMENT_LIMITS.stickyKeyLength}.`);
  return key;
}

/** Checks a deployment description's length. */
export function validateDeploymentDescription(description: unknown): string | undefined {
  if (description === undefined || description === null) return undefined;
  if (typeof description !== "string") throw invalidParameter("Invalid value for parameter 'description': it must be a string.");
  if (description.length > DEPLOYMENT_LIMITS.descriptionLength) {
    throw invalidParameter(`Deployment description is ${description.length} characters long; the limit is ${DEPLOYMENT_LIMITS.descriptionLength}.`);
  }
  return description;
}
