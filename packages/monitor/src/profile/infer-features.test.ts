import { test } from "node:test";
import assert from "node:assert/strict";
import { CairnError } from "@cairn/core";
import { inferFeatures } from "./infer-features.js";

const rows = [
  { id: 1, age: 30, city: "paris", vip: true, rooms: 2, label: 1, note: null },
  { id: 2, age: 41.5, city: "lyon", vip: false, rooms: 3, label: 0, note: "x" },
  { id: 3, age: null, city: "", vip: true, rooms: 2, label: 1, note: undefined },
];

test("from data: numbers are numeric (small integer columns too), strings and booleans categorical", () => {
  assert.deepEqual(inferFeatures(rows, { exclude: ["id", "label"] }), [
    { name: "age", kind: "numeric" },
    { name: "city", kind: "categorical" },
    { name: "vip", kind: "categorical" },
    { name: "rooms", kind: "numeric" },
    { name: "note", kind: "categorical" },
  ]);
});

test("overrides win; a mixed column follows its majority", () => {
  const mixed = [{ v: 1 }, { v: 2 }, { v: "n/a" }];
  assert.deepEqual(inferFeatures(mixed), [{ name: "v", kind: "numeric" }]);
  assert.deepEqual(inferFeatures(mixed, { overrides: { v: "categorical" } }), [{ name: "v", kind: "categorical" }]);
});

test("the signature wins over the data and gives the column order", () => {
  const signature = [
    { name: "rooms", type: "string" },
    { name: "age", type: "double" },
    { name: "count", type: "long" },
    { name: "flag", type: "boolean" },
  ];
  assert.deepEqual(inferFeatures(rows, { signature }), [
    { name: "rooms", kind: "categorical" },
    { name: "age", kind: "numeric" },
    { name: "count", kind: "numeric" },
    { name: "flag", kind: "categorical" },
  ]);
  assert.throws(() => inferFeatures(rows, { signature: [{ name: "when", type: "datetime" }] }), /--feature-type when=/);
  assert.deepEqual(inferFeatures(rows, { signature: [{ name: "when", type: "datetime" }], overrides: { when: "numeric" } }), [
    { name: "when", kind: "numeric" },
  ]);
});

test("a column that is always null asks for --feature-type; bad overrides are refused", () => {
  const empty = [{ a: 1, b: null }, { a: 2 }];
  assert.throws(
    () => inferFeatures(empty),
    (err: unknown) => err instanceof CairnError && err.code === "INVALID_PARAMETER_VALUE" && /column b .*--feature-type b=/.test(err.message),
  );
  assert.deepEqual(inferFeatures(empty, { exclude: ["b"] }), [{ name: "a", kind: "numeric" }]);
  assert.deepEqual(inferFeatures(empty, { overrides: { b: "numeric" } }), [
    { name: "a", kind: "numeric" },
    { name: "b", kind: "numeric" },
  ]);
  assert.throws(() => inferFeatures(empty, { overrides: { zz: "numeric" } }), /not in the reference data/);
  assert.throws(() => inferFeatures(empty, { overrides: { a: "text" as "numeric" } }), /numeric or categorical/);
  assert.throws(() => inferFeatures([{ o: { x: 1 } }]), /only objects or arrays/);
});
