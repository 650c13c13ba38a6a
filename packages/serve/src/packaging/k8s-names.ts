import { createHash } from "node:crypto";
import { invalidParameter } from "@cairn/core";

/** Kubernetes' limit for a DNS-1123 label (names of Services, label values). */
export const DNS_LABEL_MAX = 63;

/** An RFC 1035 label: lowercase letters, digits and '-', starting with a letter, ending alphanumeric. */
const DNS_1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;

/** True when name is a DNS-1035 label of at most maxLength characters (every such label is also a DNS-1123 label). */
export function isDnsLabel(name: string, maxLength = DNS_LABEL_MAX): boolean {
  return name.length <= maxLength && DNS_1035_LABEL.test(name);
}

/** True for a DNS-1123 label (namespaces): lowercase alphanumerics and '-', alphanumeric at both ends, at most 63. */
export function isDns1123Label(name: unknown): name is string {
  return typeof name === "string" && name.length <= DNS_LABEL_MAX && /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name);
}

/** True for a DNS-1123 subdomain (Secret names): dot-separated labels, at most 253 characters. */
export function isDns1123Subdomain(name: unknown): name is string {
  return typeof name === "string" && name.length <= 253 && name.split(".").every(isDns1123Label);
}

/**
 * Derives a Kubernetes object name from a Cairn name: lowercased, runs of other characters
 * turned into '-', trimmed, prefixed with "cairn-" when it would start with a digit (Service
 * names must start with a letter), and cut to maxLength with a hash of the whole name appended
 * when too long, so two long names that share a prefix stay distinct. A name with no letter or
 * digit to keep is INVALID_PARAMETER_VALUE.
 */
export function kubernetesName(name: string, maxLength = DNS_LABEL_MAX): string {
  if (typeof name !== "string") throw invalidParameter(`A deployment name must be a string; got ${typeof name}.`);
  let label = name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "");
  if (label === "") {
    throw invalidParameter(`Deployment name '${name}' has no ASCII letter or digit to build a Kubernetes name from; rename the deployment to something like 'churn-model'.`);
  }
  if (/^[0-9]/.test(label)) label = `cairn-${label}`;
  if (label.length > maxLength) {
    const hash = createHash("sha256").update(name).digest("hex").slice(0, 8);
    label = `${label.slice(0, maxLength - hash.length - 1).replace(/-+$/, "")}-${hash}`;
  }
  return label;
}
