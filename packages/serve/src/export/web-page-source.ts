import type { WebBundleManifest } from "./web-manifest.js";

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Text made safe for HTML content and attribute values. */
function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/**
 * The bundle's index.html: an example page that loads predict.js, predicts the rows typed into a
 * text box and shows the result, prefilled with exampleRows (default: one row of zeros).
 */
export function indexHtml(manifest: WebBundleManifest, exampleRows?: unknown[]): string {
  const { name, version } = manifest.model;
  const declared = manifest.input.shape[1]!;
  const rows = exampleRows && exampleRows.length > 0 ? exampleRows : [new Array<number>(Math.max(declared, 1)).fill(0)];
  const features = manifest.feature_names
    ? `Features, in order: <code>${manifest.feature_names.map(escapeHtml).join("</code>, <code>")}</code>.`
    : declared >= 0
      ? `${declared} numeric features per row.`
      : "Rows of numbers, as many per row as the model takes.";
  // One row per line, so a person can edit the example row by row.
  const rowsJson = `[\n${rows.map((row) => ` ${JSON.stringify(row)}`).join(",\n")}\n]`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${escapeHtml(name)} v${escapeHtml(version)} · Cairn web bundle</title>
<style>
  body { font: 16px/1.5 system-ui, sans-serif; max-width: 48rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
  textarea, pre { width: 100%; box-sizing: border-box; font: 14px/1.4 ui-monospace, monospace; }
  textarea { min-height: 8rem; }
  pre { background: #f6f8fa; padding: 0.75rem; white-space: pre-wrap; }
  pre.error { background: #ffebe9; }
  button { font: inherit; padding: 0.25rem 1rem; margin: 0.5rem 0; }
</style>
</head>
<body>
<h1>${escapeHtml(name)} <small>version ${escapeHtml(version)}</small></h1>
<p>This model runs in your browser with ONNX Runtime Web ${escapeHtml(manifest.onnxruntime_web.version)}; nothing is sent to a server. ${features}</p>
<label for="rows">Rows as JSON: an array of rows, each an array of numbers${manifest.feature_names ? " or a record by feature name" : ""}.</label>
<textarea id="rows" spellcheck="false">${escapeHtml(rowsJson)}</textarea>
<button id="predict" type="button" disabled>Predict</button>
<pre id="output" aria-live="polite">Loading the model…</pre>
<script type="module">
import { loadModel } from "./predict.js";

const button = document.getElementById("predict");
const output = document.getElementById("output");
const show = (text, isError) => {
  output.textContent = text;
  output.className = isError ? "error" : "";
};
try {
  const model = await loadModel();
  button.disabled = false;
  show("Ready: press Predict.");
  button.addEventListener("click", async () => {
    try {
      const result = await model.predict(JSON.parse(document.getElementById("rows").value));
      show(JSON.stringify(result, null, 2));
    } catch (error) {
      show(String(error && error.message ? error.message : error), true);
    }
  });
} catch (error) {
  show("Could not load the model: " + (error && error.message ? error.message : error), true);
}
</script>
</body>
</html>
`;
}
