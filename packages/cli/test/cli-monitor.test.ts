import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AlertEvent, AlertRule, AlertRuleState, Monitor } from "@cairn/core";
import { createClient, type AbReport, type MonitorEvaluation, type MonitorReport, type MonitorSkewResult } from "@cairn/sdk";
import { EXIT_CODES, EXIT_USAGE } from "@cairn/cli";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";
import { parquetWriteFile } from "hyparquet-writer";
import { cairnAt, tableRows, type CliResult } from "./helpers/cli-harness.js";

const HOUR = 3_600_000;
const REFERENCE_ROWS = 600;
const EVENTS = 900;

/** Reference: age uniform on 20..59, plan 1/3 pro, churned alternating, p_churn on a 0.1 grid, a customer id. */
function referenceCsv(): string {
  const lines = ["customer_id,age,plan,churned,p_churn"];
  for (let i = 0; i < REFERENCE_ROWS; i++) lines.push(`${String(i).padStart(5, "0")},${20 + (i % 40)},${i % 3 === 0 ? "pro" : "free"},${i % 2},${(i % 10) / 10}`);
  return `${lines.join("\n")}\n`;
}

/** Served events over three closed hours: ages shifted up by 30 (age drifts, plan does not), two variants. */
function eventsJsonl(base: number): string {
  return Array.from({ length: EVENTS }, (_, i) =>
    JSON.stringify({ req: `r${i}`, ts: new Date(base + (i % 3) * HOUR + 1000).toISOString(), age: 50 + (i % 40), plan: i % 3 === 0 ? "pro" : "free", pred: i % 2, score: (i % 10) / 10, model_version: i % 2 === 0 ? "1" : "2" }),
  ).join("\n");
}

describe("cairn monitor", () => {
  let server: EphemeralServer;
  let cairn: (...argv: string[]) => Promise<CliResult>;
  let work: string;
  let runId: string;
  const base = Math.floor(Date.now() / HOUR) * HOUR - 3 * HOUR;
  const path = (name: string) => join(work, name);

  before(async () => {
    server = await startEphemeralServer();
    cairn = cairnAt(server.url);
    work = await mkdtemp(join(tmpdir(), "cairn-cli-monitor-"));
    await writeFile(path("reference.csv"), referenceCsv());
    await writeFile(path("events.jsonl"), eventsJsonl(base));
    await writeFile(path("labels.csv"), `req,outcome\nr0,0\nr1,1\nr2,\nghost,1\n`);
    await writeFile(path("offline.csv"), `req,age,plan\nr0,50,pro\nr3,99,pro\nnever,30,free\n`);
    await writeFile(path("broken.jsonl"), `{"age": 1}\n{"age": \n`);
    parquetWriteFile({
      filename: path("reference.parquet"),
      columnData: [
        { name: "age", data: Float64Array.from({ length: 200 }, (_, i) => 20 + (i % 40)), type: "DOUBLE" },
        { name: "plan", data: Array.from({ length: 200 }, (_, i) => (i % 3 === 0 ? "pro" : "free")), type: "STRING" },
      ],
    });
    const run = await createClient({ trackingUri: server.url }).startRun({ experiment: "cli-monitor", flushIntervalMs: 0 });
    runId = run.runId;
    await run.end();
  });
  after(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  const ok = async (...argv: string[]) => {
    const r = await cairn(...argv);
    assert.equal(r.code, 0, `cairn ${argv.join(" ")}: ${r.stderr}`);
    return r;
  };
  const fails = async (code: number, message: RegExp, ...argv: string[]) => {
    const r = await cairn(...argv);
    assert.equal(r.code, code, `cairn ${argv.join(" ")}: ${r.stdout}${r.stderr}`);
    assert.match(r.stderr, message);
    return r;
  };

  it("creates a monitor from a local CSV reference, profiled in the CLI", async () => {
    const created = await ok(
      "monitor", "create", "churn", "--model", "churn", "--reference", path("reference.csv"),
      "--label", "churned", "--score", "p_churn", "--exclude", "customer_id", "--task", "binary_classification",
      "--window", "1h", "--method", "age=psi", "--threshold", "age=0.2", "--drift-share", "0.5", "--json",
    );
    const monitor = JSON.parse(created.stdout) as Monitor;
    assert.deepEqual(monitor.config.features, [{ name: "age", kind: "numeric", method: "psi", threshold: 0.2 }, { name: "plan", kind: "categorical" }]);
    assert.deepEqual([monitor.model_name, monitor.config.task, monitor.config.window_ms, monitor.config.drift_share], ["churn", "binary_classification", HOUR, 0.5]);
    assert.deepEqual(monitor.reference, { source: "reference.csv", rows: REFERENCE_ROWS, labeled_rows: REFERENCE_ROWS });

    const human = await ok("monitor", "create", "churn-2", "--deployment", "churn-prod", "--reference", path("reference.csv"), "--exclude", "customer_id", "--exclude", "churned", "--exclude", "p_churn", "--feature-type", "age=categorical", "--window", "30m", "--bh");
    assert.match(human.stdout, /^Created monitor 'churn-2' watching deployment churn-prod: 2 features \(age categorical, plan categorical\), windows of 30m\.\n/);
    assert.match(human.stdout, /Feed it with: cairn monitor ingest churn-2 <events file>/);
  });

  it("creates a monitor from a run's Parquet artifact (runs:/...)", async () => {
    await ok("artifacts", "upload", path("reference.parquet"), "--run", runId, "--artifact-path", "data");
    const created = await ok("monitor", "create", "from-run", "--model", "churn", "--reference", `runs:/${runId}/data/reference.parquet`, "--json");
    const monitor = JSON.parse(created.stdout) as Monitor;
    assert.deepEqual([monitor.reference.source, monitor.reference.rows], [`runs:/${runId}/data/reference.parquet`, 200]);
    assert.deepEqual(monitor.config.features.map((f) => [f.name, f.kind]), [["age", "numeric"], ["plan", "categorical"]]);
    await fails(EXIT_CODES.RESOURCE_DOES_NOT_EXIST, /error: .*nope\.parquet/, "monitor", "create", "x", "--model", "churn", "--reference", `runs:/${runId}/data/nope.parquet`);
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /runs:\/<run_id>\/<path to a file>/, "monitor", "create", "x", "--model", "churn", "--reference", "runs:/only-a-run");
  });

  it("refuses bad create input with messages that say what to do", async () => {
    const ref = path("reference.csv");
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /--label 'nope' is not a column of .*reference\.csv; its columns are: customer_id, age, plan, churned, p_churn\./, "monitor", "create", "x", "--model", "m", "--reference", ref, "--label", "nope");
    await fails(EXIT_USAGE, /--window.*expected a duration such as 30m, 1h, 1d/, "monitor", "create", "x", "--model", "m", "--reference", ref, "--window", "1x");
    await fails(EXIT_USAGE, /unknown drift method 'magic'/, "monitor", "create", "x", "--model", "m", "--reference", ref, "--method", "age=magic");
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /--method names 'customer_id', which is not a feature/, "monitor", "create", "x", "--model", "m", "--reference", ref, "--exclude", "customer_id", "--method", "customer_id=psi");
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /File '.*missing\.csv' does not exist/, "monitor", "create", "x", "--model", "m", "--reference", path("missing.csv"));
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /broken\.jsonl line 2 is not JSON/, "monitor", "create", "x", "--model", "m", "--reference", path("broken.jsonl"));
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /pass --model <name> or --deployment <name>/, "monitor", "create", "x", "--reference", ref);
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /Invalid monitor name/, "monitor", "create", "bad name", "--model", "m", "--reference", ref);
    await fails(EXIT_CODES.RESOURCE_ALREADY_EXISTS, /churn/, "monitor", "create", "churn", "--model", "churn", "--reference", ref);
  });

  it("lists, shows and updates monitors", async () => {
    const listed = JSON.parse((await ok("monitor", "list", "--json")).stdout) as Monitor[];
    assert.deepEqual(listed.map((m) => m.name), ["churn", "churn-2", "from-run"]);
    assert.deepEqual((JSON.parse((await ok("monitor", "list", "--deployment", "churn-prod", "--json")).stdout) as Monitor[]).map((m) => m.name), ["churn-2"]);
    const table = tableRows((await ok("monitor", "list", "--model", "churn")).stdout);
    assert.deepEqual(table.map((r) => r.slice(0, 5)), [["NAME", "WATCHES", "FEATURES", "WINDOW", "REFERENCE ROWS"], ["churn", "model churn", "2", "1h", "600"], ["from-run", "model churn", "2", "1h", "200"]]);

    const shown = (await ok("monitor", "get", "churn")).stdout;
    assert.match(shown, /Watches: +model churn/);
    assert.match(shown, /Reference: +reference\.csv: 600 rows, 600 labeled/);
    assert.deepEqual(tableRows(shown.slice(shown.indexOf("FEATURE"))), [["FEATURE", "KIND", "METHOD", "THRESHOLD"], ["age", "numeric", "psi", "0.2"], ["plan", "categorical", "auto", "default"]]);

    const updated = JSON.parse((await ok("monitor", "update", "churn-2", "--method", "plan=jensenshannon", "--threshold", "plan=0.15", "--retention", "2w", "--no-bh", "--json")).stdout) as Monitor;
    assert.deepEqual([updated.config.window_ms, updated.config.raw_retention_days, updated.config.bh_correction], [HOUR / 2, 14, false]);
    // Windows already cut keep their length: update has no --window.
    await fails(EXIT_USAGE, /unknown option '--window'/, "monitor", "update", "churn-2", "--window", "2h");
    assert.deepEqual(updated.config.features.find((f) => f.name === "plan"), { name: "plan", kind: "categorical", method: "jensenshannon", threshold: 0.15 });
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /'income' is not a feature of monitor 'churn-2'; its features are: age, plan/, "monitor", "update", "churn-2", "--method", "income=psi");
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /Nothing to change/, "monitor", "update", "churn-2");
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /whole days/, "monitor", "update", "churn-2", "--retention", "36h");
    await fails(EXIT_CODES.RESOURCE_DOES_NOT_EXIST, /Monitor 'ghost' does not exist\. List monitors with `cairn monitor list`/, "monitor", "get", "ghost");
  });

  it("ingests a JSON-lines file and attaches labels from a CSV", async () => {
    const common = ["--id-column", "req", "--timestamp-column", "ts", "--prediction-column", "pred", "--score-column", "score", "--variant-column", "model_version"];
    const ingested = JSON.parse((await ok("monitor", "ingest", "churn", path("events.jsonl"), ...common, "--json")).stdout) as Record<string, number>;
    assert.deepEqual(ingested, { rows: EVENTS, accepted: EVENTS, duplicates: 0, quality_issues: 0 });
    const again = await ok("monitor", "ingest", "churn", path("events.jsonl"), ...common);
    assert.equal(again.stdout, `Ingested ${EVENTS} rows into 'churn': 0 accepted, ${EVENTS} duplicates (request ids already stored), 0 data-quality issues.\n`);
    assert.equal(again.stderr, "", "no progress bar off a terminal");
    const withBar = await ok("monitor", "ingest", "churn", path("events.jsonl"), ...common, "--progress");
    assert.match(withBar.stderr, /ingest \[.*\] 100% \| 900 rows/);

    await fails(EXIT_CODES.RESOURCE_DOES_NOT_EXIST, /Monitor 'ghost' does not exist\. List monitors with `cairn monitor list`/, "monitor", "ingest", "ghost", path("events.jsonl"));
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /--score-column 'p' is not a column of .*events\.jsonl; its columns are: req, ts, age, plan, pred, score, model_version/, "monitor", "ingest", "churn", path("events.jsonl"), "--score-column", "p");
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /Row 1: '.*' in timestamp column 'plan' is not a time/, "monitor", "ingest", "churn", path("events.jsonl"), "--timestamp-column", "plan");
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /Cannot tell the format of .*events\.txt/, "monitor", "ingest", "churn", path("events.txt"));
    await fails(EXIT_USAGE, /argument 'xml' is invalid/, "monitor", "ingest", "churn", path("events.jsonl"), "--format", "xml");

    const labeled = JSON.parse((await ok("monitor", "labels", "churn", path("labels.csv"), "--id-column", "req", "--label-column", "outcome", "--json")).stdout);
    assert.deepEqual(labeled, { rows: 4, updated: 2, skipped: 1, unknown_request_ids: ["ghost"], already_labeled: [] });
    const relabeled = await ok("monitor", "labels", "churn", path("labels.csv"), "--id-column", "req", "--label-column", "outcome");
    assert.equal(relabeled.stdout, [
      "Labeled 0 of 4 events in 'churn'.",
      "1 rows had no label and were skipped.",
      "2 ids already had a label (the first is kept): r0, r1",
      "1 ids match no stored event (never ingested with that id, or past retention): ghost",
      "",
    ].join("\n"));
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /--label-column 'label' is not a column .*; its columns are: req, outcome/, "monitor", "labels", "churn", path("labels.csv"), "--id-column", "req");
  });

  it("reports drift, performance and quality as text, JSON and HTML", async () => {
    const from = new Date(base).toISOString();
    const json = JSON.parse((await ok("monitor", "report", "churn", "--from", from, "--json")).stdout) as MonitorReport;
    assert.deepEqual([json.monitor, json.windows, json.events, json.reference_rows, json.start_time_ms], ["churn", 3, EVENTS, REFERENCE_ROWS, base]);
    assert.deepEqual(json.drift.features.map((f) => [f.feature, f.method, f.drifted]), [["age", "psi", true], ["plan", json.drift.features[1]!.method, false]]);
    assert.equal(json.performance.labeled, 2);

    const text = (await ok("monitor", "report", "churn", "--from", "-4h")).stdout;
    assert.match(text, /^Monitor 'churn': .* 3 windows, 900 events \(reference: 600 rows\)/);
    assert.match(text, /Dataset drift: YES \(1 of 2 features drifted, share 0\.5\)/);
    const features = tableRows(text.slice(text.indexOf("FEATURE"), text.indexOf("\n\n", text.indexOf("FEATURE"))));
    assert.deepEqual(features[0], ["FEATURE", "KIND", "METHOD", "STATISTIC", "THRESHOLD", "DRIFTED", "SIGNALS"]);
    assert.deepEqual(features[1]!.slice(0, 3).concat(features[1]!.slice(4, 6)), ["age", "numeric", "psi", "0.2", "yes"]);
    assert.equal(Number(features[1]![3]), Number(json.drift.features[0]!.statistic!.toPrecision(6)));
    assert.match(text, /Performance \(binary_classification\): 2 labeled events/);
    assert.match(text, /Data quality: 0 issues in 900 events/);

    const html = path("report.html");
    const written = await ok("monitor", "report", "churn", "--from", from, "--html", html);
    assert.equal(written.stdout, `Wrote the HTML report of 'churn' to ${html}.\n`);
    assert.match(await readFile(html, "utf8"), /<html[\s\S]*churn/i);

    await fails(EXIT_USAGE, /--from.*expected an ISO time such as 2026-03-01T12:00:00Z, a time ago such as -7d/, "monitor", "report", "churn", "--from", "yesterday-ish");
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /Empty time range/, "monitor", "report", "churn", "--from", "-1h", "--to", "-2h");
    await fails(EXIT_CODES.RESOURCE_DOES_NOT_EXIST, /cairn monitor list/, "monitor", "report", "ghost");
  });

  it("adds, lists and deletes alert rules, evaluates windows and shows alerts", async () => {
    const rule = JSON.parse((await ok("monitor", "rule", "add", "churn", "drift", "drift_share > 0.3 for 2 windows", "--cooldown", "6h", "--json")).stdout) as AlertRule;
    assert.deepEqual([rule.name, rule.expression, rule.for_windows, rule.cooldown_ms], ["drift", "drift_share > 0.3 for 2 windows", 2, 6 * HOUR]);
    const added = await ok("monitor", "rule", "add", "churn", "slow", "p99_latency_ms > 50");
    assert.match(added.stdout, /^Added rule 'slow' \(.+\) to 'churn': p99_latency_ms > 50, for 1 window\.\n$/);
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /Invalid alert expression/, "monitor", "rule", "add", "churn", "bad", "drift_share >");
    await fails(EXIT_USAGE, /--cooldown.*expected a duration/, "monitor", "rule", "add", "churn", "x", "f1 < 0.8", "--cooldown", "soon");

    const evaluation = JSON.parse((await ok("monitor", "evaluate", "churn", "--json")).stdout) as MonitorEvaluation;
    assert.deepEqual(evaluation.alerts.map((a) => [a.rule_name, a.state, a.window_start_ms]), [["drift", "FIRING", base + HOUR]]);
    assert.match((await ok("monitor", "evaluate", "churn")).stdout, /^Evaluated 0 windows of 'churn' .*: 0 alerts\.\n$/);

    const alerts = JSON.parse((await ok("monitor", "alerts", "churn", "--since", "7d", "--json")).stdout) as AlertEvent[];
    assert.deepEqual(alerts.map((a) => [a.rule_name, a.state]), [["drift", "FIRING"]]);
    const alertRows = tableRows((await ok("monitor", "alerts", "churn")).stdout);
    assert.deepEqual(alertRows[0], ["TIME", "RULE", "STATE", "WINDOW", "VALUE", "NOTIFIED", "MESSAGE"]);
    assert.deepEqual(alertRows[1]!.slice(1, 3), ["drift", "FIRING"]);

    const listed = JSON.parse((await ok("monitor", "rule", "list", "churn", "--json")).stdout) as { rules: AlertRule[]; states: AlertRuleState[] };
    assert.deepEqual(listed.rules.map((r) => r.name).sort(), ["drift", "slow"]);
    const ruleRows = tableRows((await ok("monitor", "rule", "list", "churn")).stdout);
    assert.deepEqual(ruleRows.find((r) => r[1] === "drift")?.slice(2, 6), ["drift_share > 0.3 for 2 windows", "2 windows", "6h", "FIRING (3 in a row)"]);

    assert.equal((await ok("monitor", "rule", "delete", "churn", "slow")).stdout, "Deleted alert rule 'slow' of 'churn'.\n");
    await ok("monitor", "rule", "delete", "churn", rule.rule_id);
    await fails(EXIT_CODES.RESOURCE_DOES_NOT_EXIST, /no alert rule with id or name 'drift'. Its rules: none/, "monitor", "rule", "delete", "churn", "drift");
    assert.match((await ok("monitor", "rule", "list", "churn")).stdout, /has no alert rules\. Add one with: cairn monitor rule add churn/);
  });

  it("compares variants (ab) and checks skew, with offline rows joined by id", async () => {
    const ab = JSON.parse((await ok("monitor", "ab", "churn", "--from", "-1d", "--json")).stdout) as AbReport;
    assert.deepEqual(ab.variants.map((v) => [v.variant, v.events]).sort(), [["1", 450], ["2", 450]]);
    const abText = (await ok("monitor", "ab", "churn", "--from", "-1d")).stdout;
    assert.deepEqual(tableRows(abText)[0]!.slice(0, 3), ["VARIANT", "EVENTS", "LABELED"]);

    const skew = JSON.parse((await ok("monitor", "skew", "churn", "--offline", path("offline.csv"), "--id-column", "req", "--from", "-1d", "--json")).stdout) as MonitorSkewResult;
    assert.deepEqual([skew.row_join?.offline_rows, skew.row_join?.matched, skew.row_join?.unmatched_ids], [3, 2, ["never"]]);
    const age = skew.row_join?.features.find((f) => f.feature === "age");
    // r0 was served age 50 (same); r3 was served 53 against 99 offline: one mismatch of |99 - 53| = 46 over two rows.
    assert.deepEqual([age?.compared, age?.mismatches, age?.mean_abs_diff], [2, 1, 23]);
    assert.deepEqual(skew.distribution.map((s) => s.feature).sort(), ["age", "plan"]);
    const text = (await ok("monitor", "skew", "churn", "--offline", path("offline.csv"), "--id-column", "req")).stdout;
    assert.match(text, /Row join: 2 of 3 offline rows matched a served event by id \(unmatched, first: never\)/);
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /--offline needs --id-column/, "monitor", "skew", "churn", "--offline", path("offline.csv"));
    await fails(EXIT_CODES.INVALID_PARAMETER_VALUE, /--id-column 'id' is not a column/, "monitor", "skew", "churn", "--offline", path("offline.csv"), "--id-column", "id");
  });

  it("deletes a monitor; its name is then unknown", async () => {
    assert.equal((await ok("monitor", "delete", "from-run")).stdout, "Deleted monitor 'from-run'.\n");
    await fails(EXIT_CODES.RESOURCE_DOES_NOT_EXIST, /Monitor 'from-run' does not exist/, "monitor", "delete", "from-run");
    const help = await ok("monitor", "--help");
    assert.match(help.stdout, /Examples:\n {2}\$ cairn monitor create churn/);
  });
});
