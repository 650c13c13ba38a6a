import type { CairnStore, GovernedResource, PermissionLevel } from "@cairn/core";
import type { Permission } from "../route.js";

/** One resource a request needs a level on, as the authorizer resolved it from the request. */
export interface AccessTarget {
  type: GovernedResource;
  /** The governing resource (experiment id, or the model's, deployment's or monitor's name); absent when none governs it. */
  id?: string;
  /**
   * The reference named nothing that exists (an unknown run id, say). With a default permission
   * of READ or more the handler then says it does not exist; below READ the caller gets the same
   * refusal as for an unreadable resource.
   */
  missing?: boolean;
  /** How the caller referred to it ("run 'abc'"): the only name a refusal that must not confirm existence may use. */
  asked: string;
  need: PermissionLevel;
}

const LEVELS: Record<Permission["level"], PermissionLevel> = { read: "READ", use: "USE", edit: "EDIT", manage: "MANAGE" };

/** A route's level as MLflow's permission level. */
export function levelOf(permission: Permission): PermissionLevel {
  return LEVELS[permission.level];
}

/** A run or logged model is governed by its experiment. */
export async function followed(store: CairnStore, kind: "run" | "logged_model", id: string, need: PermissionLevel): Promise<AccessTarget> {
  const asked = `${kind === "run" ? "run" : "logged model"} '${id}'`;
  const experiment = await store.experimentOf(kind, id);
  return experiment === undefined ? { type: "experiment", missing: true, asked, need } : { type: "experiment", id: experiment, asked, need };
}
