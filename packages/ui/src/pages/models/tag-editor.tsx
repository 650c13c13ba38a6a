import { useState } from "react";
import type { KeyValue } from "@cairn/core";
import { ErrorPanel } from "../../components/page-state";
import { useRegistryMutation } from "./registry-queries";

/** A tag table with a Remove button per tag and a form to add (or overwrite) one. */
export function TagEditor({ tags, what, set, remove }: { tags: KeyValue[] | undefined; what: string; set: (tag: KeyValue) => Promise<unknown>; remove: (key: string) => Promise<unknown> }) {
  const [key, setKey] = useState("");
  const [value, setValue] = useState("");
  const add = useRegistryMutation(set);
  const drop = useRegistryMutation(remove);
  const list = tags ?? [];

  return (
    <div className="tag-editor">
      {list.length === 0 ? (
        <p className="empty">No tags on this {what}.</p>
      ) : (
        <div className="table-scroll">
          <table className="data-table kv-table">
            <thead>
              <tr>
                <th scope="col">Key</th>
                <th scope="col">Value</th>
                <th scope="col">
                  <span className="visually-hidden">Actions</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {list.map((tag) => (
                <tr key={tag.key}>
                  <td className="mono">{tag.key}</td>
                  <td className="mono cell-wrap">{tag.value}</td>
                  <td>
                    <button type="button" className="danger" aria-label={`Remove tag ${tag.key}`} disabled={drop.isPending} onClick={() => drop.mutate(tag.key)}>
                      Remove
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form
        className="inline-form"
        aria-label={`Add a tag to this ${what}`}
        onSubmit={(event) => {
          event.preventDefault();
          add.mutate(
            { key: key.trim(), value },
            {
              onSuccess: () => {
                setKey("");
                setValue("");
              },
            },
          );
        }}
      >
        <label>
          Tag key <input required value={key} onChange={(e) => setKey(e.target.value)} />
        </label>
        <label>
          Value <input value={value} onChange={(e) => setValue(e.target.value)} />
        </label>
        <button type="submit" disabled={add.isPending || key.trim() === ""}>
          Add tag
        </button>
      </form>
      {add.isError ? <ErrorPanel error={add.error} title="Could not set the tag" /> : null}
      {drop.isError ? <ErrorPanel error={drop.error} title="Could not remove the tag" /> : null}
    </div>
  );
}
