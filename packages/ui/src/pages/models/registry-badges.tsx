import { Link } from "react-router";
import type { KeyValue, ModelVersionStage } from "@cairn/core";
import { paths } from "../../paths";

const STAGE_TONE: Record<string, string> = { Production: "ok", Staging: "warn", Archived: "", None: "" };

/** A version's stage as a coloured badge: production green, staging amber, the rest plain. */
export function StageBadge({ stage }: { stage: ModelVersionStage | string }) {
  return <span className={`badge stage-badge ${STAGE_TONE[stage] ?? ""}`}>{stage}</span>;
}

/** An alias and the version it points at, linking to that version. */
export function AliasBadge({ name, alias, version }: { name: string; alias: string; version: string }) {
  return (
    <Link className="badge info alias-badge" to={paths.modelVersion(name, version)} aria-label={`Alias ${alias}: version ${version}`}>
      @{alias} → v{version}
    </Link>
  );
}

/** Tags as key=value chips; nothing when there are none. */
export function TagChips({ tags }: { tags: KeyValue[] | undefined }) {
  if (!tags || tags.length === 0) return <span className="muted">—</span>;
  return (
    <ul className="tag-chips">
      {tags.map((t) => (
        <li key={t.key} className="tag-chip">
          <span className="mono">{t.key}</span>
          {t.value !== "" ? (
            <>
              =<span className="mono">{t.value}</span>
            </>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
