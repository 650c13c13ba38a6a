import type { ArtifactFile } from "@cairn/sdk";

/** What is known of one directory's listing. */
export interface DirListing {
  files?: ArtifactFile[];
  error?: unknown;
}

/** One visible line of the artifact tree: a file or directory, or the state of an expanded directory's listing. */
export type TreeRow =
  | { kind: "entry"; file: ArtifactFile; level: number; posInSet: number; setSize: number; expanded: boolean }
  | { kind: "status"; dir: string; level: number; status: "loading" | "error" | "empty"; error?: unknown };

/** Directories first, then files, each by name, as file browsers list them. */
function ordered(files: ArtifactFile[]): ArtifactFile[] {
  return [...files].sort((a, b) => (a.is_dir === b.is_dir ? a.path.localeCompare(b.path) : a.is_dir ? -1 : 1));
}

/**
 * The rows a person sees, top to bottom: the root's entries and, under each expanded directory,
 * its entries or why there are none yet. Keyboard navigation walks this list.
 */
export function flattenTree(listings: ReadonlyMap<string, DirListing>, expanded: ReadonlySet<string>): TreeRow[] {
  const rows: TreeRow[] = [];
  const walk = (files: ArtifactFile[], level: number) => {
    const sorted = ordered(files);
    sorted.forEach((file, index) => {
      const open = file.is_dir && expanded.has(file.path);
      rows.push({ kind: "entry", file, level, posInSet: index + 1, setSize: sorted.length, expanded: open });
      if (!open) return;
      const listing = listings.get(file.path);
      if (listing?.error !== undefined) rows.push({ kind: "status", dir: file.path, level: level + 1, status: "error", error: listing.error });
      else if (!listing?.files) rows.push({ kind: "status", dir: file.path, level: level + 1, status: "loading" });
      else if (listing.files.length === 0) rows.push({ kind: "status", dir: file.path, level: level + 1, status: "empty" });
      else walk(listing.files, level + 1);
    });
  };
  walk(listings.get("")?.files ?? [], 1);
  return rows;
}
