import { useEffect, useRef, useState, type KeyboardEvent } from "react";
import { useQueries } from "@tanstack/react-query";
import type { ArtifactFile } from "@cairn/sdk";
import { ErrorPanel, Loading } from "../page-state";
import { formatBytes } from "../../format";
import { ancestorDirs, artifactFileUrl, baseName, parentDir } from "./artifact-url";
import { flattenTree, type DirListing, type TreeRow } from "./flatten-tree";
import { listingQuery } from "./use-artifacts";

type EntryRow = Extract<TreeRow, { kind: "entry" }>;

const indent = (level: number) => ({ paddingLeft: `${0.4 + (level - 1) * 1.1}rem` });

/**
 * The files under an artifact URI as an ARIA tree: directories load when first expanded, arrow
 * keys move (Right/Left open and close, Home/End jump), Enter or Space opens a file.
 */
export function ArtifactTree({ artifactUri, selectedPath, onSelect }: { artifactUri: string; selectedPath: string; onSelect: (path: string) => void }) {
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(() => new Set(ancestorDirs(selectedPath)));
  const [focused, setFocused] = useState(selectedPath);
  const items = useRef(new Map<string, HTMLElement>());

  // A deep link, or back/forward, to a file inside folders opens those folders.
  useEffect(() => {
    setExpanded((previous) => {
      const missing = ancestorDirs(selectedPath).filter((dir) => !previous.has(dir));
      return missing.length === 0 ? previous : new Set([...previous, ...missing]);
    });
  }, [selectedPath]);

  const dirs = ["", ...expanded];
  const results = useQueries({ queries: dirs.map((dir) => listingQuery(artifactUri, dir)) });
  const root = results[0]!;
  if (root.isPending) return <Loading what="Loading artifacts" />;
  if (root.isError) return <ErrorPanel error={root.error} retry={() => void root.refetch()} title="Could not list the artifacts" />;
  if (root.data.length === 0) return <p className="empty">This has no artifacts.</p>;

  const listings = new Map<string, DirListing>(dirs.map((dir, i) => [dir, { files: results[i]!.data, error: results[i]!.error ?? undefined }]));
  const rows = flattenTree(listings, expanded);
  const entries = rows.filter((row): row is EntryRow => row.kind === "entry");
  const tabStop = [focused, selectedPath].find((path) => entries.some((e) => e.file.path === path)) ?? entries[0]?.file.path;

  const toggle = (dir: string, open: boolean) =>
    setExpanded((previous) => {
      const next = new Set(previous);
      if (open) next.add(dir);
      else next.delete(dir);
      return next;
    });
  const focusPath = (path: string | undefined) => {
    if (path === undefined) return;
    setFocused(path);
    items.current.get(path)?.focus();
  };
  const activate = (file: ArtifactFile, open: boolean) => (file.is_dir ? toggle(file.path, !open) : onSelect(file.path));

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const row = entries[index]!;
    const { file } = row;
    const next = entries[index + 1];
    switch (event.key) {
      case "ArrowDown":
        focusPath(next?.file.path);
        break;
      case "ArrowUp":
        focusPath(entries[index - 1]?.file.path);
        break;
      case "Home":
        focusPath(entries[0]?.file.path);
        break;
      case "End":
        focusPath(entries.at(-1)?.file.path);
        break;
      case "ArrowRight":
        if (file.is_dir && !row.expanded) toggle(file.path, true);
        else if (file.is_dir && next?.level === row.level + 1) focusPath(next.file.path);
        break;
      case "ArrowLeft":
        if (file.is_dir && row.expanded) toggle(file.path, false);
        else if (row.level > 1) focusPath(parentDir(file.path));
        break;
      case "Enter":
      case " ":
        activate(file, row.expanded);
        break;
      default:
        return;
    }
    event.preventDefault();
  };

  let entryIndex = -1;
  return (
    <ul role="tree" aria-label="Artifact files" className="artifact-tree">
      {rows.map((row) => {
        if (row.kind === "status") return <StatusRow key={`status:${row.dir}`} row={row} />;
        const index = ++entryIndex;
        const { file } = row;
        const name = baseName(file.path);
        return (
          <li role="none" key={file.path} className="artifact-row">
            <div
              role="treeitem"
              ref={(element) => {
                if (element) items.current.set(file.path, element);
                else items.current.delete(file.path);
              }}
              tabIndex={file.path === tabStop ? 0 : -1}
              aria-level={row.level}
              aria-posinset={row.posInSet}
              aria-setsize={row.setSize}
              aria-expanded={file.is_dir ? row.expanded : undefined}
              aria-selected={file.is_dir ? undefined : file.path === selectedPath}
              className="artifact-item"
              style={indent(row.level)}
              onClick={() => {
                setFocused(file.path);
                activate(file, row.expanded);
              }}
              onKeyDown={(event) => onKeyDown(event, index)}
            >
              <span className="artifact-icon" aria-hidden="true">
                {file.is_dir ? (row.expanded ? "▾" : "▸") : "•"}
              </span>
              <span className="artifact-name">{name}</span>
              {file.is_dir ? null : <span className="artifact-size">{formatBytes(file.file_size)}</span>}
            </div>
            {file.is_dir ? null : (
              // Out of the tab order: the tree is one tab stop, and the preview pane has the same link.
              <a className="artifact-download" href={artifactFileUrl(artifactUri, file.path)} download={name} tabIndex={-1} aria-label={`Download ${name}`}>
                ⤓
              </a>
            )}
          </li>
        );
      })}
    </ul>
  );
}

function StatusRow({ row }: { row: Extract<TreeRow, { kind: "status" }> }) {
  const text =
    row.status === "loading" ? "Loading…" : row.status === "empty" ? "(empty)" : `Could not list: ${row.error instanceof Error ? row.error.message : String(row.error)}`;
  return (
    <li role="none" className={`artifact-status${row.status === "error" ? " failed" : ""}`} style={indent(row.level)}>
      {text}
    </li>
  );
}
