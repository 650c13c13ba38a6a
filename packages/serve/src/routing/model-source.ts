import type { LoadedModel } from "../model/load-model.js";
import type { ServingMetrics } from "../telemetry/serving-metrics.js";
import { buildRoutingTable, type RoutingTable } from "./routing-table.js";
import { ServedModel } from "./served-model.js";

/** Where the scoring server's logs go (the CLI writes them to stderr). */
export interface ServeLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string): void;
}

/** What the server serves: a routing table that may be swapped while it runs. */
export interface ModelSource {
  /** The table new requests use; undefined until the first model is loaded. */
  current(): RoutingTable | undefined;
  /** Why there is no table yet, for 503 answers. */
  notReadyReason(): string;
  /** Loads the first table; rejects when that fails (a deployment keeps polling regardless). */
  start(): Promise<void>;
  /** Checks for a new table now rather than at the next poll (a fixed model has none); never rejects. */
  refresh(): Promise<void>;
  /** Stops following and closes every model once its requests finish. */
  close(): Promise<void>;
}

/** Serves one model: loaded once at start (the version a models:/ alias points to then) and never switched. */
export function fixedModelSource(load: () => Promise<LoadedModel>, metrics: ServingMetrics, logger: ServeLogger): ModelSource {
  let table: RoutingTable | undefined;
  let reason = "the model is still loading";
  return {
    current: () => table,
    notReadyReason: () => reason,
    async start() {
      let model: LoadedModel;
      try {
        model = await load();
      } catch (error) {
        reason = `the model failed to load: ${error instanceof Error ? error.message : String(error)}`;
        throw error;
      }
      const served = new ServedModel(model, (error) => logger.warn(`closing model ${model.name} version ${model.version} failed: ${String(error)}`));
      metrics.modelLoadSeconds.labels(model.version).set(model.loadSeconds);
      metrics.modelsLoaded.labels(model.name, model.version, "primary").set(1);
      table = buildRoutingTable({ primary: served }, metrics);
    },
    refresh: async () => {},
    async close() {
      const served = table?.primary.served;
      table = undefined;
      reason = "the server is shutting down";
      if (served) {
        served.retire();
        await waitUntilClosed(served);
      }
    },
  };
}

/** Resolves once a retired model has finished its requests and closed. */
export async function waitUntilClosed(served: ServedModel): Promise<void> {
  while (!served.closed) await new Promise((resolve) => setTimeout(resolve, 5));
  await served.close();
}
