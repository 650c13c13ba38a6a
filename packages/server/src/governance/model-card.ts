import {
  APPROVAL_LIMITS,
  isCairnError,
  modelLineage,
  parseJsonText,
  resolveArtifactPath,
  type ApprovalRequest,
  type ArtifactStore,
  type CairnStore,
  type Deployment,
  type KeyValue,
  type ModelCard,
  type ModelCardDataset,
  type ModelCardDeployment,
  type ModelCardGit,
  type ModelCardMonitor,
  type ModelCardRun,
  type ModelCardSignature,
  type Monitor,
  type Run,
} from "@cairn/core";
import { readMlmodelSignature } from "./mlmodel-signature.js";

/** What assembling a card reads from. */
export interface ModelCardDeps {
  store: CairnStore;
  /** The server's artifact store; without it the card has no signature. */
  artifacts?: ArtifactStore;
  clock: () => number;
}

const PAGE = 1000;
// An MLmodel file is a few kilobytes; anything far larger is not one worth reading into a card.
const MLMODEL_MAX_BYTES = 1024 * 1024;
const DATA_CONTEXT_TAG = "mlflow.data.context";

/**
 * Assembles a version's card from what Cairn already knows: the written fields, the version, its
 * lineage (source run with params, latest metrics and git checkpoint, datasets), the MLmodel
 * signature when the artifact store holds it, the deployments routing to it, the monitors
 * watching it and its approval requests. The version must exist; every later link that is gone
 * is left out rather than failing the card.
 */
export async function buildModelCard(deps: ModelCardDeps, name: string, version: string): Promise<ModelCard> {
  const { store } = deps;
  const fields = await store.getModelCardFields(name, version);
  const lineage = await modelLineage(store, name, { version });
  const mv = lineage.model_version;
  const deployments = await deploymentsServing(store, name, mv.version);
  const signature = await signatureOf(deps, mv.name, mv.version, lineage.run);
  return {
    name: mv.name,
    version: mv.version,
    generated_at: deps.clock(),
    fields,
    model: {
      description: mv.description ?? "",
      tags: record(mv.tags),
      aliases: mv.aliases ?? [],
      current_stage: mv.current_stage,
      source: mv.source,
      ...(mv.run_id ? { run_id: mv.run_id } : {}),
      status: mv.status,
      creation_timestamp: mv.creation_timestamp,
    },
    ...(lineage.run ? { run: cardRun(lineage.run, lineage.code) } : {}),
    datasets: (lineage.datasets ?? []).map(cardDataset),
    ...(signature ? { signature } : {}),
    deployments: deployments.flatMap((d) => routesTo(d, mv.version)),
    monitors: await monitorsWatching(store, name, deployments),
    approvals: await approvalsOf(store, name, mv.version),
  };
}

function record(tags: readonly KeyValue[] | undefined): Record<string, string> {
  return Object.fromEntries((tags ?? []).map((t) => [t.key, t.value]));
}

function cardRun(run: Run, code: Awaited<ReturnType<typeof modelLineage>>["code"]): ModelCardRun {
  const git: ModelCardGit = {
    ...(code?.git_commit ? { commit: code.git_commit } : {}),
    ...(code?.git_branch ? { branch: code.git_branch } : {}),
    ...(code?.git_repo_url ? { remote: code.git_repo_url } : {}),
    ...(code?.source_name ? { entry_point: code.source_name } : {}),
    ...(code?.git_dirty !== undefined ? { dirty: code.git_dirty } : {}),
  };
  return {
    run_id: run.info.run_id,
    experiment_id: run.info.experiment_id,
    run_name: run.info.run_name,
    params: record(run.data.params),
    // A run's metrics are already the latest value of each key.
    metrics: Object.fromEntries((run.data.metrics ?? []).map((m) => [m.key, m.value])),
    ...(Object.keys(git).length > 0 ? { git } : {}),
  };
}

function cardDataset(input: { tags?: KeyValue[]; dataset: { name: string; digest: string; source: string } }): ModelCardDataset {
  const context = input.tags?.find((t) => t.key === DATA_CONTEXT_TAG)?.value ?? "";
  return { name: input.dataset.name, digest: input.dataset.digest, source: input.dataset.source, context };
}

/** Deployments of the model with any route resolving to the version. */
async function deploymentsServing(store: CairnStore, name: string, version: string): Promise<Deployment[]> {
  // The filter grammar has no escapes: a name holding both quote characters is matched here instead.
  const filter = !name.includes("'") ? `model_name = '${name}'` : !name.includes('"') ? `model_name = "${name}"` : undefined;
  const found: Deployment[] = [];
  let page_token: string | undefined;
  do {
    const page = await store.searchDeployments({ ...(filter ? { filter } : {}), max_results: PAGE, ...(page_token ? { page_token } : {}) });
    found.push(...page.deployments.filter((d) => d.model_name === name && routesTo(d, version).length > 0));
    page_token = page.next_page_token;
  } while (page_token);
  return found;
}

/** How a deployment routes to the version: primary (the rest of a canary's share; none during an A/B test), canary, variants, shadow. */
function routesTo(d: Deployment, version: string): ModelCardDeployment[] {
  const routes: ModelCardDeployment[] = [];
  const primaryShare = d.variants && d.variants.length > 0 ? 0 : 100 - (d.canary?.percent ?? 0);
  if (d.primary.version === version) routes.push({ name: d.name, role: "primary", percent: primaryShare });
  if (d.canary?.version === version) routes.push({ name: d.name, role: "canary", percent: d.canary.percent });
  for (const v of d.variants ?? []) if (v.version === version) routes.push({ name: d.name, role: "variant", percent: v.weight });
  if (d.shadow?.version === version) routes.push({ name: d.name, role: "shadow", percent: d.shadow.percent });
  return routes;
}

/** Monitors of the model and of the deployments serving the version, by name, with their alert standing. */
async function monitorsWatching(store: CairnStore, name: string, deployments: readonly Deployment[]): Promise<ModelCardMonitor[]> {
  const monitors = new Map<string, Monitor>();
  for (const filter of [{ model_name: name }, ...deployments.map((d) => ({ deployment: d.name }))]) {
    let page_token: string | undefined;
    do {
      const page = await store.searchMonitors({ ...filter, max_results: PAGE, ...(page_token ? { page_token } : {}) });
      for (const m of page.monitors) monitors.set(m.name, m);
      page_token = page.next_page_token;
    } while (page_token);
  }
  const out: ModelCardMonitor[] = [];
  for (const m of [...monitors.values()].sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const { rules, states } = await store.listAlertRules(m.monitor_id);
    const firing = rules.filter((r) => states.find((s) => s.rule_id === r.rule_id)?.state === "FIRING").map((r) => r.name);
    const [last] = await store.listAlerts(m.monitor_id, { max_results: 1 });
    out.push({
      name: m.name,
      ...(m.model_name ? { model_name: m.model_name } : {}),
      ...(m.deployment ? { deployment: m.deployment } : {}),
      alert_status: firing.length > 0 ? "FIRING" : rules.length > 0 ? "OK" : "NO_RULES",
      firing_rules: firing,
      ...(last ? { last_alert: { rule_name: last.rule_name, state: last.state, message: last.message, timestamp_ms: last.timestamp_ms } } : {}),
    });
  }
  return out;
}

async function approvalsOf(store: CairnStore, name: string, version: string): Promise<ApprovalRequest[]> {
  const requests: ApprovalRequest[] = [];
  let page_token: string | undefined;
  do {
    const page = await store.listApprovalRequests({ name, version, max_results: APPROVAL_LIMITS.listMax, ...(page_token ? { page_token } : {}) });
    requests.push(...page.requests);
    page_token = page.next_page_token;
  } while (page_token);
  return requests;
}

/**
 * The signature from the version's MLmodel file when this server's artifact store holds it
 * (mlflow-artifacts:/ locations, directly or through runs:/); undefined when it does not.
 */
async function signatureOf(deps: ModelCardDeps, name: string, version: string, sourceRun: Run | undefined): Promise<ModelCardSignature | undefined> {
  if (!deps.artifacts) return undefined;
  const location = await proxiedLocation(deps.store, await deps.store.getModelVersionDownloadUri(name, version), sourceRun);
  if (location === undefined) return undefined;
  const path = resolveArtifactPath(location === "" ? "MLmodel" : `${location}/MLmodel`);
  let file;
  try {
    file = await deps.artifacts.get(path);
  } catch (error) {
    // No MLmodel there (a bare file, or a package logged without one): the card has no signature.
    if (isCairnError(error) && error.code === "RESOURCE_DOES_NOT_EXIST") return undefined;
    throw error;
  }
  if (file.size > MLMODEL_MAX_BYTES) return undefined;
  const chunks: Uint8Array[] = [];
  for await (const chunk of file.body) chunks.push(chunk);
  return readMlmodelSignature(Buffer.concat(chunks).toString("utf8"));
}

/** The artifact-store path of a download URI: what follows mlflow-artifacts:/ (a runs:/ URI through its run); undefined elsewhere. */
async function proxiedLocation(store: CairnStore, uri: string, sourceRun: Run | undefined): Promise<string | undefined> {
  const runs = /^runs:\/+([^/]+)\/?(.*)$/.exec(uri);
  if (runs) {
    const [, runId, sub] = runs as unknown as [string, string, string];
    const run = sourceRun?.info.run_id === runId ? sourceRun : await runIfExists(store, runId);
    if (!run) return undefined;
    const base = await proxiedLocation(store, run.info.artifact_uri, undefined);
    return base === undefined ? undefined : [base, sub.replace(/^\/+|\/+$/g, "")].filter((p) => p !== "").join("/");
  }
  const proxied = /^mlflow-artifacts:(?:\/\/[^/]*)?(\/.*)?$/.exec(uri);
  return proxied ? (proxied[1] ?? "").replace(/^\/+|\/+$/g, "") : undefined;
}

async function runIfExists(store: CairnStore, runId: string): Promise<Run | undefined> {
  try {
    return parseJsonText(await store.getRun(runId));
  } catch (error) {
    if (isCairnError(error) && error.code === "RESOURCE_DOES_NOT_EXIST") return undefined;
    throw error;
  }
}
