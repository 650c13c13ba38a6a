import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { randomUUID } from "node:crypto";
import { CairnError, type CairnStore } from "@cairn/core";
import type { StoreDialect } from "./dialects/dialect.js";
import { createRegistryStore } from "./kysely-registry-store.js";
import { createTrackingStore } from "./kysely-tracking-store.js";
import { createWebhookStore } from "./kysely-webhook-store.js";
import { createDeploymentStore } from "./kysely-deployment-store.js";
import { createInferenceLogStore } from "./kysely-inference-log-store.js";
import { createMonitorStore } from "./kysely-monitor-store.js";
import { createRetirementStore } from "./kysely-retirement-store.js";
import { createGcStore } from "./kysely-gc-store.js";
import { createApprovalStore } from "./kysely-approval-store.js";
import { createModelCardStore } from "./kysely-model-card-store.js";
import { createAuthStore } from "./kysely-auth-store.js";
import { createAuditStore } from "./kysely-audit-store.js";
import { migrateToLatest } from "./migrate.js";
import { ensureDefaultExperiment } from "./tracking/experiments.js";

export interface OpenStoreOptions {
  /** Where experiments get their artifact location; MLflow's proxied default is "mlflow-artifacts:". */
  artifactRoot?: string;
  clock?: () => number;
  newId?: () => string;
  /** PostgreSQL pool size. */
  poolSize?: number;
}

/**
 * Opens a store from an MLflow-style backend URI: `sqlite:///relative.db`, `sqlite:////abs.db`,
 * `sqlite://:memory:` or `postgresql://user@host:port/db`. Applies pending migrations first.
 * One store serves tracking, the registry, deployments, inference logs and monitors over the same connections.
 */
export async function openStore(uri: string, options: OpenStoreOptions = {}): Promise<CairnStore> {
  const d = await openDialect(uri, options.poolSize);
  try {
    await migrateToLatest(d);
    const ctx = {
      d,
      clock: options.clock ?? Date.now,
      newId: options.newId ?? (() => randomUUID().replaceAll("-", "")),
      artifactRoot: (options.artifactRoot ?? "mlflow-artifacts:").replace(/\/+$/, ""),
    };
    await ensureDefaultExperiment(ctx);
    return {
      ...createTrackingStore(ctx),
      ...createRegistryStore(ctx),
      ...createWebhookStore(ctx),
      ...createDeploymentStore(ctx),
      ...createInferenceLogStore(ctx),
      ...createMonitorStore(ctx),
      ...createRetirementStore(ctx),
      ...createGcStore(ctx),
      ...createApprovalStore(ctx),
      ...createModelCardStore(ctx),
      ...createAuthStore(ctx),
      ...createAuditStore(ctx),
    };
  } catch (error) {
    await d.db.destroy();
    throw error;
  }
}

/** Picks and connects the dialect for a backend URI, loading only that dialect's driver. */
export async function openDialect(uri: string, poolSize?: number): Promise<StoreDialect> {
  if (uri.startsWith("sqlite://")) {
    const path = sqlitePath(uri);
    if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
    return (await import("./dialects/sqlite.js")).openSqliteDialect(path);
  }
  if (uri.startsWith("postgresql://") || uri.startsWith("postgres://") || uri.startsWith("postgresql+psycopg2://")) {
    return (await import("./dialects/postgres.js")).openPostgresDialect(uri.replace(/^postgresql\+psycopg2:/, "postgresql:"), poolSize);
  }
  throw new CairnError(
    "INVALID_PARAMETER_VALUE",
    `Unsupported backend store URI '${uri}'. Use sqlite:///path/to/cairn.db or postgresql://user@host:5432/database.`,
  );
}

/** sqlite:///rel.db is relative to the working directory, sqlite:////abs.db absolute (MLflow's rule). */
export function sqlitePath(uri: string): string {
  const rest = uri.slice("sqlite://".length);
  if (rest === ":memory:" || rest === "/:memory:") return ":memory:";
  if (!rest.startsWith("/")) {
    throw new CairnError("INVALID_PARAMETER_VALUE", `Invalid SQLite URI '${uri}': write sqlite:///relative/path.db or sqlite:////absolute/path.db.`);
  }
  return resolve(rest.slice(1));
}
