import type { FastifyInstance } from "fastify";
import type { ApprovalStore, RegistryStore } from "@cairn/core";
import { modelVersionRoutes } from "./model-versions.js";
import { registeredModelRoutes } from "./registered-models.js";

/** Every MLflow model registry endpoint but webhooks: registered models, aliases and model versions. */
export function registryRoutes(app: FastifyInstance, store: RegistryStore & ApprovalStore): void {
  registeredModelRoutes(app, store);
  modelVersionRoutes(app, store);
}
