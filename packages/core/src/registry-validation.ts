import { invalidParameter } from "./errors.js";
import { LIMITS } from "./limits.js";
import { MODEL_VERSION_STAGES, type ModelVersionStage } from "./registry-entities.js";
import { validateKey, validateValueLength } from "./validation.js";

// MLflow's alias rule (mlflow/utils/validation.py): word characters and dashes only.
const ALIAS_PATTERN = /^[\w-]+$/;
// Aliases that would be read as a version reference ("v3") or as "the newest version".
const VERSION_ALIAS_PATTERN = /^[vV]\d+$/;
const LATEST_ALIAS = "latest";
const VERSION_PATTERN = /^[1-9]\d{0,15}$/;

/** Checks a registered model name: present, not blank, not too long. */
export function validateModelName(name: string, parameter = "name"): void {
  if (typeof name !== "string" || name.trim() === "") {
    throw invalidParameter(`Missing value for required parameter '${parameter}': a registered model name must be a non-empty string.`);
  }
  if (name.length > LIMITS.registeredModelNameLength) {
    throw invalidParameter(`Registered model name is ${name.length} characters long; the limit is ${LIMITS.registeredModelNameLength}.`);
  }
}

/** Parses a model version ("1", "2", ...) into its number; anything but a positive integer is a client error. */
export function parseModelVersion(version: string): number {
  const text = typeof version === "string" ? version.trim() : String(version);
  if (!VERSION_PATTERN.test(text)) {
    throw invalidParameter(`Invalid value '${String(version).slice(0, 40)}' for parameter 'version': model versions are positive integers such as '1'.`);
  }
  return Number(text);
}

/** The canonical spelling of a stage given in any case ("production" -> "Production"). */
export function canonicalStage(stage: string): ModelVersionStage {
  const found = MODEL_VERSION_STAGES.find((s) => s.toLowerCase() === String(stage).trim().toLowerCase());
  if (!found) {
    throw invalidParameter(`Invalid model version stage '${String(stage).slice(0, 40)}'. Use one of ${MODEL_VERSION_STAGES.join(", ")} (any case).`);
  }
  return found;
}

/** Checks an alias name for lookup: present, word characters and dashes, not too long. */
export function validateAliasName(alias: string): void {
  if (typeof alias !== "string" || alias === "") throw invalidParameter("Missing value for required parameter 'alias': an alias must be a non-empty string.");
  if (!ALIAS_PATTERN.test(alias)) {
    throw invalidParameter(`Invalid alias '${alias.slice(0, 60)}': aliases may only contain letters, digits, underscores (_) and dashes (-).`);
  }
  if (alias.length > LIMITS.aliasLength) throw invalidParameter(`Alias is ${alias.length} characters long; the limit is ${LIMITS.aliasLength}.`);
}

/** Checks an alias about to be set: valid, and not one of the names model URIs reserve. */
export function validateNewAlias(alias: string): void {
  validateAliasName(alias);
  if (alias.toLowerCase() === LATEST_ALIAS) throw invalidParameter("The alias 'latest' (in any case) is reserved: models:/<name>@latest always means the newest version.");
  if (VERSION_ALIAS_PATTERN.test(alias)) throw invalidParameter(`The alias '${alias}' is reserved: names of the form v<number> refer to versions.`);
}

/** True when an alias lookup means "the newest version" rather than a stored alias. */
export function isLatestAlias(alias: string): boolean {
  return alias.toLowerCase() === LATEST_ALIAS;
}

/** Checks a registered model or model version tag: MLflow's key rule and the registry's value limit. */
export function validateRegistryTag(key: string, value: string): void {
  validateKey(key, "tag");
  validateValueLength("tag", key, value, LIMITS.registryTagValueLength);
}
