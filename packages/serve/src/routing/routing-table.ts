import type { RouteMetrics, ServingMetrics } from "../telemetry/serving-metrics.js";
import type { ServedModel } from "./served-model.js";
import type { ShadowRunner } from "./shadow-runner.js";
import { stickyHash } from "./sticky-hash.js";

/** A route's role in a deployment. */
export type RouteRole = "primary" | "canary" | "variant" | "shadow";

/** One model version requests can be routed to, with what every answer from it carries. */
export interface Route {
  readonly served: ServedModel;
  readonly role: RouteRole;
  readonly metrics: RouteMetrics;
  /** The deployment label of its metrics and log records ("" when serving one fixed model). */
  readonly deployment: string;
  /** Response headers naming the model, version and deployment, as [name, value, name, value, ...]. */
  readonly headers: readonly string[];
}

/** The shadow of a deployment: a share of requests also scored, off the answer's path. */
export interface ShadowRoute {
  readonly route: Route;
  readonly percent: number;
  readonly runner: ShadowRunner;
}

/** Where requests go, as of one deployment revision; replaced whole (never edited) on a switch. */
export interface RoutingTable {
  readonly deployment?: { readonly name: string; readonly revision: number };
  /** The deployment's primary (or the fixed model): answers requests rejected before routing. */
  readonly primary: Route;
  readonly shadow?: ShadowRoute;
  /** The request column (or header) whose value picks a variant, when the deployment has one. */
  readonly stickyKey?: string;
  /** Every version in the table by version number, shadow included (for /v2/models/{name}/versions/{v}). */
  readonly versions: ReadonlyMap<string, Route>;
  /** Picks the route of one request: canary by percent, variants by weight (by the sticky value's hash when given). */
  pick(random: () => number, stickyValue: string | undefined): Route;
}

/** What a table is built from. */
export interface TableSpec {
  deployment?: { name: string; revision: number };
  primary: ServedModel;
  canary?: { served: ServedModel; percent: number };
  variants?: { served: ServedModel; weight: number }[];
  stickyKey?: string;
  shadow?: { runner: ShadowRunner; percent: number };
}

/** Builds a routing table; routes' metric series and headers are made here, once, not per request. */
export function buildRoutingTable(spec: TableSpec, metrics: ServingMetrics): RoutingTable {
  const deployment = spec.deployment?.name ?? "";
  const makeRoute = (served: ServedModel, role: RouteRole): Route => {
    const { name, version } = served.model;
    const headers = ["x-cairn-model-name", name, "x-cairn-model-version", version];
    if (spec.deployment) headers.push("x-cairn-deployment", spec.deployment.name, "x-cairn-deployment-revision", String(spec.deployment.revision));
    return { served, role, deployment, headers, metrics: metrics.route(deployment, version) };
  };
  const primary = makeRoute(spec.primary, "primary");
  const versions = new Map<string, Route>([[primary.served.model.version, primary]]);
  const canary = spec.canary && spec.canary.percent > 0 ? { route: makeRoute(spec.canary.served, "canary"), share: Math.min(spec.canary.percent, 100) / 100 } : undefined;
  if (canary) versions.set(canary.route.served.model.version, canary.route);
  const variants = (spec.variants ?? []).map((v) => ({ route: makeRoute(v.served, "variant"), weight: Math.max(0, v.weight) }));
  for (const v of variants) if (!versions.has(v.route.served.model.version)) versions.set(v.route.served.model.version, v.route);
  const shadow = spec.shadow && spec.shadow.percent > 0 ? { route: makeRoute(spec.shadow.runner.served, "shadow"), percent: Math.min(spec.shadow.percent, 100), runner: spec.shadow.runner } : undefined;
  if (shadow && !versions.has(shadow.route.served.model.version)) versions.set(shadow.route.served.model.version, shadow.route);

  const total = variants.reduce((sum, v) => sum + v.weight, 0);
  const bounds = variants.map(((sum) => (v: { weight: number }) => (sum += v.weight) / (total || 1))(0));
  const pickVariant = (u: number): Route => {
    for (let i = 0; i < bounds.length; i++) if (u < bounds[i]!) return variants[i]!.route;
    return variants[variants.length - 1]!.route;
  };

  return {
    ...(spec.deployment ? { deployment: { ...spec.deployment } } : {}),
    primary,
    ...(shadow ? { shadow } : {}),
    ...(spec.stickyKey && variants.length > 0 ? { stickyKey: spec.stickyKey } : {}),
    versions,
    pick(random, stickyValue) {
      if (variants.length > 0) return pickVariant(stickyValue !== undefined && spec.stickyKey ? stickyHash(stickyValue) : random());
      if (canary && random() < canary.share) return canary.route;
      return primary;
    },
  };
}

/** Every model version a table holds (primary, canary, variants, shadow), each once. */
export function tableModels(table: RoutingTable): Set<ServedModel> {
  return new Set([...table.versions.values()].map((route) => route.served));
}
