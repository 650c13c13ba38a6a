import { test } from "node:test";
import assert from "node:assert/strict";
import { Hll, HLL_REGISTERS } from "./hll.js";
import { createRng } from "./rng.js";

test("the estimate is within 5% on 1e5 distinct numbers and on 1e5 distinct strings, duplicates ignored", () => {
  const numbers = new Hll();
  const strings = new Hll();
  for (let i = 0; i < 100_000; i++) {
    numbers.addNumber(i * 0.37 - 5000);
    numbers.addNumber(i * 0.37 - 5000); // the same value again
    strings.addString(`user-${i}`);
  }
  for (const [name, h] of [["numbers", numbers], ["strings", strings]] as const) {
    const e = h.estimate();
    assert.ok(Math.abs(e - 100_000) / 100_000 < 0.05, `${name}: ${e}`);
  }
});

test("small cardinalities are close to exact; 0 and -0 are one value; an empty sketch estimates 0", () => {
  assert.equal(new Hll().estimate(), 0);
  const h = new Hll();
  for (const v of [0, -0, 1, 2, 3, 4, 5, 6, 7, 8]) h.addNumber(v);
  assert.ok(Math.abs(h.estimate() - 9) < 0.5, `${h.estimate()}`);
  const k = new Hll();
  for (let i = 0; i < 1000; i++) k.addNumber(i);
  assert.ok(Math.abs(k.estimate() - 1000) / 1000 < 0.03, `${k.estimate()}`);
});

test("merging equals the sketch of the union, register for register", () => {
  const a = new Hll();
  const b = new Hll();
  const union = new Hll();
  for (let i = 0; i < 20_000; i++) {
    a.addNumber(i);
    b.addNumber(i + 10_000);
    union.addNumber(i);
    union.addNumber(i + 10_000);
  }
  const merged = a.clone();
  merged.mergeFrom(b);
  assert.deepEqual(merged.registers, union.registers);
  assert.ok(Math.abs(merged.estimate() - 30_000) / 30_000 < 0.05);
  assert.notDeepEqual(a.registers, union.registers); // the clone did not write through
});

test("the word-wise register maximum equals the byte-wise one, also on unaligned registers", () => {
  const rng = createRng(5);
  const draw = () => Uint8Array.from({ length: HLL_REGISTERS }, () => Math.floor(rng() * 34));
  for (const offset of [0, 1]) {
    const x = draw();
    const y = draw();
    const bufX = new Uint8Array(HLL_REGISTERS + 1);
    const bufY = new Uint8Array(HLL_REGISTERS + 1);
    bufX.set(x, offset);
    bufY.set(y, offset);
    const target = new Hll(bufX.subarray(offset, offset + HLL_REGISTERS));
    target.mergeFrom(new Hll(bufY.subarray(offset, offset + HLL_REGISTERS)));
    const expected = x.map((v, i) => Math.max(v, y[i]!));
    assert.deepEqual(Uint8Array.from(target.registers), expected);
  }
});
