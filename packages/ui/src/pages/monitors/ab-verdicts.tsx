import { formatNumber } from "../../format";
import { formatFigure } from "./monitor-format";
import type { AbReport } from "./monitor-wire";

/** A/B verdicts: the variants' figures and each comparison's test, effect, interval and verdict. Nothing with fewer than two variants. */
export function AbVerdicts({ report }: { report: AbReport }) {
  if (report.variants.length < 2) return null;
  const figureKeys = [...new Set(report.variants.flatMap((v) => Object.keys(v.figures)))].sort();
  return (
    <section aria-labelledby="monitor-ab" className="ab-verdicts">
      <h2 id="monitor-ab">A/B verdicts</h2>
      {report.summary.length > 0 ? (
        <ul className="summary-list">
          {report.summary.map((s) => (
            <li key={s}>{s}</li>
          ))}
        </ul>
      ) : null}
      <div className="table-scroll">
        <table className="data-table ab-variants">
          <caption>Variants</caption>
          <thead>
            <tr>
              <th scope="col">Variant</th>
              <th scope="col">Events</th>
              <th scope="col">Labeled</th>
              {figureKeys.map((k) => (
                <th scope="col" key={k}>
                  {k}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {report.variants.map((v) => (
              <tr key={v.variant}>
                <th scope="row">{v.variant}</th>
                <td className="num">{v.events}</td>
                <td className="num">{v.labeled}</td>
                {figureKeys.map((k) => (
                  <td className="num" key={k}>
                    {formatFigure(v.figures[k])}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {report.comparisons.length > 0 ? (
        <div className="table-scroll">
          <table className="data-table ab-comparisons">
            <caption>Comparisons</caption>
            <thead>
              <tr>
                <th scope="col">Metric</th>
                <th scope="col">Variants</th>
                <th scope="col">Test</th>
                <th scope="col">Effect (95% CI)</th>
                <th scope="col">p-value</th>
                <th scope="col">Verdict</th>
              </tr>
            </thead>
            <tbody>
              {report.comparisons.map((c) => (
                <tr key={`${c.metric}-${c.variant_a}-${c.variant_b}`} className={c.significant ? "significant" : undefined}>
                  <th scope="row">{c.metric}</th>
                  <td>
                    {c.variant_a} ({formatFigure(c.value_a)}) vs {c.variant_b} ({formatFigure(c.value_b)})
                  </td>
                  <td>{c.test.replace(/_/g, " ")}</td>
                  <td className="num">
                    {formatFigure(c.effect)}
                    {c.ci_low !== null && c.ci_high !== null ? ` [${formatNumber(c.ci_low)}, ${formatNumber(c.ci_high)}]` : ""}
                  </td>
                  <td className="num">{formatFigure(c.p_value)}</td>
                  <td>
                    {c.significant ? <span className="badge info">significant</span> : null} {c.verdict}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
