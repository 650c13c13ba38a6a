import type { Deployment } from "@cairn/core";

const version = (v: string | null) => (v === null ? "missing version" : `v${v}`);

/** How a deployment routes its traffic, in a few words: "single", "canary 10% → v3", "A/B v1 50% / v2 50%", plus any shadow. */
export function deploymentStrategy(d: Deployment): string {
  let main: string;
  if (d.variants && d.variants.length > 0) main = `A/B ${d.variants.map((v) => `${version(v.version)} ${v.weight}%`).join(" / ")}${d.sticky_key ? ` (sticky by ${d.sticky_key})` : ""}`;
  else if (d.canary) main = `canary ${d.canary.percent}% → ${version(d.canary.version)}`;
  else main = "single";
  return d.shadow ? `${main}, shadow ${d.shadow.percent}% → ${version(d.shadow.version)}` : main;
}
