import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { parseAllDocuments } from "yaml";
import { isCairnError } from "@cairn/core";
import { DEFAULT_SERVE_IMAGE, kubernetesManifests, STACK_LABEL, type KubernetesManifestOptions } from "../src/packaging/k8s-manifests.js";
import { isDnsLabel, kubernetesName } from "../src/packaging/k8s-names.js";

// Parsed back from the YAML text, as kubectl would read it: nothing here looks at the objects
// before serialization.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Doc = any;

const BASE: KubernetesManifestOptions = { deployment: { name: "churn", model_name: "churn-classifier" }, trackingUri: "http://cairn.ml.svc.cluster.local:5000" };

function documents(options: KubernetesManifestOptions = BASE): Doc[] {
  const parsed = parseAllDocuments(kubernetesManifests(options));
  for (const doc of parsed) assert.deepEqual(doc.errors, [], "YAML parses cleanly");
  return parsed.map((doc) => doc.toJS()).filter((doc) => doc !== null);
}

function byKind(docs: Doc[], kind: string): Doc {
  const found = docs.filter((doc) => doc.kind === kind);
  assert.equal(found.length, 1, `one ${kind}`);
  return found[0];
}

/** True when every selector entry appears in labels: what a Kubernetes equality selector means. */
const selects = (selector: Record<string, string>, labels: Record<string, string>) => Object.entries(selector).every(([k, v]) => labels[k] === v);

function invalid(options: Partial<KubernetesManifestOptions>, message: RegExp): void {
  assert.throws(
    () => kubernetesManifests({ ...BASE, ...options }),
    (error: unknown) => {
      assert.ok(isCairnError(error), String(error));
      assert.equal(error.code, "INVALID_PARAMETER_VALUE");
      assert.match(error.message, message);
      return true;
    },
  );
}

describe("kubernetesManifests", () => {
  it("emits a Deployment, Service, HorizontalPodAutoscaler and KServe InferenceService", () => {
    const docs = documents();
    assert.deepEqual(
      docs.map((d) => [d.apiVersion, d.kind, d.metadata.name]),
      [
        ["apps/v1", "Deployment", "churn"],
        ["v1", "Service", "churn"],
        ["autoscaling/v2", "HorizontalPodAutoscaler", "churn"],
        ["serving.kserve.io/v1beta1", "InferenceService", "churn"],
      ],
    );
    for (const doc of docs) {
      assert.equal(doc.metadata.annotations["cairn-ml.github.io/deployment"], "churn");
      assert.equal(doc.metadata.annotations["cairn-ml.github.io/model-name"], "churn-classifier");
      assert.equal(doc.metadata.namespace, undefined);
    }
  });

  it("runs cairn serve for the deployment with probes, metrics annotations, env and resources", () => {
    const deployment = byKind(documents(), "Deployment");
    assert.equal(deployment.spec.replicas, 2);
    const pod = deployment.spec.template;
    assert.ok(selects(deployment.spec.selector.matchLabels, pod.metadata.labels), "the Deployment selects its own pods");
    const [container] = pod.spec.containers;
    assert.equal(pod.spec.containers.length, 1);
    assert.equal(container.image, DEFAULT_SERVE_IMAGE);
    assert.deepEqual([...container.command, ...container.args], ["cairn", "serve", "--deployment", "churn", "--host", "0.0.0.0", "--port", "5001"]);
    assert.deepEqual(container.ports, [{ name: "http", containerPort: 5001, protocol: "TCP" }]);
    assert.deepEqual(container.env, [{ name: "CAIRN_TRACKING_URI", value: "http://cairn.ml.svc.cluster.local:5000" }]);
    assert.deepEqual(container.readinessProbe.httpGet, { path: "/health", port: "http" });
    assert.deepEqual(container.livenessProbe.httpGet, { path: "/ping", port: "http" });
    assert.deepEqual(container.startupProbe.httpGet, { path: "/ping", port: "http" });
    assert.deepEqual(container.resources, { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } });
    // Annotation values must be strings: an unquoted true or 5001 would be refused by the API server.
    assert.deepEqual(pod.metadata.annotations, { "prometheus.io/scrape": "true", "prometheus.io/path": "/metrics", "prometheus.io/port": "5001" });
  });

  it("the Service and autoscaler point at the Deployment's pods and port", () => {
    const docs = documents();
    const deployment = byKind(docs, "Deployment");
    const service = byKind(docs, "Service");
    const hpa = byKind(docs, "HorizontalPodAutoscaler");
    assert.ok(selects(service.spec.selector, deployment.spec.template.metadata.labels));
    assert.equal(service.spec.type, "ClusterIP");
    assert.deepEqual(service.spec.ports, [{ name: "http", port: 5001, targetPort: "http", protocol: "TCP" }]);
    assert.equal(deployment.spec.template.spec.containers[0].ports[0].name, service.spec.ports[0].targetPort);
    assert.deepEqual(hpa.spec.scaleTargetRef, { apiVersion: deployment.apiVersion, kind: deployment.kind, name: deployment.metadata.name });
    assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas], [2, 4]);
    assert.deepEqual(hpa.spec.metrics, [{ type: "Resource", resource: { name: "cpu", target: { type: "Utilization", averageUtilization: 70 } } }]);
  });

  it("the InferenceService runs the same command in kserve-container, speaking protocol v2", () => {
    const docs = documents();
    const isvc = byKind(docs, "InferenceService");
    const plain = byKind(docs, "Deployment").spec.template.spec.containers[0];
    const { predictor } = isvc.spec;
    assert.deepEqual([predictor.minReplicas, predictor.maxReplicas, predictor.scaleMetric, predictor.scaleTarget], [2, 4, "cpu", 70]);
    assert.equal(predictor.containers.length, 1);
    const [container] = predictor.containers;
    assert.equal(container.name, "kserve-container");
    assert.deepEqual([container.image, container.command, container.args], [plain.image, plain.command, plain.args]);
    assert.deepEqual(container.env, [...plain.env, { name: "PROTOCOL", value: "v2" }]);
    assert.deepEqual(container.ports, [{ containerPort: 5001, protocol: "TCP" }]);
    assert.deepEqual(container.readinessProbe.httpGet, { path: "/health", port: 5001 });
    assert.deepEqual(container.livenessProbe.httpGet, { path: "/ping", port: 5001 });
    assert.deepEqual(container.resources, plain.resources);
    assert.equal(isvc.metadata.annotations["serving.kserve.io/enable-prometheus-scraping"], "true");
    assert.equal(isvc.metadata.annotations["prometheus.io/port"], "5001");
  });

  it("the stack label splits the file into the plain stack and the KServe one (kubectl apply -l)", () => {
    const text = kubernetesManifests(BASE);
    assert.match(text, new RegExp(`kubectl apply -f <this file> -l ${STACK_LABEL}=kubernetes`));
    const docs = documents();
    const stack = (value: string) => docs.filter((d) => d.metadata.labels[STACK_LABEL] === value).map((d) => d.kind);
    assert.deepEqual(stack("kubernetes"), ["Deployment", "Service", "HorizontalPodAutoscaler"]);
    assert.deepEqual(stack("kserve"), ["InferenceService"]);
    // KServe's pods carry the InferenceService's labels, so the plain Service must not select them.
    assert.ok(!selects(byKind(docs, "Service").spec.selector, byKind(docs, "InferenceService").metadata.labels));
    assert.equal(kubernetesManifests(BASE), text, "the same options give the same text");
    assert.doesNotMatch(text, /[&*]a\d/, "no YAML anchors or aliases: plain objects a person can read");
  });

  it("honours image, namespace, port, replicas, autoscaling, resources and a token secret", () => {
    const docs = documents({
      ...BASE,
      image: "registry.example.com/ml/cairn:1.2.3",
      namespace: "ml-serving",
      port: 8080,
      replicas: 3,
      minReplicas: 2,
      maxReplicas: 10,
      targetCpuPercent: 150,
      resources: { requests: { cpu: "2", memory: "1.5Gi" }, limits: { memory: "4Gi", cpu: "4000m" } },
      trackingTokenSecret: { name: "cairn-token", key: "token" },
    });
    for (const doc of docs) assert.equal(doc.metadata.namespace, "ml-serving");
    const deployment = byKind(docs, "Deployment");
    const container = deployment.spec.template.spec.containers[0];
    assert.equal(deployment.spec.replicas, 3);
    assert.equal(container.image, "registry.example.com/ml/cairn:1.2.3");
    assert.deepEqual(container.args.slice(-2), ["--port", "8080"]);
    assert.equal(container.ports[0].containerPort, 8080);
    assert.equal(deployment.spec.template.metadata.annotations["prometheus.io/port"], "8080");
    assert.deepEqual(container.resources, { requests: { cpu: "2", memory: "1.5Gi" }, limits: { cpu: "4000m", memory: "4Gi" } });
    assert.deepEqual(container.env[1], { name: "CAIRN_TRACKING_TOKEN", valueFrom: { secretKeyRef: { name: "cairn-token", key: "token" } } });
    assert.equal(byKind(docs, "Service").spec.ports[0].port, 8080);
    const hpa = byKind(docs, "HorizontalPodAutoscaler");
    assert.deepEqual([hpa.spec.minReplicas, hpa.spec.maxReplicas, hpa.spec.metrics[0].resource.target.averageUtilization], [2, 10, 150]);
    assert.equal(byKind(docs, "InferenceService").spec.predictor.containers[0].ports[0].containerPort, 8080);
    // One replica asked for: the autoscaler may go down to it.
    assert.deepEqual([byKind(documents({ ...BASE, replicas: 1 }), "HorizontalPodAutoscaler").spec.minReplicas], [1]);
  });

  it("derives valid DNS labels from deployment names and passes the original name to cairn serve", () => {
    assert.equal(kubernetesName("Churn_Model v2"), "churn-model-v2");
    assert.equal(kubernetesName("--fraud.detector--"), "fraud-detector");
    assert.equal(kubernetesName("2024-forecast"), "cairn-2024-forecast");
    const long = "a".repeat(70);
    const [first, second] = [kubernetesName(`${long}-one`), kubernetesName(`${long}-two`)];
    assert.ok(first.length <= 63 && second.length <= 63 && first !== second, `${first} / ${second}`);
    for (const name of [first, second, kubernetesName("Churn_Model v2"), kubernetesName("2024-forecast")]) assert.ok(isDnsLabel(name), name);
    const docs = documents({ ...BASE, deployment: { name: `Fraud Detector ${long}` } });
    const deployment = byKind(docs, "Deployment");
    assert.ok(isDnsLabel(deployment.metadata.name) && deployment.metadata.name.startsWith("fraud-detector-aaaa"));
    // KServe appends "-predictor" to the InferenceService name for its own objects.
    const isvcName = byKind(docs, "InferenceService").metadata.name;
    assert.ok(isDnsLabel(isvcName, 63 - "-predictor".length), isvcName);
    assert.equal(deployment.spec.template.spec.containers[0].args[2], `Fraud Detector ${long}`);
    for (const doc of docs) for (const value of Object.values(doc.metadata.labels) as string[]) assert.ok(value.length <= 63 && /^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(value), value);
  });

  it("rejects names that cannot be made valid and options Kubernetes would refuse", () => {
    invalid({ deployment: { name: "___" } }, /no ASCII letter or digit/);
    invalid({ deployment: { name: "模型" } }, /no ASCII letter or digit/);
    invalid({ deployment: { name: "" } }, /deployment.name/);
    invalid({ trackingUri: "sqlite:///cairn.db" }, /trackingUri must be the http\(s\) URL/);
    invalid({ trackingUri: "cairn:5000" }, /trackingUri/);
    invalid({ port: 0 }, /port must be a whole number from 1 to 65535; got 0/);
    invalid({ port: 5001.5 }, /port must be a whole number/);
    invalid({ minReplicas: 5, maxReplicas: 3 }, /maxReplicas \(3\) is below minReplicas \(5\)/);
    invalid({ replicas: 12, maxReplicas: 6 }, /replicas \(12\) must lie between minReplicas \(2\) and maxReplicas \(6\)/);
    invalid({ replicas: 0 }, /replicas must be a whole number from 1/);
    invalid({ targetCpuPercent: 0 }, /targetCpuPercent/);
    invalid({ resources: { requests: { cpu: "lots" } } }, /resources.requests.cpu must be a CPU quantity such as 500m/);
    invalid({ resources: { limits: { memory: "1GB" } } }, /resources.limits.memory must be a memory quantity such as 512Mi/);
    invalid({ resources: { requests: { cpu: "2" } } }, /resources.limits.cpu \(1\) is below resources.requests.cpu \(2\)/);
    invalid({ resources: { requests: { memory: "2Gi" } } }, /resources.limits.memory \(1Gi\) is below/);
    invalid({ resources: { requests: { cpu: "0" } } }, /requests.cpu must be above 0/);
    invalid({ namespace: "Prod" }, /namespace must be a Kubernetes namespace name/);
    invalid({ image: "my image" }, /image must be a container image reference/);
    invalid({ trackingTokenSecret: { name: "Bad Name", key: "token" } }, /trackingTokenSecret must name a Secret/);
  });
});
