import Fastify, { LogController, type FastifyInstance, type FastifyServerOptions } from "fastify";
import swagger from "@fastify/swagger";
import { CairnError, type ArtifactStore, type CairnStore } from "@cairn/core";
import "./auth/principal.js";
import { accountRoutes } from "./auth/account-routes.js";
import type { AuthOptions } from "./auth/auth-options.js";
import { withRedaction } from "./auth/log-redaction.js";
import { registerAuth } from "./auth/register-auth.js";
import { toErrorResponse } from "./error-response.js";
import { registerAudit } from "./audit/audit-hook.js";
import { auditRoutes } from "./audit/audit-routes.js";
import { approvalRoutes } from "./routes/approvals.js";
import { artifactRoutes } from "./routes/artifacts.js";
import { deploymentRoutes } from "./routes/deployments.js";
import { experimentRoutes } from "./routes/experiments.js";
import { inferenceLogRoutes } from "./routes/inference-logs.js";
import { lineageRoutes } from "./routes/lineage.js";
import { loggedModelRoutes } from "./routes/logged-models.js";
import { metricDownsampleRoutes } from "./routes/metric-downsample.js";
import { modelCardRoutes } from "./routes/model-cards.js";
import { monitorRoutes } from "./routes/monitors.js";
import { retirementRoutes } from "./routes/retirement.js";
import { gcRoutes } from "./routes/gc.js";
import { startRetirementScheduler } from "./governance/retirement-scheduler.js";
import { MonitorEvaluator } from "./monitoring/monitor-evaluator.js";
import { renderMonitorMetrics } from "./monitoring/monitor-metrics.js";
import { MonitorService } from "./monitoring/monitor-service.js";
import { registryRoutes } from "./routes/registry.js";
import { runRoutes } from "./routes/runs.js";
import { webhookDeliveryRoutes, webhookRoutes } from "./routes/webhooks.js";
import { defaultUiDir, webUi } from "./web-ui.js";

/** The MLflow API version Cairn's routes follow; `/version` reports it, as MLflow's server does. */
export const MLFLOW_API_VERSION = "3.6.1";
export const CAIRN_VERSION = "0.1.0";

export interface ServerDeps {
  store: CairnStore;
  logger?: FastifyServerOptions["logger"];
  /** Log a line per request (off by default: at ingest rates it costs more than the insert). */
  logRequests?: boolean;
  clock?: () => number;
  /** Where the mlflow-artifacts proxy keeps files; without it the proxy routes are not served. */
  artifacts?: ArtifactStore;
  /** How webhook test deliveries reach their URL (global fetch by default). */
  fetch?: typeof fetch;
  /** The built web UI to serve at `/` (this package's ui-dist/ by default); false serves none. */
  uiDir?: string | false;
  /** Evaluate monitors' alert rules in the background as windows close (the composition root turns it on; tests call monitors/evaluate). */
  evaluateMonitors?: boolean;
  /** Apply scheduled retirement policies in the background (the composition root turns it on; tests call the scheduler's tick). */
  runRetirement?: boolean;
  /** Authentication and authorization (docs/security.md); absent: off, every caller anonymous and allowed everything. */
  auth?: AuthOptions;
}

const API_PREFIX = "/api/2.0/mlflow";
const ARTIFACTS_PREFIX = "/api/2.0/mlflow-artifacts";
// The web UI's /ajax-api and MLflow 3's /api/3.0 reach the same handlers.
const MIRRORS: [RegExp, string][] = [
  [/^\/ajax-api\/2\.0\/mlflow\//, `${API_PREFIX}/`],
  [/^\/api\/3\.0\/mlflow\//, `${API_PREFIX}/`],
  [/^\/ajax-api\/3\.0\/mlflow\//, `${API_PREFIX}/`],
  [/^\/ajax-api\/2\.0\/mlflow-artifacts\//, `${ARTIFACTS_PREFIX}/`],
  [/^\/ajax-api\/2\.0\/cairn\//, "/api/2.0/cairn/"],
];
/** Cairn's own resources, beyond MLflow's API, in the same style. */
const CAIRN_PREFIX = "/api/2.0/cairn";

/** Builds the Fastify app over injected dependencies; listening is the caller's business. */
export async function createServer(deps: ServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    logger: withRedaction(deps.logger ?? false),
    logController: new LogController({ disableRequestLogging: !deps.logRequests }),
    requestIdHeader: "x-request-id",
    bodyLimit: 16 * 1024 * 1024,
    rewriteUrl: (req) => {
      const url = req.url ?? "/";
      for (const [mirror, target] of MIRRORS) if (mirror.test(url)) return url.replace(mirror, target);
      return url;
    },
    ajv: { customOptions: { coerceTypes: "array", useDefaults: true, removeAdditional: false, allErrors: false } },
  });

  // Auth off: every caller is the anonymous principal; auth on: registerAuth's hooks authenticate and authorize.
  app.decorateRequest("principal", null as never);
  if (deps.auth) registerAuth(app, { store: deps.store, auth: deps.auth, clock: deps.clock });
  else
    app.addHook("onRequest", async (request) => {
      request.principal = { kind: "anonymous" };
    });
  registerAudit(app, { store: deps.store, clock: deps.clock ?? Date.now });

  // MLflow clients send JSON bodies on every method but GET, sometimes without a JSON content type.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (request, body, done) => {
    const text = String(body);
    // A request to no route gets the 404, whatever its body holds.
    if (request.routeOptions.url === undefined) return done(null, text);
    if (text.trim() === "") return done(null, {});
    try {
      done(null, JSON.parse(text));
    } catch (error) {
      done(new CairnError("BAD_REQUEST", `Request body is not valid JSON (${(error as Error).message}). Send a JSON object.`), undefined);
    }
  });
  app.addHook("preValidation", async (request) => {
    if (request.method !== "GET" && request.body === undefined) request.body = {};
  });

  app.setErrorHandler((error, request, reply) => {
    const { status, body } = toErrorResponse(error, request);
    if (status >= 500) request.log.error({ err: error }, "request failed");
    return reply.status(status).send(body);
  });
  const uiPage = deps.uiDir === false ? undefined : await webUi(app, deps.uiDir ?? defaultUiDir());
  app.setNotFoundHandler((request, reply) => {
    if (uiPage?.(request, reply)) return reply;
    return reply.status(404).send({
      error_code: "ENDPOINT_NOT_FOUND",
      message: `No endpoint ${request.method} ${request.url.split("?")[0]}. The API is listed at /api/openapi.json.`,
    });
  });

  await app.register(swagger, {
    openapi: {
      info: { title: "Cairn", version: CAIRN_VERSION, description: `MLflow ${MLFLOW_API_VERSION} REST API (also under /ajax-api/2.0 and /api/3.0) plus Cairn's own.` },
    },
  });

  await app.register(
    async (api) => {
      experimentRoutes(api, deps.store);
      runRoutes(api, deps.store, deps.clock ?? Date.now);
      loggedModelRoutes(api, deps.store);
      registryRoutes(api, deps.store);
      webhookRoutes(api, { store: deps.store, fetch: deps.fetch ?? fetch, clock: deps.clock ?? Date.now });
    },
    { prefix: API_PREFIX },
  );

  const clock = deps.clock ?? Date.now;
  const monitors = new MonitorService(deps.store, clock);
  const evaluator = new MonitorEvaluator(deps.store, monitors, clock);
  if (deps.evaluateMonitors) {
    evaluator.start((error) => app.log.error({ err: error }, "monitor evaluation failed"));
    app.addHook("onClose", async () => evaluator.stop());
  }
  if (deps.runRetirement) startRetirementScheduler(app, deps.store, clock);

  await app.register(
    async (api) => {
      lineageRoutes(api, deps.store);
      metricDownsampleRoutes(api, deps.store);
      webhookDeliveryRoutes(api, deps.store);
      deploymentRoutes(api, deps.store);
      inferenceLogRoutes(api, deps.store, monitors);
      monitorRoutes(api, { store: deps.store, service: monitors, evaluator });
      retirementRoutes(api, { store: deps.store, clock });
      gcRoutes(api, { store: deps.store, artifacts: deps.artifacts, clock });
      auditRoutes(api, deps.store);
      accountRoutes(api, deps.store, clock);
      approvalRoutes(api, deps.store);
      modelCardRoutes(api, { store: deps.store, artifacts: deps.artifacts, clock });
    },
    { prefix: CAIRN_PREFIX },
  );

  if (deps.artifacts) {
    const artifacts = deps.artifacts;
    await app.register(async (scope) => artifactRoutes(scope, artifacts), { prefix: ARTIFACTS_PREFIX });
  }

  app.get("/health", { schema: { hide: true } }, async (_req, reply) => reply.type("text/plain").send("OK"));
  app.get("/version", { schema: { hide: true } }, async (_req, reply) => reply.type("text/plain").header("x-cairn-version", CAIRN_VERSION).send(MLFLOW_API_VERSION));
  app.get("/metrics", { schema: { hide: true } }, async (_req, reply) =>
    reply.type("text/plain; version=0.0.4; charset=utf-8").send(await renderMonitorMetrics(deps.store, monitors, clock())),
  );
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());
  await app.ready();
  return app;
}
