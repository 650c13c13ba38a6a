import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { isCairnError } from "@cairn/core";
import { parseInputSignature, type InputSignature } from "../src/model/model-signature.js";
import { webManifest, type OnnxInterface, type WebManifestSource } from "../src/export/web-manifest.js";

// webManifest is a pure function of the model's interface as onnxruntime reports it, so these
// cases state that interface directly (a string input needs an exporter we do not have here);
// writeWebBundle's tests cover it on real models.
const MODEL: OnnxInterface = {
  inputs: [{ name: "features", type: "float32", shape: [-1, 3] }],
  outputs: [{ name: "score", type: "float32", shape: [-1, 1] }],
};
const source = (overrides: Partial<WebManifestSource> = {}): WebManifestSource => ({
  modelName: "m",
  version: "1",
  model: MODEL,
  ortVersion: "1.30.0",
  ortFiles: ["ort/a.mjs"],
  ...overrides,
});
const columns = (...names: string[]): InputSignature => parseInputSignature(names.map((name) => ({ type: "double", name })));

function invalid(run: () => unknown, message: RegExp): void {
  assert.throws(run, (error: unknown) => {
    assert.ok(isCairnError(error), String(error));
    assert.equal(error.code, "INVALID_PARAMETER_VALUE");
    assert.match(error.message, message);
    return true;
  });
}

describe("web bundle manifest", () => {
  it("takes feature names from a column signature, or from featureNames, which wins", () => {
    assert.deepEqual(webManifest(source({ signature: columns("a", "b", "c") })).feature_names, ["a", "b", "c"]);
    assert.deepEqual(webManifest(source({ signature: columns("a", "b", "c"), featureNames: ["x", "y", "z"] })).feature_names, ["x", "y", "z"]);
    assert.equal(webManifest(source()).feature_names, null);
  });

  it("fills a symbolic feature width from the signature or the names", () => {
    const open = { ...MODEL, inputs: [{ name: "features", type: "float64", shape: [-1, -1] }] };
    assert.deepEqual(webManifest(source({ model: open })).input, { name: "features", type: "float64", shape: [-1, -1] });
    assert.deepEqual(webManifest(source({ model: open, featureNames: ["a", "b"] })).input.shape, [-1, 2]);
    const tensor = parseInputSignature([{ type: "tensor", name: "features", "tensor-spec": { dtype: "float64", shape: [-1, 7] } }]);
    assert.deepEqual(webManifest(source({ model: open, signature: tensor })).input.shape, [-1, 7]);
    invalid(() => webManifest(source({ model: open, signature: tensor, featureNames: ["a"] })), /7 features according to the signature, but 1 according to the 1 feature names/);
  });

  it("refuses inputs and outputs a browser bundle cannot handle", () => {
    invalid(() => webManifest(source({ model: { ...MODEL, inputs: [{ name: "text", type: "string", shape: [-1, 1] }] } })), /Input 'text' has element type string; .*float32, float64, int32, int64/);
    invalid(() => webManifest(source({ model: { ...MODEL, inputs: [{ name: "x", type: "float32", shape: [-1] }] } })), /shape \[-1\]; a web bundle feeds a rank-2/);
    invalid(() => webManifest(source({ model: { ...MODEL, inputs: [] } })), /the model has 0 inputs/);
  });

  it("refuses feature names that do not fit", () => {
    invalid(() => webManifest(source({ signature: columns("a", "b") })), /3 features according to the ONNX graph, but 2 according to the 2 feature names/);
    invalid(() => webManifest(source({ featureNames: ["a", "a", "b"] })), /must be unique/);
    invalid(() => webManifest(source({ featureNames: ["a", "", "b"] })), /non-empty strings/);
    const mixed = parseInputSignature([{ type: "double", name: "a" }, { type: "string", name: "b" }, { type: "long", name: "c" }]);
    invalid(() => webManifest(source({ signature: mixed })), /column 'b' has type 'string'; a web bundle feeds numbers/);
  });
});
