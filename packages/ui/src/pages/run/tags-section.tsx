import type { RunTag } from "@cairn/core";
import { LongValue } from "./long-value";
import { isSystemTag } from "../../run-tags";

function TagTable({ tags, caption }: { tags: RunTag[]; caption: string }) {
  return (
    <div className="table-scroll">
      <table className="data-table run-tags">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            <th scope="col">Tag</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {tags.map((t) => (
            <tr key={t.key}>
              <th scope="row" className="mono">
                {t.key}
              </th>
              <td className="mono">
                <LongValue value={t.value} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** The user's tags, then the tags MLflow and Cairn set (mlflow.*, cairn.*) folded away below them. */
export function TagsSection({ tags }: { tags: RunTag[] }) {
  const sorted = [...tags].sort((a, b) => a.key.localeCompare(b.key));
  const user = sorted.filter((t) => !isSystemTag(t.key));
  const system = sorted.filter((t) => isSystemTag(t.key));
  return (
    <>
      {user.length > 0 ? <TagTable tags={user} caption="Tags" /> : <p className="empty">No tags of your own.</p>}
      {system.length > 0 ? (
        <details className="system-tags">
          <summary>System tags ({system.length})</summary>
          <TagTable tags={system} caption="System tags" />
        </details>
      ) : null}
    </>
  );
}
