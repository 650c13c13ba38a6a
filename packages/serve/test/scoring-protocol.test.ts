import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { LoadedModel } from "../src/model/load-model.js";
import type { ScoringServer } from "../src/server/create-scoring-server.js";
import { logisticRegression } from "./fixtures/onnx-graph.js";
import { loadPackage } from "./fixtures/model-package.js";
import { assertPredictions, countRuns, linear, post, serverFor, sigmoid } from "./fixtures/scoring-harness.js";

// Dyadic weights and inputs are exact in float32, so only onnxruntime's own rounding separates
// its answer from the float64 reference.
const WEIGHTS = [0.5, -1.25, 2];
const BIAS = 0.75;
const COLUMNS = [
  { name: "age", type: "double" },
  { name: "income", type: "double" },
  { name: "tenure", type: "double" },
];
const ROWS = [
  [1, 2, 3],
  [0, 0, 0],
  [-3.5, 4, 0.25],
];
const expected = (rows: number[][]) => rows.map((row) => sigmoid(linear(row, WEIGHTS, BIAS)));

describe("/invocations input forms (column-based signature, one [N, 3] input)", () => {
  let model: LoadedModel;
  let server: ScoringServer;
  let runs: { readonly count: number };
  before(async () => {
    model = await loadPackage({ onnx: logisticRegression(WEIGHTS, BIAS), columns: COLUMNS });
    runs = countRuns(model);
    server = serverFor(model);
    await server.start();
  });
  after(() => server.close());

  const invoke = (body: unknown, contentType?: string) => post(server, "/invocations", body, contentType);

  it("dataframe_split maps columns by name, in any order, and ignores extra columns", async () => {
    const answer = await invoke({ dataframe_split: { columns: ["tenure", "customer_id", "age", "income"], data: ROWS.map((r) => [r[2], "c-1", r[0], r[1]]) } });
    assert.equal(answer.status, 200, answer.body);
    assertPredictions(answer.json.predictions, expected(ROWS));
    assert.deepEqual(Object.keys(answer.json), ["predictions"]);
  });

  it("dataframe_records, instances and inputs (rows, records, columns) give the same predictions", async () => {
    const records = ROWS.map(([age, income, tenure]) => ({ income, tenure, age, extra: true }));
    const columnar = { age: ROWS.map((r) => r[0]), income: ROWS.map((r) => r[1]), tenure: ROWS.map((r) => r[2]) };
    for (const body of [
      { dataframe_records: records },
      { instances: ROWS },
      { inputs: ROWS },
      { inputs: records },
      { instances: records },
      { inputs: columnar },
      { dataframe_split: { columns: ["age", "income", "tenure"], data: ROWS }, params: { threshold: 0.5 } },
    ]) {
      const answer = await invoke(body);
      assert.equal(answer.status, 200, `${JSON.stringify(body).slice(0, 60)}: ${answer.body}`);
      assertPredictions(answer.json.predictions, expected(ROWS));
    }
    const single = await invoke({ inputs: { age: 1, income: 2, tenure: 3 } });
    assertPredictions(single.json.predictions, expected([ROWS[0]!]));
  });

  it("text/csv with a header row (quoted fields, CRLF line ends, charset parameter)", async () => {
    const csv = `"age",income,"tenure"\r\n${ROWS.map((r) => r.join(",")).join("\r\n")}\r\n`;
    const answer = await invoke(csv, "text/csv; charset=utf-8");
    assert.equal(answer.status, 200, answer.body);
    assertPredictions(answer.json.predictions, expected(ROWS));
  });

  it("takes JSON null (and an empty CSV cell) as NaN, which comes back as null", async () => {
    const answer = await invoke({ dataframe_split: { columns: ["age", "income", "tenure"], data: [[null, 1, 1], [1, 1, 1]] } });
    assert.equal(answer.status, 200, answer.body);
    assert.equal(answer.json.predictions[0], null);
    assertPredictions([answer.json.predictions[1]], expected([[1, 1, 1]]));
    const csv = await invoke("age,income,tenure\n,1,1\n", "text/csv");
    assert.deepEqual(csv.json.predictions, [null]);
  });

  it("an empty batch answers an empty list", async () => {
    const answer = await invoke({ dataframe_split: { columns: ["age", "income", "tenure"], data: [] } });
    assert.equal(answer.status, 200, answer.body);
    assert.deepEqual(answer.json, { predictions: [] });
  });

  it("refuses bad input with 400 naming the column or field and what was expected, before anything reaches the model", async () => {
    const before = runs.count;
    const cases: { body: unknown; type?: string; status?: number; code: string; message: RegExp }[] = [
      { body: { dataframe_split: { columns: ["age", "income"], data: [[1, 2]] } }, code: "INVALID_PARAMETER_VALUE", message: /no column 'tenure' in dataframe_split\.columns \(sent: 'age', 'income'\); the model needs 'age' \(double\), 'income' \(double\), 'tenure' \(double\)/ },
      { body: { dataframe_split: { columns: ["age", "income", "tenure"], data: [[1, 2, 3], [1, "high", 3]] } }, code: "INVALID_PARAMETER_VALUE", message: /Column 'income' at row 1 must be a number \(double\); got "high" \(string\)/ },
      { body: { dataframe_split: { columns: ["age", "income", "tenure"], data: [[1, 2, 3], [1, 2]] } }, code: "INVALID_PARAMETER_VALUE", message: /row 1 has 2 value\(s\) but columns lists 3/ },
      { body: { dataframe_split: { columns: "age", data: [[1]] } }, code: "INVALID_PARAMETER_VALUE", message: /columns must be a list of column names/ },
      { body: { dataframe_split: { columns: ["age", "income", "tenure"], data: { a: 1 } } }, code: "INVALID_PARAMETER_VALUE", message: /data must be a list of rows/ },
      { body: { dataframe_split: [1, 2] }, code: "BAD_REQUEST", message: /'dataframe_split' must be an object/ },
      { body: { dataframe_records: [{ age: 1, income: 2 }] }, code: "INVALID_PARAMETER_VALUE", message: /no column 'tenure' in dataframe_records/ },
      { body: { dataframe_records: [{ age: 1, income: 2, tenure: 3 }, { age: 1, tenure: 3 }] }, code: "INVALID_PARAMETER_VALUE", message: /Row 1 has no value for column 'income'/ },
      { body: { dataframe_records: { age: 1 } }, code: "INVALID_PARAMETER_VALUE", message: /dataframe_records must be a list of objects/ },
      { body: { instances: [[1, 2, 3, 4]] }, code: "INVALID_PARAMETER_VALUE", message: /instances row 0 has 4 value\(s\) but there are 3 column\(s\)/ },
      { body: { inputs: { age: [1, 2], income: [1], tenure: [1, 2] } }, code: "INVALID_PARAMETER_VALUE", message: /column 'income' has 1 value\(s\) but 'age' has 2/ },
      { body: { inputs: "1,2,3" }, code: "INVALID_PARAMETER_VALUE", message: /'inputs' must be a list of rows/ },
      { body: { inputs: [[1, 2, true]] }, code: "INVALID_PARAMETER_VALUE", message: /Column 'tenure' at row 0 must be a number \(double\); got true \(boolean\)/ },
      { body: { dataframe_split: { columns: ["age"], data: [] }, inputs: [[1, 2, 3]] }, code: "BAD_REQUEST", message: /exactly one of the fields dataframe_split, dataframe_records, instances, inputs; it has 'dataframe_split', 'inputs'/ },
      { body: { data: [[1, 2, 3]] }, code: "BAD_REQUEST", message: /it has 'data'/ },
      { body: { inputs: ROWS, params: [1] }, code: "BAD_REQUEST", message: /'params' must be a JSON object/ },
      { body: "[1, 2, 3]", code: "BAD_REQUEST", message: /must be a JSON object .* got a list/ },
      { body: '{"inputs": [[1, 2, 3]', code: "BAD_REQUEST", message: /not valid JSON/ },
      { body: "", code: "BAD_REQUEST", message: /request body is empty/ },
      { body: "age,income\n1,2\n", type: "text/csv", code: "INVALID_PARAMETER_VALUE", message: /no column 'tenure' in the CSV header/ },
      { body: "age,income,tenure\n1,2\n", type: "text/csv", code: "BAD_REQUEST", message: /CSV row 1 has 2 field\(s\) but the header has 3/ },
      { body: 'age,income,tenure\n1,"2,3\n', type: "text/csv", code: "BAD_REQUEST", message: /unterminated quoted field/ },
      { body: "age,income,tenure\n1,two,3\n", type: "text/csv", code: "INVALID_PARAMETER_VALUE", message: /Column 'income' at row 0 must be a number \(double\); got "two"/ },
      { body: "", type: "text/csv", code: "BAD_REQUEST", message: /CSV body is empty/ },
      { body: "1,2,3", type: "text/plain", status: 415, code: "BAD_REQUEST", message: /only supports the content types application\/json and text\/csv; got 'text\/plain'/ },
      { body: "<x/>", type: "application/xml", status: 415, code: "BAD_REQUEST", message: /got 'application\/xml'/ },
    ];
    for (const c of cases) {
      const answer = await invoke(c.body, c.type);
      const label = `${typeof c.body === "string" ? c.body : JSON.stringify(c.body)}`.slice(0, 80);
      assert.equal(answer.status, c.status ?? 400, `${label}: ${answer.body}`);
      assert.equal(answer.json.error_code, c.code, label);
      assert.match(answer.json.message, c.message, label);
    }
    assert.equal(runs.count, before, "no rejected request reached onnxruntime");
  });

  it("refuses a request without a Content-Type with 415", async () => {
    const response = await server.app.inject({ method: "POST", url: "/invocations", payload: JSON.stringify({ inputs: ROWS }) });
    assert.equal(response.statusCode, 415);
    assert.match(JSON.parse(response.body).message, /got no Content-Type/);
  });
});
