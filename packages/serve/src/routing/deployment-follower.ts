import type { LoadedModel } from "../model/load-model.js";
import type { ServingMetrics } from "../telemetry/serving-metrics.js";
import { parseDeploymentSnapshot, routingKey, snapshotRoutes, type DeploymentSnapshot } from "./deployment-snapshot.js";
import { waitUntilClosed, type ModelSource, type ServeLogger } from "./model-source.js";
import { buildRoutingTable, tableModels, type RoutingTable, type TableSpec } from "./routing-table.js";
import { ServedModel } from "./served-model.js";
import { ShadowRunner } from "./shadow-runner.js";

/** What following a deployment needs. */
export interface DeploymentFollowerOptions {
  name: string;
  /** GET /api/2.0/cairn/deployments/get?name=: the answer or its `deployment` field. */
  fetchDeployment: (name: string) => Promise<unknown>;
  /** Loads one version of the deployment's registered model. */
  loadVersion: (modelName: string, version: string) => Promise<LoadedModel>;
  /** Between the end of one poll and the start of the next (default 2,000 ms). */
  pollIntervalMs?: number;
  /** Shadow scorings in flight at most (default 4); more are dropped and counted. */
  shadowMaxInFlight?: number;
  metrics: ServingMetrics;
  logger: ServeLogger;
}

/** The longest wait before a failed snapshot is tried again. */
const MAX_RETRY_MS = 60_000;

/**
 * Follows a deployment: polls its snapshot and, when the versions or traffic change, loads the
 * new versions in the background, then swaps the whole routing table at once. Requests keep the
 * route they started on; a version no longer referenced closes after its last request. A failed
 * poll or load keeps the current table (logged and counted) and is retried with backoff.
 */
export class DeploymentFollower implements ModelSource {
  private table: RoutingTable | undefined;
  private readonly pool = new Map<string, ServedModel>();
  private shadow: ShadowRunner | undefined;
  private appliedKey: string | undefined;
  private failure: { key: string; attempts: number; retryAt: number } | undefined;
  private warnedUnresolved: string | undefined;
  private reason = "the deployment is still loading";
  private timer: ReturnType<typeof setTimeout> | undefined;
  private polling: Promise<void> | undefined;
  private closed = false;
  private readonly pollIntervalMs: number;

  constructor(private readonly options: DeploymentFollowerOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 2000;
  }

  /** The table new requests use. */
  current(): RoutingTable | undefined {
    return this.table;
  }

  /** Why nothing is served yet. */
  notReadyReason(): string {
    return this.reason;
  }

  /** Polls once and then every pollIntervalMs; rejects when the first poll could not serve the deployment (polling goes on). */
  async start(): Promise<void> {
    try {
      await this.poll(true);
    } finally {
      this.schedule();
    }
  }

  /** Polls once now instead of at the next interval; never rejects (failures are logged and counted). */
  async refresh(): Promise<void> {
    await this.polling;
    this.polling = this.poll(false).catch(() => {});
    await this.polling;
  }

  /** Stops polling and closes every model (each after its requests in flight). */
  async close(): Promise<void> {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    await this.polling;
    const models = [...this.pool.values()];
    this.pool.clear();
    this.table = undefined;
    this.reason = "the server is shutting down";
    this.shadow?.retire();
    for (const served of models) served.retire();
    await Promise.all(models.map(waitUntilClosed));
  }

  private schedule(): void {
    if (this.closed) return;
    this.timer = setTimeout(() => {
      this.polling = this.poll(false)
        .catch(() => {})
        .finally(() => this.schedule());
    }, this.pollIntervalMs);
    this.timer.unref();
  }

  private async poll(first: boolean): Promise<void> {
    let snapshot: DeploymentSnapshot;
    try {
      snapshot = parseDeploymentSnapshot(await this.options.fetchDeployment(this.options.name));
    } catch (error) {
      this.options.metrics.deploymentPollFailures.inc();
      const message = `polling deployment '${this.options.name}' failed: ${describe(error)}`;
      if (!this.table) this.reason = message;
      this.options.logger.warn(this.table ? `${message}; still serving revision ${this.table.deployment?.revision}` : message);
      throw error;
    }
    await this.apply(snapshot, first);
  }

  private async apply(snapshot: DeploymentSnapshot, first: boolean): Promise<void> {
    const unresolved = snapshotRoutes(snapshot).filter(({ route }) => route.version === null);
    const key = routingKey(snapshot);
    if (unresolved.length > 0) {
      const message = `deployment '${snapshot.name}' revision ${snapshot.revision}: ${unresolved.map(({ role, route }) => `${role} ${route.model_uri}`).join(", ")} resolve(s) to no version`;
      if (this.warnedUnresolved !== key) this.options.logger.warn(`${message}; ${this.table ? `still serving revision ${this.table.deployment?.revision}` : "nothing to serve yet"}.`);
      this.warnedUnresolved = key;
      if (!this.table) this.reason = message;
      if (first) throw new Error(message);
      return;
    }
    if (key === this.appliedKey) return;
    if (this.failure?.key === key && Date.now() < this.failure.retryAt) {
      if (first) throw new Error(this.reason);
      return;
    }
    try {
      await this.switchTo(snapshot);
      this.appliedKey = key;
      this.failure = undefined;
    } catch (error) {
      const attempts = this.failure?.key === key ? this.failure.attempts + 1 : 1;
      this.failure = { key, attempts, retryAt: Date.now() + Math.min(MAX_RETRY_MS, this.pollIntervalMs * 2 ** (attempts - 1)) };
      const message = `deployment '${snapshot.name}' revision ${snapshot.revision} could not be loaded: ${describe(error)}`;
      if (!this.table) this.reason = message;
      this.options.logger.error(this.table ? `${message}; still serving revision ${this.table.deployment?.revision}` : message);
      throw error;
    }
  }

  private async switchTo(snapshot: DeploymentSnapshot): Promise<void> {
    const loadedNow: ServedModel[] = [];
    const need = async (version: string): Promise<ServedModel> => {
      const existing = this.pool.get(version);
      if (existing) return existing;
      try {
        const model = await this.options.loadVersion(snapshot.model_name, version);
        const served = new ServedModel(model, (error) => this.options.logger.warn(`closing version ${version} failed: ${describe(error)}`));
        this.options.metrics.modelLoadSeconds.labels(version).set(model.loadSeconds);
        loadedNow.push(served);
        this.pool.set(version, served);
        return served;
      } catch (error) {
        this.options.metrics.modelLoadFailures.labels(version).inc();
        throw error;
      }
    };
    let spec: TableSpec;
    try {
      spec = {
        deployment: { name: snapshot.name, revision: snapshot.revision },
        primary: await need(snapshot.primary.version!),
        ...(snapshot.canary ? { canary: { served: await need(snapshot.canary.version!), percent: snapshot.canary.percent } } : {}),
        ...(snapshot.variants ? { variants: await sequential(snapshot.variants, async (v) => ({ served: await need(v.version!), weight: v.weight })) } : {}),
        ...(snapshot.sticky_key ? { stickyKey: snapshot.sticky_key } : {}),
      };
      if (snapshot.shadow) {
        const runner = await this.shadowFor(await need(snapshot.shadow.version!));
        if (runner) spec.shadow = { runner, percent: snapshot.shadow.percent };
      }
    } catch (error) {
      for (const served of loadedNow) {
        this.pool.delete(served.model.version);
        served.retire();
      }
      throw error;
    }
    const previous = this.table;
    const table = buildRoutingTable(spec, this.options.metrics);
    this.table = table; // the switch: requests from here on route by the new table
    this.retireUnused(table, previous);
    this.options.logger.info(`deployment '${snapshot.name}' revision ${snapshot.revision}: ${describeTable(snapshot)}`);
  }

  // A shadow that cannot start is left out (and logged) rather than holding back the rest of the switch.
  private async shadowFor(served: ServedModel): Promise<ShadowRunner | undefined> {
    if (this.shadow && this.shadow.served === served) return this.shadow;
    try {
      return await ShadowRunner.start(served, { maxInFlight: this.options.shadowMaxInFlight ?? 4 });
    } catch (error) {
      this.options.logger.error(`shadow version ${served.model.version} could not start; serving without a shadow: ${describe(error)}`);
      return undefined;
    }
  }

  private retireUnused(table: RoutingTable, previous: RoutingTable | undefined): void {
    const metrics = this.options.metrics;
    const keep = tableModels(table);
    for (const [version, served] of this.pool) {
      if (keep.has(served)) continue;
      this.pool.delete(version);
      served.retire();
    }
    const runner = table.shadow?.runner;
    if (this.shadow && this.shadow !== runner) this.shadow.retire();
    this.shadow = runner;
    for (const route of previous?.versions.values() ?? []) metrics.modelsLoaded.remove(route.served.model.name, route.served.model.version, route.role);
    for (const route of table.versions.values()) metrics.modelsLoaded.labels(route.served.model.name, route.served.model.version, route.role).set(1);
    if (table.deployment) metrics.deploymentRevision.labels(table.deployment.name).set(table.deployment.revision);
  }
}

async function sequential<T, R>(items: T[], map: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = [];
  for (const item of items) out.push(await map(item));
  return out;
}

function describeTable(snapshot: DeploymentSnapshot): string {
  const parts = [`primary v${snapshot.primary.version}`];
  if (snapshot.canary) parts.push(`canary v${snapshot.canary.version} ${snapshot.canary.percent}%`);
  for (const v of snapshot.variants ?? []) parts.push(`variant v${v.version} weight ${v.weight}`);
  if (snapshot.sticky_key) parts.push(`sticky by '${snapshot.sticky_key}'`);
  if (snapshot.shadow) parts.push(`shadow v${snapshot.shadow.version} ${snapshot.shadow.percent}%`);
  return parts.join(", ");
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
