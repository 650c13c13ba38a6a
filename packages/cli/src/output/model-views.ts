import type { ModelVersion, RegisteredModel } from "@cairn/core";
import { formatTime } from "./format.js";
import { renderTable } from "./table.js";

/** Registered models as a table: name, newest version, aliases and last update. */
export function registeredModelTable(models: readonly RegisteredModel[]): string {
  return renderTable(
    ["NAME", "LATEST VERSION", "ALIASES", "UPDATED", "DESCRIPTION"],
    models.map((m) => {
      const latest = (m.latest_versions ?? []).reduce((max, v) => Math.max(max, Number(v.version)), 0);
      const aliases = (m.aliases ?? []).map((a) => `${a.alias}=${a.version}`).join(",");
      return [m.name, latest > 0 ? String(latest) : "-", aliases || "-", formatTime(m.last_updated_timestamp), m.description || "-"];
    }),
  );
}

/** Model versions as a table; aliases come from the registered model because search results leave them out. */
export function modelVersionTable(versions: readonly ModelVersion[], aliasesByVersion: ReadonlyMap<string, string[]> = new Map()): string {
  return renderTable(
    ["VERSION", "STAGE", "STATUS", "ALIASES", "RUN ID", "CREATED", "SOURCE"],
    versions.map((v) => [
      v.version,
      v.current_stage,
      v.status,
      (aliasesByVersion.get(v.version) ?? v.aliases ?? []).join(",") || "-",
      v.run_id || "-",
      formatTime(v.creation_timestamp),
      v.source,
    ]),
  );
}
