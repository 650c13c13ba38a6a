import type {
  CreateDeploymentInput,
  Deployment,
  DeploymentHistoryInput,
  DeploymentRevision,
  PromoteInput,
  RollbackInput,
  SearchDeploymentsInput,
  SetAbInput,
  SetCanaryInput,
  SetShadowInput,
} from "@cairn/core";
import type { CallOptions, Transport } from "../http/transport.js";

const BASE = "/api/2.0/cairn/deployments";
// Each action writes a revision: sent twice, a rollback undoes itself and a promote fails, so a
// request that may have reached the server is not sent again.
const ONCE: CallOptions = { notIdempotent: true };

/** Cairn's deployments (/api/2.0/cairn/deployments/...); every action answers the deployment as it now stands. */
export interface DeploymentsApi {
  /** POST deployments/create: a deployment of the model that model_uri names, all traffic to it. */
  create(request: CreateDeploymentInput): Promise<{ deployment: Deployment }>;
  /** GET deployments/get: every model URI resolved to the version it names now (null when gone). */
  get(request: { name: string }): Promise<{ deployment: Deployment }>;
  /** GET deployments/search: filter on name / model_name (e.g. "model_name = 'churn'"), ordered by name. */
  search(request?: SearchDeploymentsInput): Promise<{ deployments: Deployment[]; next_page_token?: string }>;
  /** POST deployments/canary: percent (0 < p <= 100) of the traffic to model_uri; replaces an A/B test. */
  canary(request: SetCanaryInput): Promise<{ deployment: Deployment }>;
  /** POST deployments/ab: weighted variants (integer weights summing to 100), optionally sticky; replaces a canary. */
  ab(request: SetAbInput): Promise<{ deployment: Deployment }>;
  /** POST deployments/shadow: a copy of percent of the requests to model_uri, answers only logged. */
  shadow(request: SetShadowInput): Promise<{ deployment: Deployment }>;
  /** POST deployments/promote: the canary, else the variant named by model_uri, else the shadow becomes primary. */
  promote(request: PromoteInput): Promise<{ deployment: Deployment }>;
  /** POST deployments/rollback: a new revision restoring the previous revision's spec (or `revision`'s). */
  rollback(request: RollbackInput): Promise<{ deployment: Deployment }>;
  /** POST deployments/delete: the deployment and its history. */
  delete(request: { name: string }): Promise<void>;
  /** GET deployments/history: revisions, newest first. */
  history(request: DeploymentHistoryInput): Promise<{ revisions: DeploymentRevision[]; next_page_token?: string }>;
}

/** Binds the deployment endpoints to a transport. */
export function createDeploymentsApi(t: Transport): DeploymentsApi {
  return {
    create: (request) => t.call("POST", `${BASE}/create`, request, ONCE),
    get: (request) => t.call("GET", `${BASE}/get`, request),
    async search(request = {}) {
      const page = await t.call<{ deployments?: Deployment[]; next_page_token?: string }>("GET", `${BASE}/search`, request);
      return { ...page, deployments: page.deployments ?? [] };
    },
    canary: (request) => t.call("POST", `${BASE}/canary`, request, ONCE),
    ab: (request) => t.call("POST", `${BASE}/ab`, request, ONCE),
    shadow: (request) => t.call("POST", `${BASE}/shadow`, request, ONCE),
    promote: (request) => t.call("POST", `${BASE}/promote`, request, ONCE),
    rollback: (request) => t.call("POST", `${BASE}/rollback`, request, ONCE),
    delete: (request) => t.send("POST", `${BASE}/delete`, request),
    async history(request) {
      const page = await t.call<{ revisions?: DeploymentRevision[]; next_page_token?: string }>("GET", `${BASE}/history`, request);
      return { ...page, revisions: page.revisions ?? [] };
    },
  };
}
