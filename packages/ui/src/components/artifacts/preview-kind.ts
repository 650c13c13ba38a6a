/** How the artifact browser previews a file, chosen from its name. */
export type PreviewKind = "text" | "json" | "csv" | "tsv" | "image" | "mlmodel" | "binary";

/** Files larger than this are not fetched for a preview: a download link is offered instead. */
export const PREVIEW_LIMIT_BYTES = 2 * 1024 * 1024;

// Text formats runs commonly log (code, configs, logs, environment files); YAML is shown as text.
const TEXT_EXTENSIONS = new Set([
  "txt", "text", "log", "out", "err", "md", "markdown", "rst", "py", "r", "sql", "sh", "js", "ts", "java", "scala",
  "c", "h", "cpp", "go", "rs", "yaml", "yml", "toml", "ini", "cfg", "conf", "env", "xml", "html", "diff", "patch", "jsonl",
]);

// Image types an <img> renders without running anything (SVG in an <img> runs no scripts).
const IMAGE_TYPES: Record<string, string> = {
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  webp: "image/webp",
  svg: "image/svg+xml",
};

function extensionOf(path: string): string {
  const name = path.slice(path.lastIndexOf("/") + 1);
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
}

/** The preview kind of an artifact path: MLmodel files get their signature view, unknown types none. */
export function previewKindOf(path: string): PreviewKind {
  if (path.slice(path.lastIndexOf("/") + 1) === "MLmodel") return "mlmodel";
  const ext = extensionOf(path);
  if (ext === "json" || ext === "ipynb") return "json";
  if (ext === "csv") return "csv";
  if (ext === "tsv") return "tsv";
  if (ext in IMAGE_TYPES) return "image";
  if (TEXT_EXTENSIONS.has(ext)) return "text";
  return "binary";
}

/** The MIME type to display an image artifact with (the proxy may send unknown types as bytes). */
export function imageTypeOf(path: string): string {
  return IMAGE_TYPES[extensionOf(path)] ?? "application/octet-stream";
}
