import { InvalidArgumentError } from "commander";
import { CairnError } from "@cairn/core";
import type { CairnClient } from "@cairn/sdk";

/** A variant as given on the command line, before it is expanded against the deployment's model. */
export interface VariantArg {
  ref: string;
  weight: number;
}

/** True when a reference is already a full models:/ URI, so no lookup of the deployment's model is needed. */
export function isFullUri(ref: string): boolean {
  return ref.startsWith("models:/");
}

/**
 * Expands a short model reference against the deployment's model: `7` is models:/<model>/7,
 * `@champion` is models:/<model>@champion; a models:/ URI is kept (the server checks its model).
 */
export function expandModelRef(ref: string, modelName: string): string {
  if (isFullUri(ref)) return ref;
  if (/^[1-9]\d*$/.test(ref)) return `models:/${modelName}/${ref}`;
  if (/^@[\w-]+$/.test(ref)) return `models:/${modelName}${ref}`;
  throw new CairnError(
    "INVALID_PARAMETER_VALUE",
    `Cannot read model reference '${ref}': give a version number (7), an alias of '${modelName}' (@champion) or a full URI (models:/${modelName}/7).`,
  );
}

/** Expands refs, fetching the deployment's model name only when a short form needs it. */
export async function expandRefs(client: CairnClient, deployment: string, refs: readonly string[]): Promise<string[]> {
  if (refs.every(isFullUri)) return [...refs];
  const { deployment: d } = await client.deployments.get({ name: deployment });
  return refs.map((ref) => expandModelRef(ref, d.model_name));
}

/** Parses --variants 6:50,@challenger:50,models:/m/8:0 into references and integer weights. */
export function parseVariants(value: string): VariantArg[] {
  const items = value.split(",").map((s) => s.trim()).filter(Boolean);
  if (items.length < 2) throw new InvalidArgumentError(`expected two or more variants as <version|@alias|models:/uri>:<weight>, e.g. 6:50,7:50; got '${value}'.`);
  return items.map((item) => {
    // The weight follows the last colon: a models:/ URI has a colon of its own.
    const at = item.lastIndexOf(":");
    const ref = item.slice(0, at);
    const weight = item.slice(at + 1);
    if (at <= 0 || ref === "models" || !/^\d+$/.test(weight)) {
      throw new InvalidArgumentError(`variant '${item}' must be <version|@alias|models:/uri>:<weight> with a whole-number weight, e.g. 6:50.`);
    }
    return { ref, weight: Number(weight) };
  });
}

/** Parses --percent: a number (the server checks its range and says what to do about 0). */
export function parsePercent(value: string): number {
  const n = Number(value.trim().replace(/%$/, ""));
  if (value.trim() === "" || !Number.isFinite(n)) throw new InvalidArgumentError(`expected a percentage such as 10 or 2.5, got '${value}'.`);
  return n;
}

/** Parses --revision: a positive whole number. */
export function parseRevision(value: string): number {
  if (!/^[1-9]\d*$/.test(value.trim())) throw new InvalidArgumentError(`expected a revision number such as 3 (see cairn deploy history), got '${value}'.`);
  return Number(value);
}
