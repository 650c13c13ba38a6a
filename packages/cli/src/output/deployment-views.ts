import type { Deployment, DeploymentRevision, DeploymentSpec, InferenceRecord, ResolvedVersion } from "@cairn/core";
import { formatNumber, formatTime } from "./format.js";
import { renderFields, renderTable } from "./table.js";

/** One route of a deployment as the status view shows it. */
export interface RouteShare {
  role: "primary" | "canary" | "variant" | "shadow";
  model_uri: string;
  version: ResolvedVersion;
  /** Share of live traffic in percent; for a shadow, the share of requests copied to it. */
  percent: number;
}

/**
 * The share of traffic each route gets: a canary takes its percent from the primary; an A/B
 * test splits all traffic by weight (the primary then gets none); a shadow gets copies only.
 */
export function routeShares(d: Deployment): RouteShare[] {
  const routed = d.canary?.percent ?? 0;
  const primaryShare = d.variants ? 0 : Number((100 - routed).toFixed(6));
  const routes: RouteShare[] = [{ role: "primary", model_uri: d.primary.model_uri, version: d.primary.version, percent: primaryShare }];
  if (d.canary) routes.push({ role: "canary", model_uri: d.canary.model_uri, version: d.canary.version, percent: d.canary.percent });
  for (const v of d.variants ?? []) routes.push({ role: "variant", model_uri: v.model_uri, version: v.version, percent: v.weight });
  if (d.shadow) routes.push({ role: "shadow", model_uri: d.shadow.model_uri, version: d.shadow.version, percent: d.shadow.percent });
  return routes;
}

/** A deployment's fields and a table of its routes: role, URI, the version it resolves to now, traffic share. */
export function deploymentStatus(d: Deployment): string {
  const fields: [string, string][] = [
    ["Deployment", d.name],
    ["Model", d.model_name],
    ["Revision", String(d.revision)],
    ["Created", formatTime(d.creation_timestamp)],
    ["Updated", formatTime(d.last_updated_timestamp)],
  ];
  if (d.description) fields.push(["Description", d.description]);
  if (d.sticky_key) fields.push(["Sticky key", d.sticky_key]);
  const rows = routeShares(d).map((r) => [r.role, r.model_uri, versionCell(r.version), r.role === "shadow" ? `copy of ${formatNumber(r.percent)}%` : `${formatNumber(r.percent)}%`]);
  const lines = [renderFields(fields), "", renderTable(["ROLE", "MODEL URI", "VERSION", "TRAFFIC"], rows)];
  const unresolved = routeShares(d).filter((r) => r.version === null);
  if (unresolved.length > 0) {
    lines.push("", `warning: ${unresolved.map((r) => r.model_uri).join(", ")} no longer resolve${unresolved.length === 1 ? "s" : ""} to a version (alias or version deleted).`);
  }
  return lines.join("\n");
}

/** A spec in one line: each route with its share, e.g. "primary models:/m/6; canary models:/m/7 10%". */
export function specSummary(spec: DeploymentSpec): string {
  const parts = [`primary ${spec.primary.model_uri}`];
  if (spec.canary) parts.push(`canary ${spec.canary.model_uri} ${formatNumber(spec.canary.percent)}%`);
  if (spec.variants) parts.push(`a/b ${spec.variants.map((v) => `${v.model_uri} ${v.weight}%`).join(", ")}${spec.sticky_key ? ` (sticky by ${spec.sticky_key})` : ""}`);
  if (spec.shadow) parts.push(`shadow ${spec.shadow.model_uri} ${formatNumber(spec.shadow.percent)}%`);
  return parts.join("; ");
}

/** A deployment's history as a table, newest first. */
export function historyTable(revisions: readonly DeploymentRevision[]): string {
  return renderTable(
    ["REVISION", "ACTION", "CREATED", "ROUTES"],
    revisions.map((r) => [String(r.revision), r.action, formatTime(r.creation_timestamp), specSummary(r.spec)]),
  );
}

/** Deployments as a table: name, model, revision, routes with resolved versions, update time. */
export function deploymentTable(deployments: readonly Deployment[]): string {
  return renderTable(
    ["NAME", "MODEL", "REVISION", "ROUTES", "UPDATED"],
    deployments.map((d) => [
      d.name,
      d.model_name,
      String(d.revision),
      routeShares(d)
        .map((r) => `${r.role} v${r.version ?? "?"} ${r.role === "shadow" ? "copy " : ""}${formatNumber(r.percent)}%`)
        .join(", "),
      formatTime(d.last_updated_timestamp),
    ]),
  );
}

/** Inference records as a table, newest first. */
export function inferenceRecordTable(records: readonly InferenceRecord[]): string {
  return renderTable(
    ["REQUEST ID", "TIME", "MODEL", "VERSION", "LATENCY MS", "STATUS", "SHADOW", "LABEL"],
    records.map((r) => [
      r.request_id,
      formatTime(r.timestamp_ms),
      r.model_name,
      r.model_version,
      formatNumber(r.latency_ms),
      r.status_code === undefined ? "-" : String(r.status_code),
      r.shadow ? "yes" : "no",
      r.label_timestamp_ms === undefined ? "-" : JSON.stringify(r.label).slice(0, 40),
    ]),
  );
}

function versionCell(version: ResolvedVersion): string {
  return version === null ? "(unresolved)" : version;
}
