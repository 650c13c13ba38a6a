import type { ArtifactFileInfo } from "@cairn/core";

/** Sorts listing entries by path in code-unit order, so both stores list identically. */
export function sortByPath(entries: ArtifactFileInfo[]): ArtifactFileInfo[] {
  return entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
