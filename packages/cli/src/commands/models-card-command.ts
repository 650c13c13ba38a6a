import { writeFile } from "node:fs/promises";
import { InvalidArgumentError, type Command } from "commander";
import type { ModelCard, ModelCardFieldsPatch } from "@cairn/core";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { formatNumber, formatTime } from "../output/format.js";
import { describeMove } from "./models-approval-commands.js";
import { clientFor, examples } from "./shared.js";

const TEXT_FIELDS = ["intended_use", "limitations", "ethical_considerations"] as const;
const SETTABLE = [...TEXT_FIELDS, "owners"] as const;

/** One --set field=value; owners take a comma-separated list. Repeats accumulate into one patch. */
function parseSet(value: string, previous: ModelCardFieldsPatch = {}): ModelCardFieldsPatch {
  const at = value.indexOf("=");
  const key = at > 0 ? value.slice(0, at) : "";
  if (!(SETTABLE as readonly string[]).includes(key)) throw new InvalidArgumentError(`expected field=value with field one of ${SETTABLE.join(", ")}; got '${value}'.`);
  const text = value.slice(at + 1);
  if (key === "owners") return { ...previous, owners: text.trim() === "" ? [] : text.split(",").map((o) => o.trim()) };
  return { ...previous, [key]: text };
}

/** The card as sections a person reads top to bottom. */
export function modelCardView(card: ModelCard): string {
  const m = card.model;
  const lines = [
    `Model card: ${card.name} version ${card.version}${m.aliases.length ? ` (@${m.aliases.join(", @")})` : ""}, stage ${m.current_stage}`,
    `Source:     ${m.source}`,
    ...(m.description ? [`About:      ${m.description}`] : []),
  ];
  const written = (label: string, value: string) => lines.push("", `${label}:`, ...(value.trim() === "" ? ["  (not written yet)"] : value.split("\n").map((l) => `  ${l}`)));
  written("Intended use", card.fields.intended_use);
  written("Limitations", card.fields.limitations);
  written("Ethical considerations", card.fields.ethical_considerations);
  lines.push("", `Owners: ${card.fields.owners.length > 0 ? card.fields.owners.join(", ") : "(none listed)"}`);
  if (card.fields.updated_by) lines.push(`  (fields last edited by ${card.fields.updated_by}, ${formatTime(card.fields.last_updated_timestamp)})`);
  const run = card.run;
  if (run) {
    lines.push("", `Run: ${run.run_id} (${run.run_name}) in experiment ${run.experiment_id}`);
    if (run.git?.commit) lines.push(`  commit ${run.git.commit}${run.git.dirty ? " (with uncommitted changes)" : ""}${run.git.branch ? ` on ${run.git.branch}` : ""}`);
    for (const [k, v] of Object.entries(run.params)) lines.push(`  param  ${k} = ${v}`);
    for (const [k, v] of Object.entries(run.metrics)) lines.push(`  metric ${k} = ${typeof v === "number" ? formatNumber(v) : v}`);
  }
  if (card.datasets.length > 0) lines.push("", "Datasets:", ...card.datasets.map((d) => `  ${d.name} (digest ${d.digest}${d.context ? `, ${d.context}` : ""})`));
  if (card.signature) {
    const names = (specs: unknown[] | undefined) => (specs ?? []).map((s) => String((s as { name?: unknown }).name ?? (s as { type?: unknown }).type)).join(", ");
    lines.push("", `Signature: inputs ${names(card.signature.inputs) || "-"}; outputs ${names(card.signature.outputs) || "-"}`);
  }
  if (card.deployments.length > 0) lines.push("", "Deployments:", ...card.deployments.map((d) => `  ${d.name}: ${d.role}, ${d.percent}%`));
  if (card.monitors.length > 0) {
    lines.push("", "Monitors:");
    for (const mon of card.monitors) lines.push(`  ${mon.name}: ${mon.alert_status}${mon.firing_rules.length ? ` (${mon.firing_rules.join(", ")})` : ""}${mon.last_alert ? `; last alert ${mon.last_alert.state} ${formatTime(mon.last_alert.timestamp_ms)}` : ""}`);
  }
  if (card.approvals.length > 0) lines.push("", "Approvals:", ...card.approvals.map((r) => `  ${r.request_id} ${describeMove(r)} ${r.status} (by ${r.requested_by}${r.decided_by ? `, decided by ${r.decided_by}` : ""})`));
  return lines.join("\n");
}

/** Adds `cairn models card <model-uri> [--set field=value] [--html file] [--json]` to the `cairn models` command. */
export function addModelsCardCommand(models: Command, io: CliIo): void {
  models
    .command("card")
    .description("show a model version's card (lineage, deployments, monitors, approvals), edit its fields, or save it as HTML")
    .argument("<model-uri>", "models:/<name>/<version>, models:/<name>@<alias> or models:/<name>/<stage>")
    .option("--set <field=value>", `write a field (${SETTABLE.join(", ")}; owners comma-separated); repeat for more`, parseSet)
    .option("--html <file>", "save the card as a self-contained HTML page")
    .option("--json", "print the card as JSON")
    .addHelpText(
      "after",
      examples(
        "cairn models card models:/churn/7",
        "cairn models card models:/churn@champion --set intended_use='Retention offers' --set owners=ana@example.com,ml-team",
        "cairn models card models:/churn/7 --html churn-7.html",
      ),
    )
    .action(async (uri: string, options: { set?: ModelCardFieldsPatch; html?: string; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const { name, version } = await client.registry.resolveModelUri(uri);
      const card = options.set ? (await client.modelCards.update({ name, version, ...options.set })).card : (await client.modelCards.get({ name, version })).card;
      if (options.html) {
        await writeFile(options.html, await client.modelCards.html({ name, version }));
        io.stderr.write(`Saved the card of '${name}' version ${version} to ${options.html}.\n`);
      }
      if (options.json) writeJson(io.stdout, card);
      else if (!options.html) writeLine(io.stdout, modelCardView(card));
      else if (options.set) writeLine(io.stdout, `Updated the card of '${name}' version ${version}.`);
    });
}
