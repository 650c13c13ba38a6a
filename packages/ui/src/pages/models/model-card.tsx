import { useState } from "react";
import { QueryState } from "../../components/page-state";
import { allows } from "../../components/permission-level";
import { useMyLevel } from "../../components/permissions-queries";
import { formatTime } from "../../format";
import type { ModelCardFields } from "@cairn/core";
import { modelCardApi } from "./model-card-api";
import { ModelCardEditor } from "./model-card-editor";
import { ModelCardFacts } from "./model-card-facts";
import { useModelCard } from "./model-card-queries";

function Written({ label, text }: { label: string; text: string }) {
  return (
    <>
      <dt>{label}</dt>
      <dd className={text ? undefined : "muted"}>{text || "Not written yet."}</dd>
    </>
  );
}

function WrittenFields({ fields }: { fields: ModelCardFields }) {
  return (
    <dl className="card-fields">
      <Written label="Intended use" text={fields.intended_use} />
      <Written label="Limitations" text={fields.limitations} />
      <Written label="Ethical considerations" text={fields.ethical_considerations} />
      <Written label="Owners" text={fields.owners.join(", ")} />
    </dl>
  );
}

/** A version's model card: the written fields (editable with EDIT on the model), what the registry knows, and a link to the HTML card. */
export function ModelCardSection({ name, version }: { name: string; version: string }) {
  const card = useModelCard(name, version);
  const level = useMyLevel({ resource_type: "registered_model", resource_id: name });
  const [editing, setEditing] = useState(false);
  return (
    <div className="model-card">
      <QueryState query={card} what="the model card">
        {(c) => (
          <>
            <div className="row-actions card-actions">
              <a href={modelCardApi.htmlUrl(name, version)} target="_blank" rel="noopener">
                Open the HTML card
              </a>
              {!editing && allows(level, "EDIT") ? (
                <button type="button" onClick={() => setEditing(true)}>
                  Edit model card
                </button>
              ) : null}
            </div>
            {editing ? <ModelCardEditor name={name} version={version} fields={c.fields} done={() => setEditing(false)} /> : <WrittenFields fields={c.fields} />}
            {c.fields.updated_by ? (
              <p className="muted">
                Written by {c.fields.updated_by} {formatTime(c.fields.last_updated_timestamp)}
              </p>
            ) : null}
            <ModelCardFacts card={c} />
          </>
        )}
      </QueryState>
    </div>
  );
}
