import type { ArtifactFile } from "@cairn/sdk";
import { formatBytes } from "./format.js";
import { renderTable } from "./table.js";

/** Artifact listing entries as a table: path, type and size (directories have none). */
export function artifactTable(files: readonly ArtifactFile[]): string {
  return renderTable(
    ["PATH", "TYPE", "SIZE"],
    files.map((f) => [f.is_dir ? `${f.path}/` : f.path, f.is_dir ? "dir" : "file", f.is_dir ? "-" : formatBytes(f.file_size)]),
  );
}
