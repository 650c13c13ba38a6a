import { InvalidArgumentError, type Command } from "commander";
import { writeLine, type CliIo } from "../cli-io.js";
import { resolveTrackingUri } from "../tracking-uri.js";
import { clientFor, examples } from "./shared.js";

interface ManifestOptions {
  clusterTrackingUri?: string;
  image?: string;
  namespace?: string;
  replicas?: number;
  minReplicas?: number;
  maxReplicas?: number;
  targetCpu?: number;
  port?: number;
  cpu?: string;
  memory?: string;
  cpuLimit?: string;
  memoryLimit?: string;
  tokenSecret?: { name: string; key: string };
}

function positiveInteger(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`expected a whole number of at least 1, got '${value}'.`);
  return n;
}

function secretKey(value: string): { name: string; key: string } {
  const [name, key, ...rest] = value.split(":");
  if (!name || !key || rest.length > 0) throw new InvalidArgumentError(`expected <secret-name>:<key>, e.g. cairn-token:token; got '${value}'.`);
  return { name, key };
}

/** Adds `cairn deploy manifest <name>`: Kubernetes objects (and a KServe InferenceService) that serve the deployment. */
export function addDeployManifestCommand(deploy: Command, io: CliIo): void {
  deploy
    .command("manifest")
    .description("print Kubernetes YAML serving the deployment: Deployment, Service, HorizontalPodAutoscaler and a KServe InferenceService")
    .argument("<name>", "deployment name (it must exist)")
    .option("--cluster-tracking-uri <uri>", "the Cairn server as pods reach it (default: this command's tracking URI)")
    .option("--image <image>", "container image with the cairn command")
    .option("--namespace <namespace>", "namespace of every object")
    .option("--replicas <n>", "initial replicas", positiveInteger)
    .option("--min-replicas <n>", "autoscaler minimum", positiveInteger)
    .option("--max-replicas <n>", "autoscaler maximum", positiveInteger)
    .option("--target-cpu <percent>", "average CPU use the autoscaler aims for, % of the request", positiveInteger)
    .option("--port <port>", "port cairn serve listens on in the pod", positiveInteger)
    .option("--cpu <quantity>", "CPU request, e.g. 500m")
    .option("--memory <quantity>", "memory request, e.g. 512Mi")
    .option("--cpu-limit <quantity>", "CPU limit, e.g. 2")
    .option("--memory-limit <quantity>", "memory limit, e.g. 1Gi")
    .option("--token-secret <name:key>", "Secret key holding the bearer token pods send to the Cairn server", secretKey)
    .addHelpText(
      "after",
      examples(
        "cairn deploy manifest churn-prod --cluster-tracking-uri http://cairn.ml.svc:5000 > churn.yaml",
        "kubectl apply -f churn.yaml -l cairn-ml.github.io/stack=kubernetes   # or =kserve",
      ),
    )
    .action(async (name: string, options: ManifestOptions, command: Command) => {
      // Fetched first so a typo in the name fails here rather than in a pod's crash loop.
      const { deployment } = await clientFor(command, io).deployments.get({ name });
      const { trackingUri } = command.optsWithGlobals<{ trackingUri?: string }>();
      // Loaded here, not at the top: @cairn/serve brings onnxruntime, which other commands never need.
      const { kubernetesManifests } = await import("@cairn/serve");
      const requests = { ...(options.cpu ? { cpu: options.cpu } : {}), ...(options.memory ? { memory: options.memory } : {}) };
      const limits = { ...(options.cpuLimit ? { cpu: options.cpuLimit } : {}), ...(options.memoryLimit ? { memory: options.memoryLimit } : {}) };
      const yaml = kubernetesManifests({
        deployment,
        trackingUri: options.clusterTrackingUri ?? resolveTrackingUri(trackingUri, io.env),
        ...(options.image ? { image: options.image } : {}),
        ...(options.namespace ? { namespace: options.namespace } : {}),
        ...(options.replicas ? { replicas: options.replicas } : {}),
        ...(options.minReplicas ? { minReplicas: options.minReplicas } : {}),
        ...(options.maxReplicas ? { maxReplicas: options.maxReplicas } : {}),
        ...(options.targetCpu ? { targetCpuPercent: options.targetCpu } : {}),
        ...(options.port ? { port: options.port } : {}),
        resources: { requests, limits },
        ...(options.tokenSecret ? { trackingTokenSecret: options.tokenSecret } : {}),
      });
      writeLine(io.stdout, yaml.trimEnd());
    });
}
