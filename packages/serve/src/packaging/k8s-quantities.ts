import { invalidParameter } from "@cairn/core";

/** CPU and memory for a container, as Kubernetes quantities ("500m", "1", "512Mi", "1Gi"). */
export interface ResourceAmounts {
  cpu?: string;
  memory?: string;
}

/** A container's resource requests and limits. */
export interface ContainerResources {
  requests?: ResourceAmounts;
  limits?: ResourceAmounts;
}

const CPU = /^(\d+(\.\d+)?|\.\d+)m?$/;
const MEMORY = /^(\d+(\.\d+)?|\.\d+)(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)?$/;
const MEMORY_FACTORS: Record<string, number> = {
  "": 1,
  k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 2 ** 10, Mi: 2 ** 20, Gi: 2 ** 30, Ti: 2 ** 40, Pi: 2 ** 50, Ei: 2 ** 60,
};

/** Cores for a CPU quantity ("250m" is 0.25); anything else is INVALID_PARAMETER_VALUE with examples. */
export function cpuCores(quantity: string, field: string): number {
  if (typeof quantity !== "string" || !CPU.test(quantity)) throw invalidParameter(`${field} must be a CPU quantity such as 500m or 2; got ${JSON.stringify(quantity)}.`);
  return quantity.endsWith("m") ? Number(quantity.slice(0, -1)) / 1000 : Number(quantity);
}

/** Bytes for a memory quantity ("512Mi"); anything else is INVALID_PARAMETER_VALUE with examples. */
export function memoryBytes(quantity: string, field: string): number {
  const match = typeof quantity === "string" ? MEMORY.exec(quantity) : null;
  if (!match) throw invalidParameter(`${field} must be a memory quantity such as 512Mi or 2Gi; got ${JSON.stringify(quantity)}.`);
  return Number(match[1]) * MEMORY_FACTORS[match[3] ?? ""]!;
}

/** Default requests and limits: room for onnxruntime and a small model on a shared node. */
export const DEFAULT_RESOURCES = { requests: { cpu: "250m", memory: "256Mi" }, limits: { cpu: "1", memory: "1Gi" } } as const;

/**
 * Fills the defaults in per field and checks every quantity, and that no limit is below its
 * request (the API server would refuse the Deployment).
 */
export function containerResources(given: ContainerResources = {}): { requests: Required<ResourceAmounts>; limits: Required<ResourceAmounts> } {
  if (typeof given !== "object" || given === null) throw invalidParameter("resources must be an object with requests and/or limits.");
  const requests = { ...DEFAULT_RESOURCES.requests, ...given.requests };
  const limits = { ...DEFAULT_RESOURCES.limits, ...given.limits };
  const cpu = [cpuCores(requests.cpu, "resources.requests.cpu"), cpuCores(limits.cpu, "resources.limits.cpu")];
  const memory = [memoryBytes(requests.memory, "resources.requests.memory"), memoryBytes(limits.memory, "resources.limits.memory")];
  if (cpu[0]! <= 0) throw invalidParameter("resources.requests.cpu must be above 0: the autoscaler measures CPU use against it.");
  if (cpu[1]! < cpu[0]!) throw invalidParameter(`resources.limits.cpu (${limits.cpu}) is below resources.requests.cpu (${requests.cpu}); a limit must be at least its request.`);
  if (memory[1]! < memory[0]!) throw invalidParameter(`resources.limits.memory (${limits.memory}) is below resources.requests.memory (${requests.memory}); a limit must be at least its request.`);
  return { requests, limits };
}
