import type { ApprovalRequest, ModelCard, ModelCardSignature } from "@cairn/core";

// One self-contained page: inline styles, no scripts, no external assets, so it can be mailed,
// archived or attached to a review as is. Every value from the card is escaped.

/** Escapes text for HTML element content and quoted attribute values. */
export function escapeHtml(value: unknown): string {
  return String(value ?? "").replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!);
}

const STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#fff;margin:0}
main{max-width:60rem;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin:0 0 .25rem}h2{font-size:1.15rem;border-bottom:1px solid #d0d7de;padding-bottom:.25rem;margin-top:2rem}
.meta{color:#57606a;margin:0}.empty{color:#57606a;font-style:italic}
.text{white-space:pre-wrap}
table{border-collapse:collapse;width:100%;margin:.5rem 0}th,td{text-align:left;vertical-align:top;padding:.3rem .6rem;border-bottom:1px solid #eaeef2}
th{background:#f6f8fa;font-weight:600}code{font:13px ui-monospace,SFMono-Regular,Menlo,monospace;word-break:break-all}
.badge{display:inline-block;padding:0 .45rem;border-radius:.6rem;background:#ddf4ff;color:#0a3069;font-size:.85rem;margin-right:.25rem}
.firing{background:#ffebe9;color:#82071e}
@media print{main{max-width:none}}
`;

/** The card as a readable, self-contained HTML page with the contract's sections. */
export function modelCardHtml(card: ModelCard): string {
  const title = `Model card: ${card.name} version ${card.version}`;
  const sections = [
    header(card),
    section("Intended use", text(card.fields.intended_use)),
    section("Limitations", text(card.fields.limitations)),
    section("Ethical considerations", text(card.fields.ethical_considerations)),
    section("Owners", card.fields.owners.length > 0 ? `<ul>${card.fields.owners.map((o) => `<li>${escapeHtml(o)}</li>`).join("")}</ul>` : empty("No owners listed.")),
    section("Model", model(card)),
    section("Training run", run(card)),
    section("Datasets", table(["Name", "Digest", "Context", "Source"], card.datasets.map((d) => [d.name, { html: code(d.digest) }, d.context || "-", { html: code(d.source) }]), "No datasets recorded for the source run.")),
    section("Signature", signature(card.signature)),
    section("Deployments", table(["Deployment", "Role", "Traffic %"], card.deployments.map((d) => [d.name, d.role, String(d.percent)]), "Not deployed.")),
    section("Monitors", monitors(card)),
    section("Approvals", approvals(card.approvals)),
  ];
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${sections.join("\n")}
</main>
</body>
</html>
`;
}

function header(card: ModelCard): string {
  const aliases = card.model.aliases.map((a) => `<span class="badge">@${escapeHtml(a)}</span>`).join("");
  const written = card.fields.updated_by ? ` Fields last edited by ${escapeHtml(card.fields.updated_by)} on ${time(card.fields.last_updated_timestamp)}.` : "";
  return `<header>
<h1>${escapeHtml(card.name)} <span class="meta">version ${escapeHtml(card.version)}</span></h1>
<p class="meta">Stage ${escapeHtml(card.model.current_stage)} ${aliases}</p>
<p class="meta">Generated ${time(card.generated_at)} by Cairn.${written}</p>
</header>`;
}

function model(card: ModelCard): string {
  const m = card.model;
  const rows: [string, string][] = [
    ["Description", m.description ? `<span class="text">${escapeHtml(m.description)}</span>` : empty("none")],
    ["Source", code(m.source)],
    ["Source run", m.run_id ? code(m.run_id) : empty("none")],
    ["Status", escapeHtml(m.status)],
    ["Registered", time(m.creation_timestamp)],
  ];
  const tags = Object.entries(m.tags);
  return `${fieldTable(rows)}${tags.length > 0 ? `<h3>Tags</h3>${table(["Key", "Value"], tags.map(([k, v]) => [k, v]), "")}` : ""}`;
}

function run(card: ModelCard): string {
  const r = card.run;
  if (!r) return empty("The version has no source run in this server (registered from a path outside any run, or the run was deleted).");
  const git = r.git;
  const rows: [string, string][] = [
    ["Run", `${escapeHtml(r.run_name || "(unnamed)")} <code>${escapeHtml(r.run_id)}</code>`],
    ["Experiment", code(r.experiment_id)],
  ];
  if (git) {
    if (git.commit) rows.push(["Git commit", `${code(git.commit)}${git.dirty ? ' <span class="badge firing">uncommitted changes</span>' : ""}`]);
    if (git.branch) rows.push(["Git branch", code(git.branch)]);
    if (git.remote) rows.push(["Git remote", code(git.remote)]);
    if (git.entry_point) rows.push(["Entry point", code(git.entry_point)]);
  }
  return `${fieldTable(rows)}
<h3>Parameters</h3>${table(["Name", "Value"], Object.entries(r.params).map(([k, v]) => [k, v]), "No parameters logged.")}
<h3>Metrics (latest)</h3>${table(["Name", "Value"], Object.entries(r.metrics).map(([k, v]) => [k, String(v)]), "No metrics logged.")}`;
}

function signature(sig: ModelCardSignature | undefined): string {
  if (!sig) return empty("No signature: the version's MLmodel file is not readable here or declares none.");
  const specs = (list: unknown[] | undefined, label: string) => {
    if (!list) return "";
    const rows = list.map((spec) => {
      const s = (spec ?? {}) as { name?: unknown; type?: unknown; required?: unknown; "tensor-spec"?: { dtype?: unknown; shape?: unknown } };
      const tensor = s["tensor-spec"];
      const type = tensor ? `tensor ${String(tensor.dtype)} ${JSON.stringify(tensor.shape)}` : String(s.type ?? "");
      return [String(s.name ?? "-"), type, s.required === false ? "no" : "yes"];
    });
    return `<h3>${label}</h3>${table(["Name", "Type", "Required"], rows, "none")}`;
  };
  return specs(sig.inputs, "Inputs") + specs(sig.outputs, "Outputs");
}

function monitors(card: ModelCard): string {
  if (card.monitors.length === 0) return empty("No monitors watch this model or its deployments.");
  const rows = card.monitors.map((m) => {
    const status = m.alert_status === "FIRING" ? `<span class="badge firing">FIRING</span> ${escapeHtml(m.firing_rules.join(", "))}` : escapeHtml(m.alert_status === "OK" ? "OK" : "no alert rules");
    const last = m.last_alert ? `${escapeHtml(m.last_alert.state)} ${escapeHtml(m.last_alert.rule_name)} on ${time(m.last_alert.timestamp_ms)}: ${escapeHtml(m.last_alert.message)}` : empty("none");
    return [escapeHtml(m.name), escapeHtml(m.deployment ? `deployment ${m.deployment}` : `model ${m.model_name ?? ""}`), status, last];
  });
  return rawTable(["Monitor", "Watches", "Alerts", "Last alert"], rows);
}

function approvals(requests: readonly ApprovalRequest[]): string {
  if (requests.length === 0) return empty("No approval requests for this version.");
  const rows = requests.map((r) => [
    escapeHtml(`${r.kind === "alias" ? "@" : "stage "}${r.target}${r.archive_existing_versions ? " (archive others)" : ""}`),
    escapeHtml(r.status),
    `${escapeHtml(r.requested_by)} on ${time(r.creation_timestamp)}${r.comment ? `<br><span class="text">${escapeHtml(r.comment)}</span>` : ""}`,
    r.decided_by ? `${escapeHtml(r.decided_by)} on ${time(r.decided_timestamp)}${r.decision_comment ? `<br><span class="text">${escapeHtml(r.decision_comment)}</span>` : ""}` : "-",
  ]);
  return rawTable(["Move", "Status", "Requested", "Decided"], rows);
}

function section(title: string, body: string): string {
  return `<section>\n<h2>${escapeHtml(title)}</h2>\n${body}\n</section>`;
}

function text(value: string): string {
  return value.trim() === "" ? empty("Not written yet.") : `<p class="text">${escapeHtml(value)}</p>`;
}

function empty(message: string): string {
  return `<p class="empty">${escapeHtml(message)}</p>`;
}

function code(value: string): string {
  return `<code>${escapeHtml(value)}</code>`;
}

function time(ms: number | undefined): string {
  return ms === undefined ? "-" : escapeHtml(new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, " UTC"));
}

/** Label/value rows whose values are already HTML. */
function fieldTable(rows: readonly [string, string][]): string {
  return `<table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${v}</td></tr>`).join("")}</tbody></table>`;
}

/** A cell already rendered as HTML, as opposed to text that table() escapes. */
interface Html {
  html: string;
}

/** A table of text cells (escaped here) and Html cells. */
function table(headers: readonly string[], rows: readonly (string | Html)[][], none: string): string {
  if (rows.length === 0) return none ? empty(none) : "";
  return rawTable(headers, rows.map((r) => r.map((cell) => (typeof cell === "string" ? escapeHtml(cell) : cell.html))));
}

function rawTable(headers: readonly string[], rows: readonly string[][]): string {
  return `<table><thead><tr>${headers.map((h) => `<th scope="col">${escapeHtml(h)}</th>`).join("")}</tr></thead><tbody>${rows.map((r) => `<tr>${r.map((c) => `<td>${c}</td>`).join("")}</tr>`).join("")}</tbody></table>`;
}
