import { CairnError } from "./errors.js";
import { MODEL_VERSION_STAGES, type ModelVersionStage } from "./registry-entities.js";

/** What a models:/ URI names: a version number, an alias, a stage, or the latest version. */
export type ModelReference =
  | { name: string; kind: "version"; version: string }
  | { name: string; kind: "alias"; alias: string }
  | { name: string; kind: "stage"; stage: ModelVersionStage }
  | { name: string; kind: "latest" };

const FORMS = "models:/<name>/<version>, models:/<name>@<alias>, models:/<name>/<stage> or models:/<name>/latest";

/** Parses `models:/name/3`, `models:/name@alias`, `models:/name/Production` and `models:/name/latest` as MLflow does. */
export function parseModelUri(uri: string): ModelReference {
  const invalid = (why: string) => new CairnError("INVALID_PARAMETER_VALUE", `Model URI '${uri}' ${why}. Use ${FORMS}.`);
  const match = /^models:\/(?!\/)(.+)$/.exec(uri);
  if (!match) throw invalid("is not a models:/ URI");
  const path = match[1]!.replace(/\/+$/, "");
  const slash = path.lastIndexOf("/");
  if (slash < 0) {
    // No suffix: only the alias form is left (MLflow's names cannot hold "@" followed by nothing).
    const at = path.lastIndexOf("@");
    if (at <= 0 || at === path.length - 1) throw invalid("names neither a version, an alias nor a stage");
    return { name: path.slice(0, at), kind: "alias", alias: path.slice(at + 1) };
  }
  const name = path.slice(0, slash);
  const suffix = path.slice(slash + 1);
  if (name === "") throw invalid("has no model name");
  if (/^\d+$/.test(suffix)) return { name, kind: "version", version: String(Number(suffix)) };
  if (suffix.toLowerCase() === "latest") return { name, kind: "latest" };
  // Stages are matched case-insensitively, as MLflow's registry does.
  const stage = MODEL_VERSION_STAGES.find((s) => s.toLowerCase() === suffix.toLowerCase());
  if (!stage) throw invalid(`ends in '${suffix}', which is neither a version number nor a stage (${MODEL_VERSION_STAGES.join(", ")})`);
  return { name, kind: "stage", stage };
}
