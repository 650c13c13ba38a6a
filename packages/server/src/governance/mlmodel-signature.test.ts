import { it } from "node:test";
import assert from "node:assert/strict";
import { readMlmodelSignature } from "./mlmodel-signature.js";

// Written by PyYAML 6 (yaml.safe_dump, as MLflow writes MLmodel files): the long inputs scalar is
// folded over three lines and the quote inside a column name doubled.
const PYYAML = `artifact_path: model
flavors:
  onnx:
    data: model.onnx
signature:
  inputs: '[{"type": "double", "name": "sepal length (cm)", "required": true}, {"type":
    "double", "name": "sepal width (cm)", "required": true}, {"type": "string", "name":
    "it''s", "required": false}]'
  outputs: '[{"type": "tensor", "tensor-spec": {"dtype": "int64", "shape": [-1]}}]'
  params: null
utc_time_created: '2024'
`;

it("reads folded single-quoted signature scalars as PyYAML writes them", () => {
  assert.deepEqual(readMlmodelSignature(PYYAML), {
    inputs: [
      { type: "double", name: "sepal length (cm)", required: true },
      { type: "double", name: "sepal width (cm)", required: true },
      { type: "string", name: "it's", required: false },
    ],
    outputs: [{ type: "tensor", "tensor-spec": { dtype: "int64", shape: [-1] } }],
  });
});

it("reads double-quoted and flow-sequence forms, and CRLF line ends", () => {
  const text = 'flavors: {}\r\nsignature:\r\n    inputs: "[{\\"type\\": \\"long\\", \\"name\\": \\"caf\\u00e9\\"}]"\r\n    outputs: [{"type": "double"}]\r\n';
  assert.deepEqual(readMlmodelSignature(text), { inputs: [{ type: "long", name: "café" }], outputs: [{ type: "double" }] });
});

it("gives no signature when there is none, it is null, or it is not a JSON list", () => {
  assert.equal(readMlmodelSignature("flavors:\n  onnx: {}\n"), undefined);
  assert.equal(readMlmodelSignature("signature: null\n"), undefined);
  assert.equal(readMlmodelSignature("signature:\n  inputs: null\n  outputs: null\n"), undefined);
  assert.equal(readMlmodelSignature("signature:\n  inputs: '[{\"type\": '\n"), undefined, "not JSON");
  assert.equal(readMlmodelSignature("signature:\n  inputs: '{\"type\": \"double\"}'\n"), undefined, "not a list");
  assert.equal(readMlmodelSignature("signature:\n  inputs: '[1, 2\n"), undefined, "no closing quote");
  // Only the signature's own keys count, not same-named keys elsewhere.
  assert.deepEqual(readMlmodelSignature("other:\n  inputs: '[1]'\nsignature:\n  outputs: '[2]'\n"), { outputs: [2] });
});
