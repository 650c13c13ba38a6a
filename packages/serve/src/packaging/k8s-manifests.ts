import { invalidParameter, type Deployment } from "@cairn/core";
import { stringify } from "yaml";
import { DNS_LABEL_MAX, isDns1123Label, isDns1123Subdomain, kubernetesName } from "./k8s-names.js";
import { containerResources, type ContainerResources } from "./k8s-quantities.js";

/** The serving image the manifests run unless told otherwise. */
export const DEFAULT_SERVE_IMAGE = "ghcr.io/cairn-ml/cairn:0.1.0";
/** cairn serve's default port. */
export const DEFAULT_SERVE_PORT = 5001;
/** The label telling the plain-Kubernetes objects from the KServe one, for `kubectl apply -l`. */
export const STACK_LABEL = "cairn-ml.github.io/stack";

/** What kubernetesManifests builds from: a Cairn deployment and how to run it. */
export interface KubernetesManifestOptions {
  /** The Cairn deployment the pods serve (its name is passed to cairn serve unchanged). */
  deployment: Pick<Deployment, "name"> & Partial<Pick<Deployment, "model_name">>;
  /** The Cairn server as the pods reach it, e.g. http://cairn.ml.svc.cluster.local:5000. */
  trackingUri: string;
  image?: string;
  namespace?: string;
  /** The Deployment's initial replicas (default minReplicas). */
  replicas?: number;
  /** Autoscaling bounds (default 2, or less if replicas or maxReplicas is less, and max(4, 2 × minReplicas, replicas)). */
  minReplicas?: number;
  maxReplicas?: number;
  /** Average CPU use, as a percentage of the request, that the autoscaler aims for (default 70). */
  targetCpuPercent?: number;
  port?: number;
  resources?: ContainerResources;
  /** A Secret key holding the bearer token the pods send to the Cairn server (CAIRN_TRACKING_TOKEN). */
  trackingTokenSecret?: { name: string; key: string };
}

/** One Kubernetes object, as a plain value ready for YAML. */
export type KubernetesObject = { apiVersion: string; kind: string; metadata: Record<string, unknown> } & Record<string, unknown>;

// KServe names the predictor's own objects "<name>-predictor", which must fit in a 63-character label.
const KSERVE_NAME_MAX = DNS_LABEL_MAX - "-predictor".length;

/**
 * The objects that run a Cairn deployment on Kubernetes: a Deployment of `cairn serve` pods, a
 * Service, a HorizontalPodAutoscaler on CPU, and, as the alternative for clusters with KServe, an
 * InferenceService with the same container. Options are checked first; a value Kubernetes would
 * refuse is INVALID_PARAMETER_VALUE saying what to give instead.
 */
export function kubernetesManifestObjects(options: KubernetesManifestOptions): KubernetesObject[] {
  const spec = checkOptions(options);
  const { name, deploymentName, port } = spec;
  const selector = { "app.kubernetes.io/name": "cairn-serve", "app.kubernetes.io/instance": name, [STACK_LABEL]: "kubernetes" };
  const labels = { ...selector, "app.kubernetes.io/component": "model-server", "app.kubernetes.io/part-of": "cairn", "app.kubernetes.io/managed-by": "cairn" };
  const metadata = (objectName: string, extraLabels = labels) => ({
    name: objectName,
    ...(spec.namespace ? { namespace: spec.namespace } : {}),
    labels: extraLabels,
    annotations: spec.annotations,
  });
  const scrape = { "prometheus.io/scrape": "true", "prometheus.io/path": "/metrics", "prometheus.io/port": String(port) };
  const probes = (portRef: string | number) => ({
    // Ready once the model is loaded and answering; alive as long as the process answers at all.
    readinessProbe: { httpGet: { path: "/health", port: portRef }, periodSeconds: 5, timeoutSeconds: 2, failureThreshold: 3 },
    livenessProbe: { httpGet: { path: "/ping", port: portRef }, periodSeconds: 10, timeoutSeconds: 2, failureThreshold: 3 },
  });
  const container = {
    image: spec.image,
    command: ["cairn"],
    args: ["serve", "--deployment", deploymentName, "--host", "0.0.0.0", "--port", String(port)],
    env: spec.env,
    resources: spec.resources,
  };

  const deployment: KubernetesObject = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: metadata(name),
    spec: {
      replicas: spec.replicas,
      selector: { matchLabels: selector },
      template: {
        metadata: { labels, annotations: scrape },
        spec: {
          containers: [
            {
              name: "cairn-serve",
              ...container,
              ports: [{ name: "http", containerPort: port, protocol: "TCP" }],
              // Downloading and loading a large model can outlast the liveness probe: allow it five minutes.
              startupProbe: { httpGet: { path: "/ping", port: "http" }, periodSeconds: 5, failureThreshold: 60 },
              ...probes("http"),
            },
          ],
        },
      },
    },
  };
  const service: KubernetesObject = {
    apiVersion: "v1",
    kind: "Service",
    metadata: metadata(name),
    spec: { type: "ClusterIP", selector, ports: [{ name: "http", port, targetPort: "http", protocol: "TCP" }] },
  };
  const autoscaler: KubernetesObject = {
    apiVersion: "autoscaling/v2",
    kind: "HorizontalPodAutoscaler",
    metadata: metadata(name),
    spec: {
      scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name },
      minReplicas: spec.minReplicas,
      maxReplicas: spec.maxReplicas,
      metrics: [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: spec.targetCpuPercent } } }],
    },
  };
  const inferenceService: KubernetesObject = {
    apiVersion: "serving.kserve.io/v1beta1",
    kind: "InferenceService",
    metadata: {
      ...metadata(spec.kserveName, { ...labels, "app.kubernetes.io/instance": spec.kserveName, [STACK_LABEL]: "kserve" }),
      annotations: { ...spec.annotations, ...scrape, "serving.kserve.io/enable-prometheus-scraping": "true" },
    },
    spec: {
      predictor: {
        minReplicas: spec.minReplicas,
        maxReplicas: spec.maxReplicas,
        scaleMetric: "cpu",
        scaleTarget: spec.targetCpuPercent,
        containers: [
          {
            // KServe finds a custom predictor's container by this name, and reads its protocol
            // from the PROTOCOL variable: protocolVersion exists only on built-in model runtimes.
            name: "kserve-container",
            ...container,
            env: [...spec.env, { name: "PROTOCOL", value: "v2" }],
            // Knative allows one unnamed-or-h2c/http1 port and probes on the container port by number.
            ports: [{ containerPort: port, protocol: "TCP" }],
            ...probes(port),
          },
        ],
      },
    },
  };
  return [deployment, service, autoscaler, inferenceService];
}

/** kubernetesManifestObjects as one multi-document YAML file, with a header saying how to apply it. */
export function kubernetesManifests(options: KubernetesManifestOptions): string {
  const objects = kubernetesManifestObjects(options);
  const header = [
    `# Kubernetes manifests for Cairn deployment '${options.deployment.name.replace(/[\r\n]/g, " ")}', generated by Cairn.`,
    "# Apply one stack: the plain Deployment, Service and HorizontalPodAutoscaler,",
    `#   kubectl apply -f <this file> -l ${STACK_LABEL}=kubernetes`,
    "# or, on a cluster with KServe, the InferenceService:",
    `#   kubectl apply -f <this file> -l ${STACK_LABEL}=kserve`,
  ].join("\n");
  return `${header}\n${objects.map((object) => `---\n${stringify(object, { lineWidth: 0, aliasDuplicateObjects: false })}`).join("")}`;
}

interface CheckedOptions {
  name: string;
  kserveName: string;
  deploymentName: string;
  namespace?: string;
  image: string;
  port: number;
  replicas: number;
  minReplicas: number;
  maxReplicas: number;
  targetCpuPercent: number;
  resources: ReturnType<typeof containerResources>;
  env: ({ name: string; value: string } | { name: string; valueFrom: unknown })[];
  annotations: Record<string, string>;
}

function checkOptions(options: KubernetesManifestOptions): CheckedOptions {
  const deploymentName = options?.deployment?.name;
  if (typeof deploymentName !== "string" || deploymentName === "") throw invalidParameter("deployment.name must be the Cairn deployment's name.");
  const name = kubernetesName(deploymentName);
  const image = options.image ?? DEFAULT_SERVE_IMAGE;
  if (typeof image !== "string" || image === "" || /\s/.test(image)) throw invalidParameter(`image must be a container image reference such as ${DEFAULT_SERVE_IMAGE}; got ${JSON.stringify(image)}.`);
  if (options.namespace !== undefined && !isDns1123Label(options.namespace)) {
    throw invalidParameter(`namespace must be a Kubernetes namespace name (lowercase letters, digits and '-', at most 63); got ${JSON.stringify(options.namespace)}.`);
  }
  const port = integer(options.port ?? DEFAULT_SERVE_PORT, "port", 1, 65535);
  const given = {
    replicas: options.replicas === undefined ? undefined : integer(options.replicas, "replicas", 1),
    min: options.minReplicas === undefined ? undefined : integer(options.minReplicas, "minReplicas", 1),
    max: options.maxReplicas === undefined ? undefined : integer(options.maxReplicas, "maxReplicas", 1),
  };
  // Two replicas by default, so a rollout or a lost node never leaves the deployment unserved.
  const minReplicas = given.min ?? Math.min(2, given.replicas ?? 2, given.max ?? 2);
  const maxReplicas = given.max ?? Math.max(4, 2 * minReplicas, given.replicas ?? 0);
  if (maxReplicas < minReplicas) throw invalidParameter(`maxReplicas (${maxReplicas}) is below minReplicas (${minReplicas}); the autoscaler needs min <= max.`);
  const replicas = given.replicas ?? minReplicas;
  if (replicas < minReplicas || replicas > maxReplicas) {
    throw invalidParameter(`replicas (${replicas}) must lie between minReplicas (${minReplicas}) and maxReplicas (${maxReplicas}), or the autoscaler would move it at once.`);
  }
  const targetCpuPercent = integer(options.targetCpuPercent ?? 70, "targetCpuPercent", 1);
  return {
    name,
    kserveName: kubernetesName(deploymentName, KSERVE_NAME_MAX),
    deploymentName,
    ...(options.namespace ? { namespace: options.namespace } : {}),
    image,
    port,
    replicas,
    minReplicas,
    maxReplicas,
    targetCpuPercent,
    resources: containerResources(options.resources),
    env: environment(options),
    annotations: {
      "cairn-ml.github.io/deployment": deploymentName,
      ...(options.deployment.model_name ? { "cairn-ml.github.io/model-name": options.deployment.model_name } : {}),
    },
  };
}

function environment(options: KubernetesManifestOptions): CheckedOptions["env"] {
  const uri = options.trackingUri;
  let parsed: URL | undefined;
  if (typeof uri === "string") parsed = URL.canParse(uri) ? new URL(uri) : undefined;
  if (!parsed || (parsed.protocol !== "http:" && parsed.protocol !== "https:")) {
    throw invalidParameter(`trackingUri must be the http(s) URL at which the pods reach the Cairn server, such as http://cairn.ml.svc.cluster.local:5000; got ${JSON.stringify(uri)}.`);
  }
  const env: CheckedOptions["env"] = [{ name: "CAIRN_TRACKING_URI", value: uri }];
  const secret = options.trackingTokenSecret;
  if (secret !== undefined) {
    if (!isDns1123Subdomain(secret?.name) || typeof secret.key !== "string" || !/^[-._a-zA-Z0-9]+$/.test(secret.key)) {
      throw invalidParameter(`trackingTokenSecret must name a Secret (a Kubernetes name) and one of its keys (letters, digits, '-', '_', '.'); got ${JSON.stringify(secret)}.`);
    }
    env.push({ name: "CAIRN_TRACKING_TOKEN", valueFrom: { secretKeyRef: { name: secret.name, key: secret.key } } });
  }
  return env;
}

function integer(value: number, field: string, min: number, max = 2 ** 31 - 1): number {
  if (!Number.isInteger(value) || value < min || value > max) throw invalidParameter(`${field} must be a whole number from ${min} to ${max}; got ${JSON.stringify(value)}.`);
  return value;
}
