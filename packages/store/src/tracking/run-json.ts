import { sql } from "kysely";
import type { Sql, StoreDialect } from "../dialects/dialect.js";

/**
 * The whole MLflow Run object for the run row aliased `r`, built as JSON by the database: one
 * query answers get-run and a page of search-runs without materializing child rows in JS.
 */
export function runJson(d: StoreDialect): Sql {
  const run = sql.ref("r.run_uuid");
  const keyValues = (table: string) =>
    d.array(d.object([["key", sql.ref("kv.key")], ["value", sql.ref("kv.value")]]), sql`from ${sql.table(table)} kv where kv.run_uuid = ${run}`, sql`kv.key`);
  const metrics = d.array(
    d.object([
      ["key", sql.ref("m.key")],
      ["value", d.metricValue("m")],
      ["timestamp", sql.ref("m.timestamp")],
      ["step", sql.ref("m.step")],
    ]),
    sql`from latest_metrics m where m.run_uuid = ${run}`,
    sql`m.key`,
  );
  // stripNulls reaches into objects but (on SQLite) not into arrays, so each element is stripped.
  const datasetInputs = d.array(
    d.stripNulls(d.object([
      [
        "tags",
        d.array(
          d.object([["key", sql.ref("it.key")], ["value", sql.ref("it.value")]]),
          sql`from input_tags it where it.run_uuid = ri.run_uuid and it.dataset_uuid = ri.dataset_uuid`,
          sql`it.key`,
        ),
      ],
      [
        "dataset",
        d.object([
          ["name", sql.ref("ds.name")],
          ["digest", sql.ref("ds.digest")],
          ["source_type", sql.ref("ds.source_type")],
          ["source", sql.ref("ds.source")],
          ["schema", sql.ref("ds.schema")],
          ["profile", sql.ref("ds.profile")],
        ]),
      ],
    ])),
    sql`from run_inputs ri join datasets ds on ds.dataset_uuid = ri.dataset_uuid where ri.run_uuid = ${run}`,
    sql`ds.name, ds.digest`,
  );
  const modelInputs = d.array(d.object([["model_id", sql.ref("mi.model_id")]]), sql`from run_model_inputs mi where mi.run_uuid = ${run}`, sql`mi.model_id`);
  const modelOutputs = d.array(
    d.object([["model_id", sql.ref("mo.model_id")], ["step", sql.ref("mo.step")]]),
    sql`from run_model_outputs mo where mo.run_uuid = ${run}`,
    sql`mo.model_id`,
  );
  return d.stripNulls(
    d.object([
      ["info", runInfoJson(d)],
      ["data", d.object([["metrics", metrics], ["params", keyValues("params")], ["tags", keyValues("tags")]])],
      ["inputs", d.object([["dataset_inputs", datasetInputs], ["model_inputs", modelInputs]])],
      ["outputs", d.object([["model_outputs", modelOutputs]])],
    ]),
  );
}

/** MLflow's RunInfo for the run row aliased `r`. */
function runInfoJson(d: StoreDialect): Sql {
  const col = (name: string) => sql.ref(`r.${name}`);
  return d.object([
    ["run_id", col("run_uuid")],
    ["run_uuid", col("run_uuid")],
    ["run_name", col("name")],
    ["experiment_id", sql`cast(r.experiment_id as text)`],
    ["user_id", col("user_id")],
    ["status", col("status")],
    ["start_time", col("start_time")],
    ["end_time", col("end_time")],
    ["artifact_uri", col("artifact_uri")],
    ["lifecycle_stage", col("lifecycle_stage")],
  ]);
}
