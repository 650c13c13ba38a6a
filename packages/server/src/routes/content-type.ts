// Enough of the common types for browsers and clients to handle downloads sensibly; anything
// else is sent as bytes, as MLflow's proxy does for types it cannot guess.
const TYPES: Record<string, string> = {
  txt: "text/plain; charset=utf-8",
  log: "text/plain; charset=utf-8",
  md: "text/markdown; charset=utf-8",
  csv: "text/csv; charset=utf-8",
  json: "application/json",
  yaml: "text/yaml; charset=utf-8",
  yml: "text/yaml; charset=utf-8",
  html: "text/html; charset=utf-8",
  png: "image/png",
  jpg: "image/jpeg",
  jpeg: "image/jpeg",
  gif: "image/gif",
  svg: "image/svg+xml",
  pdf: "application/pdf",
  parquet: "application/vnd.apache.parquet",
  onnx: "application/octet-stream",
};

/** The Content-Type to send a downloaded artifact with, from its file name. */
export function contentTypeFor(name: string): string {
  if (name === "MLmodel") return "text/yaml; charset=utf-8";
  const dot = name.lastIndexOf(".");
  return (dot >= 0 && TYPES[name.slice(dot + 1).toLowerCase()]) || "application/octet-stream";
}
