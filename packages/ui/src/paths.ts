// Every page's URL in one place, so links and routes cannot drift apart.
const e = encodeURIComponent;

/** URL builders for each page of the UI; the route table in routes.tsx matches them. */
export const paths = {
  experiments: () => "/experiments",
  experiment: (experimentId: string) => `/experiments/${e(experimentId)}`,
  run: (experimentId: string, runId: string) => `/experiments/${e(experimentId)}/runs/${e(runId)}`,
  compare: (runIds: readonly string[]) => `/compare?runs=${runIds.map(e).join(",")}`,
  models: () => "/models",
  model: (name: string) => `/models/${e(name)}`,
  modelVersion: (name: string, version: string) => `/models/${e(name)}/versions/${e(version)}`,
  monitors: (filter: { model?: string; deployment?: string } = {}) => {
    const q = new URLSearchParams();
    if (filter.model) q.set("model", filter.model);
    if (filter.deployment) q.set("deployment", filter.deployment);
    const query = q.toString();
    return query ? `/monitors?${query}` : "/monitors";
  },
  monitor: (name: string) => `/monitors/${e(name)}`,
  deployments: () => "/deployments",
  deployment: (name: string) => `/deployments/${e(name)}`,
};
