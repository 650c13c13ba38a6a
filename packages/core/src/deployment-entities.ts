/**
 * Deployments: a named, served endpoint for one registered model, with its traffic spec and a
 * revision per change. Model references are models:/ URIs of that model (version or alias
 * forms); what they resolve to is looked up when a deployment is read, so a moved alias shows
 * its new version at once.
 */

import type { ReadScope } from "./auth-entities.js";

/** The actions that write a revision; delete removes the deployment with its history instead. */
export const DEPLOYMENT_ACTIONS = ["create", "canary", "ab", "shadow", "promote", "rollback"] as const;
/** One of DEPLOYMENT_ACTIONS. */
export type DeploymentAction = (typeof DEPLOYMENT_ACTIONS)[number];

/** A share of traffic sent to (canary) or copied to (shadow) one model URI; percent in (0, 100]. */
export interface PercentRoute {
  model_uri: string;
  percent: number;
}

/** One A/B variant: integer weight, the variants' weights summing to 100. */
export interface WeightedRoute {
  model_uri: string;
  weight: number;
}

/**
 * What a revision stores: the routes by model URI. canary and variants exclude each other;
 * shadow may accompany either. sticky_key only accompanies variants.
 */
export interface DeploymentSpec {
  primary: { model_uri: string };
  canary?: PercentRoute;
  variants?: WeightedRoute[];
  sticky_key?: string;
  shadow?: PercentRoute;
}

/** The version a route's URI resolves to now: a version number string, or null when the alias or version is gone. */
export type ResolvedVersion = string | null;

/** A deployment as the API returns it: the current spec with every URI resolved (the serving process relies on these field names). */
export interface Deployment {
  name: string;
  model_name: string;
  description?: string;
  revision: number;
  creation_timestamp: number;
  last_updated_timestamp: number;
  primary: { model_uri: string; version: ResolvedVersion };
  canary?: PercentRoute & { version: ResolvedVersion };
  variants?: (WeightedRoute & { version: ResolvedVersion })[];
  sticky_key?: string;
  shadow?: PercentRoute & { version: ResolvedVersion };
}

/** One entry of a deployment's history: the action that wrote it and the spec it left. */
export interface DeploymentRevision {
  revision: number;
  action: DeploymentAction;
  spec: DeploymentSpec;
  creation_timestamp: number;
}

/** deployments/create. */
export interface CreateDeploymentInput {
  name: string;
  model_uri: string;
  description?: string;
}

/** deployments/canary: sends percent of the traffic to model_uri, the rest to the primary. */
export interface SetCanaryInput {
  name: string;
  model_uri: string;
  percent: number;
}

/** deployments/ab: splits traffic over weighted variants, optionally sticky by a request field. */
export interface SetAbInput {
  name: string;
  variants: WeightedRoute[];
  sticky_key?: string;
}

/** deployments/shadow: copies percent of the requests to model_uri, whose answers are only logged. */
export interface SetShadowInput {
  name: string;
  model_uri: string;
  percent: number;
}

/** deployments/promote: model_uri names the winning variant (required while A/B is active). */
export interface PromoteInput {
  name: string;
  model_uri?: string;
}

/** deployments/rollback: back to the revision before the current one, or to `revision`. */
export interface RollbackInput {
  name: string;
  revision?: number;
}

/** deployments/search: a filter on name and model_name (registry grammar), offset pages. */
export interface SearchDeploymentsInput {
  filter?: string;
  max_results?: number;
  page_token?: string;
  /** Only resources the user may read (a READ grant or more); absent: no filter. */
  readable_by?: ReadScope;
}

/** deployments/history: one deployment's revisions, newest first. */
export interface DeploymentHistoryInput {
  name: string;
  max_results?: number;
  page_token?: string;
}

/** Limits of deployments: page sizes and name length (the name pattern allows 63 characters). */
export const DEPLOYMENT_LIMITS = {
  searchDefault: 100,
  searchMax: 1000,
  historyDefault: 100,
  historyMax: 1000,
  descriptionLength: 5000,
  stickyKeyLength: 250,
  maxVariants: 10,
} as const;
