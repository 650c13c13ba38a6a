import type { AbReport, MonitorSkewResult } from "@cairn/sdk";
import { formatNumber } from "./format.js";
import { renderTable } from "./table.js";

const num = (n: number | null | undefined) => (n === null || n === undefined ? "-" : formatNumber(n));

/** An A/B report: the variants' key figures, every comparison, and the verdicts. */
export function abReportView(report: AbReport): string {
  if (report.variants.length === 0) return "No variant traffic in this range: the A/B report needs events with a variant (a deployment's model version).";
  const figureNames = [...new Set(report.variants.flatMap((v) => Object.keys(v.figures)))].filter((k) => k !== "events" && k !== "labeled");
  const lines = [
    renderTable(
      ["VARIANT", "EVENTS", "LABELED", ...figureNames.map((f) => f.toUpperCase())],
      report.variants.map((v) => [v.variant, String(v.events), String(v.labeled), ...figureNames.map((f) => num(v.figures[f]))]),
    ),
  ];
  if (report.comparisons.length > 0) {
    lines.push(
      "",
      renderTable(
        ["METRIC", "TEST", "A", "B", "VALUE A", "VALUE B", "EFFECT", "95% CI", "P-VALUE", "SIGNIFICANT", "WINNER"],
        report.comparisons.map((c) => [
          c.metric,
          c.test,
          c.variant_a,
          c.variant_b,
          num(c.value_a),
          num(c.value_b),
          num(c.effect),
          c.ci_low === null || c.ci_high === null ? "-" : `[${num(c.ci_low)}, ${num(c.ci_high)}]`,
          num(c.p_value),
          c.significant ? "yes" : "no",
          c.winner ?? "-",
        ]),
      ),
    );
  }
  if (report.summary.length > 0) lines.push("", ...report.summary.map((s) => `  * ${s}`));
  return lines.join("\n");
}

/** A skew answer: distribution skew per feature, then the row join's mismatches. */
export function skewView(skew: MonitorSkewResult): string {
  const lines = [
    "Distribution skew (reference vs served):",
    skew.distribution.length === 0
      ? "  (no served data in this range)"
      : renderTable(
          ["FEATURE", "COMPARATOR", "STATISTIC", "THRESHOLD", "SKEWED", "WORST CATEGORY"],
          skew.distribution.map((s) => [s.feature, s.comparator, num(s.statistic), num(s.threshold), s.skewed ? "yes" : "no", s.worst_category ?? "-"]),
        ),
  ];
  const j = skew.row_join;
  if (j) {
    lines.push("", `Row join: ${j.matched} of ${j.offline_rows} offline rows matched a served event by id${j.unmatched_ids.length > 0 ? ` (unmatched, first: ${j.unmatched_ids.slice(0, 5).join(", ")})` : ""}`);
    lines.push(
      renderTable(
        ["FEATURE", "COMPARED", "MISMATCHES", "RATE", "MEAN ABS DIFF", "EXAMPLE"],
        j.features.map((f) => {
          const e = f.examples[0];
          return [f.feature, String(f.compared), String(f.mismatches), num(f.mismatch_rate), num(f.mean_abs_diff), e ? `${e.id}: offline ${JSON.stringify(e.offline)} vs served ${JSON.stringify(e.served)}` : "-"];
        }),
      ),
    );
  }
  return lines.join("\n");
}
