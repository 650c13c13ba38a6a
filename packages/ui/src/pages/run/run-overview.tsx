import type { ReactNode } from "react";
import type { Run } from "@cairn/core";
import { CodeCheckpoint } from "./code-checkpoint";
import { DatasetsTable } from "./datasets-table";
import { MetricsTable } from "./metrics-table";
import { ModelOutputsTable } from "./model-outputs-table";
import { ParamsTable } from "./params-table";
import { RunDescription } from "./run-description";
import { RunSummary } from "./run-summary";
import { TAG, tagsOf } from "../../run-tags";
import { TagsSection } from "./tags-section";

function Section({ id, title, children }: { id: string; title: string; children: ReactNode }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

/** Everything recorded about a run on one page: facts, code, params, metrics, tags, inputs and outputs. */
export function RunOverview({ run }: { run: Run }) {
  const note = tagsOf(run).get(TAG.note);
  const datasets = run.inputs?.dataset_inputs ?? [];
  const models = run.outputs?.model_outputs ?? [];
  return (
    <div className="run-overview">
      <div className="run-overview-facts">
        <Section id="run-details" title="Details">
          <RunSummary run={run} />
        </Section>
        <CodeCheckpoint run={run} />
      </div>
      {note ? <RunDescription note={note} /> : null}
      <Section id="run-params" title={`Parameters (${run.data.params?.length ?? 0})`}>
        <ParamsTable params={run.data.params ?? []} />
      </Section>
      <Section id="run-metrics" title={`Metrics (${run.data.metrics?.length ?? 0})`}>
        <MetricsTable metrics={run.data.metrics ?? []} />
      </Section>
      <Section id="run-tags" title="Tags">
        <TagsSection tags={run.data.tags ?? []} />
      </Section>
      {datasets.length > 0 ? (
        <Section id="run-datasets" title={`Dataset inputs (${datasets.length})`}>
          <DatasetsTable inputs={datasets} />
        </Section>
      ) : null}
      {models.length > 0 ? (
        <Section id="run-models" title={`Logged models (${models.length})`}>
          <ModelOutputsTable outputs={models} />
        </Section>
      ) : null}
    </div>
  );
}
