import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { resolveInputColumns, type InputColumnsQuery } from "../src/batch/input-columns.js";

const none = { kind: "none" } as const;
const tensor = (shape: number[]) => ({ kind: "tensors", tensors: [{ dtype: "float32", shape }] }) as const;
const columns = (...names: string[]) => ({ kind: "columns", columns: names.map((name) => ({ name, type: "double" as const, required: true })) }) as const;
const file = ["id", "a", "b", "c"];

function refused(query: InputColumnsQuery, message: RegExp): void {
  assert.throws(() => resolveInputColumns(query), (error: Error & { code?: string }) => {
    assert.equal(error.code, "INVALID_PARAMETER_VALUE");
    assert.match(error.message, message);
    return true;
  });
}

describe("resolveInputColumns", () => {
  it("uses --columns as given, checked against the signature and the model's width", () => {
    assert.deepEqual(resolveInputColumns({ signature: tensor([-1, 2]), explicit: ["c", "a"], fileColumns: file }), ["c", "a"]);
    assert.deepEqual(resolveInputColumns({ signature: columns("x", "y"), explicit: ["b", "a"], fileColumns: file }), ["b", "a"]);
    refused({ signature: columns("x", "y"), explicit: ["a"], fileColumns: file }, /--columns lists 1 columns but the model's signature has 2 \('x', 'y'\)/);
    refused({ signature: none, inputShape: ["N", 3], explicit: ["a", "b"], fileColumns: file }, /model takes 3 input features; list exactly 3/);
    refused({ signature: none, explicit: ["a", "a"], fileColumns: file }, /names 'a' twice/);
  });

  it("takes a column signature's names in signature order", () => {
    assert.deepEqual(resolveInputColumns({ signature: columns("c", "a"), fileColumns: file }), ["c", "a"]);
  });

  it("falls back to the file's columns only when their number is the model's width", () => {
    assert.deepEqual(resolveInputColumns({ signature: tensor([-1, 4]), fileColumns: file }), file);
    assert.deepEqual(resolveInputColumns({ signature: tensor([-1, 3]), fileColumns: file, keep: ["id"] }), ["a", "b", "c"]);
    assert.deepEqual(resolveInputColumns({ signature: none, inputShape: ["N", 3], fileColumns: file, keep: ["id"] }), ["a", "b", "c"]);
    refused({ signature: tensor([-1, 3]), fileColumns: file }, /takes 3 input features .* the input has 4 columns \('id', 'a', 'b', 'c'\); pass --columns/);
    refused({ signature: tensor([-1, 2]), fileColumns: file, keep: ["id"] }, /4 columns .*, 3 without the kept ones; pass --columns with the 2 feature columns/);
    // Nothing fixes the width: every column that is not kept, and onnxruntime judges.
    assert.deepEqual(resolveInputColumns({ signature: tensor([-1, -1]), inputShape: ["N", "F"], fileColumns: file, keep: ["id"] }), ["a", "b", "c"]);
  });

  it("refuses inputs that are not one [rows, features] tensor", () => {
    refused({ signature: tensor([-1, 2, 2]), fileColumns: file }, /signature declares shape \[-1, 2, 2\]/);
    refused({ signature: none, inputShape: ["N", 3, 3], fileColumns: file }, /this one's is \[N, 3, 3\]/);
    refused({ signature: { kind: "tensors", tensors: [{ dtype: "float32", shape: [-1, 1] }, { dtype: "float32", shape: [-1, 1] }] }, fileColumns: file }, /has 2 input tensors/);
  });
});
