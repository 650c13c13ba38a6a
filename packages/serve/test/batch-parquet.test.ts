import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, open, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isCairnError } from "@cairn/core";
import { parquetMetadataAsync, parquetSchema } from "hyparquet";
import { ParquetWriter } from "hyparquet-writer";
import { fileWriter } from "hyparquet-writer/src/node.js";
import { fileAsyncBuffer } from "../src/batch/file-async-buffer.js";
import { openParquetSource } from "../src/batch/parquet-source.js";
import { decodePlainNumericChunk, isPlainNumericColumn, PageScratch } from "../src/batch/parquet-numeric-pages.js";
import { collect, prng, writeParquet, rejection } from "./fixtures/batch/batch-data.js";
import { writeV1Parquet } from "./fixtures/batch/parquet-v1.js";

const ROWS = 2500;

/** Decodes each column chunk of the first row group with the fast path alone: did it accept it, and what came out. */
async function decodeDirectly(path: string, rows: number): Promise<{ fast: boolean; target: Float64Array; encodings: string[] }[]> {
  const handle = await open(path);
  try {
    const metadata = await parquetMetadataAsync(fileAsyncBuffer(handle, (await handle.stat()).size));
    const schema = parquetSchema(metadata);
    return await Promise.all(
      metadata.row_groups[0]!.columns.map(async (chunk, c) => {
        const meta = chunk.meta_data!;
        const bytes = new Uint8Array(Number(meta.total_compressed_size));
        await handle.read(bytes, 0, bytes.length, Number(meta.dictionary_page_offset || meta.data_page_offset));
        const element = schema.children[c]!.element;
        const target = new Float64Array(rows);
        const fast = isPlainNumericColumn(meta, element) && decodePlainNumericChunk(bytes, meta, element, rows, target, new PageScratch());
        return { fast, target, encodings: meta.encodings };
      }),
    );
  } finally {
    await handle.close();
  }
}

describe("openParquetSource", () => {
  let dir: string;
  const random = prng(5);
  const doubles = Float64Array.from({ length: ROWS }, () => (random() - 0.5) * 100);
  const floats = Float32Array.from({ length: ROWS }, () => random() * 10);
  const ints = Int32Array.from({ length: ROWS }, () => Math.floor((random() - 0.5) * 1e6));
  const longs = BigInt64Array.from({ length: ROWS }, (_, i) => BigInt(i) * 1_000_003n - 5_000_000n);
  const ids = Array.from({ length: ROWS }, (_, i) => `row-${i}`);
  const expected = (i: number) => [doubles[i]!, floats[i]!, ints[i]!, Number(longs[i]!)].map(Math.fround);

  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "cairn-batch-parquet-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const numericColumns = (required: boolean) => [
    { name: "d", data: doubles, type: "DOUBLE", schema: required ? { repetition_type: "REQUIRED" } : {} },
    { name: "f", data: floats, type: "FLOAT", schema: required ? { repetition_type: "REQUIRED" } : {} },
    { name: "i", data: ints, type: "INT32", schema: required ? { repetition_type: "REQUIRED" } : {} },
    { name: "l", data: longs, type: "INT64", schema: required ? { repetition_type: "REQUIRED" } : {} },
    { name: "id", data: ids, type: "STRING" },
  ];

  for (const [label, required, codec] of [
    ["required, snappy", true, "SNAPPY"],
    ["optional without nulls, uncompressed", false, "UNCOMPRESSED"],
  ] as const) {
    it(`packs double, float, int32 and int64 columns in the caller's order (${label}), across row groups and pages`, async () => {
      const path = join(dir, `numeric-${required}-${codec}.parquet`);
      writeParquet(path, numericColumns(required), { rowGroupSize: 1000, codec, pageSize: 2048 });
      const source = await openParquetSource(path);
      try {
        assert.deepEqual(source.columnNames, ["d", "f", "i", "l", "id"]);
        assert.equal(source.totalRows, ROWS);
        const { features, kept, batches } = await collect(source, ["l", "d", "i", "f"], ["id"], 400);
        assert.equal(features.length, ROWS);
        features.forEach((row, i) => {
          const [d, f, int, l] = expected(i);
          assert.deepEqual(row, [l, d, int, f], `row ${i}`);
        });
        assert.deepEqual(kept, [ids]);
        // 400-row batches that never span the 1000-row groups.
        assert.deepEqual(batches.slice(0, 4), [{ rowStart: 0, rows: 400 }, { rowStart: 400, rows: 400 }, { rowStart: 800, rows: 200 }, { rowStart: 1000, rows: 400 }]);
        assert.equal(batches.at(-1)!.rowStart + batches.at(-1)!.rows, ROWS);
        assert.equal(source.bytesRead(), source.totalBytes);
      } finally {
        await source.close();
      }
    });
  }

  it("copies PLAIN numeric pages directly, and leaves dictionary pages to the general decoder", async () => {
    const path = join(dir, "fast-path.parquet");
    const lowCardinality = Float64Array.from({ length: ROWS }, (_, i) => (i % 4) * 0.25);
    writeParquet(path, [{ name: "d", data: doubles, type: "DOUBLE" }, { name: "dict", data: lowCardinality, type: "DOUBLE" }], { pageSize: 4096 });
    const [plain, dictionary] = await decodeDirectly(path, ROWS);
    assert.equal(plain!.fast, true);
    assert.deepEqual(plain!.target, doubles);
    assert.ok(dictionary!.encodings.includes("RLE_DICTIONARY"), `expected a dictionary column, got ${dictionary!.encodings.join(", ")}`);
    assert.equal(dictionary!.fast, false);
    // Through the source, the dictionary column still reads right (general decoder).
    const source = await openParquetSource(path);
    const { features } = await collect(source, ["dict", "d"]);
    await source.close();
    features.forEach((row, i) => assert.deepEqual(row, [lowCardinality[i], Math.fround(doubles[i]!)]));
  });

  it("reads version-1 data pages (pyarrow's default) with RLE or bit-packed definition levels", async () => {
    const values = (k: number) => Array.from({ length: 1003 }, (_, i) => (i * 37 + k) / 8 - 60);
    for (const codec of ["SNAPPY", "UNCOMPRESSED"] as const) {
      const path = join(dir, `v1-${codec}.parquet`);
      await writeV1Parquet(path, [
        { name: "req", values: values(1), optional: false },
        { name: "opt", values: values(2), optional: true, levels: "rle" },
        { name: "bits", values: values(3), optional: true, levels: "bitpacked" },
      ], { codec, pageRows: 300 });
      assert.deepEqual((await decodeDirectly(path, 1003)).map((c) => c.fast), [true, true, true], "v1 pages take the fast path");
      const source = await openParquetSource(path);
      const { features } = await collect(source, ["bits", "req", "opt"], [], 512);
      await source.close();
      assert.equal(features.length, 1003);
      features.forEach((row, i) => assert.deepEqual(row, [values(3)[i], values(1)[i], values(2)[i]], `${codec} row ${i}`));
    }
    // A null among bit-packed levels leaves the fast path; the general decoder finds it and says where.
    const path = join(dir, "v1-null.parquet");
    const holes = values(4).map((v, i) => (i === 640 ? null : v));
    await writeV1Parquet(path, [{ name: "x", values: holes, optional: true, levels: "bitpacked" }], { codec: "SNAPPY", pageRows: 300 });
    const source = await openParquetSource(path);
    const error = await rejection(collect(source, ["x"]));
    await source.close();
    assert.match(error.message, /row 641, column 'x' is null/);
  });

  it("reads booleans as 0/1 and decimals as their values through the general decoder", async () => {
    const path = join(dir, "general.parquet");
    const flags = Array.from({ length: 50 }, (_, i) => i % 3 === 0);
    const cents = Int32Array.from({ length: 50 }, (_, i) => i * 125 - 3000);
    writeParquet(path, [
      { name: "flag", data: flags, type: "BOOLEAN" },
      { name: "price", data: Array.from(cents, (c) => c / 100), schema: { type: "INT32", converted_type: "DECIMAL", scale: 2, precision: 9 } },
    ]);
    const source = await openParquetSource(path);
    const { features } = await collect(source, ["flag", "price"]);
    await source.close();
    features.forEach((row, i) => assert.deepEqual(row, [flags[i] ? 1 : 0, Math.fround(cents[i]! / 100)]));
  });

  it("names the row (counted across row groups) and column of a null or text feature", async () => {
    const path = join(dir, "nulls.parquet");
    const withNull = Array.from({ length: 30 }, (_, i) => (i === 23 ? null : i / 2));
    const text = Array.from({ length: 30 }, (_, i) => (i === 17 ? "n/a" : String(i)));
    writeParquet(path, [{ name: "x", data: withNull, type: "DOUBLE" }, { name: "t", data: text, type: "STRING" }], { rowGroupSize: 10 });
    const nullError = await rejection((async () => {
      const source = await openParquetSource(path);
      try {
        await collect(source, ["x"], [], 4);
      } finally {
        await source.close();
      }
    })());
    assert.ok(isCairnError(nullError));
    assert.match(nullError.message, /nulls\.parquet: row 24, column 'x' is null \(a missing value\)/);
    const textError = await rejection((async () => {
      const source = await openParquetSource(path);
      try {
        await collect(source, ["t"]);
      } finally {
        await source.close();
      }
    })());
    assert.match(textError.message, /row 1, column 't' holds '0', which is not a number/);
  });

  it("refuses nested columns, unknown columns and files that are not Parquet", async () => {
    const path = join(dir, "nested.parquet");
    const schema = [
      { name: "root", num_children: 2 },
      { name: "x", type: "DOUBLE", repetition_type: "REQUIRED" },
      { name: "tags", repetition_type: "OPTIONAL", converted_type: "LIST", num_children: 1 },
      { name: "list", repetition_type: "REPEATED", num_children: 1 },
      { name: "element", type: "DOUBLE", repetition_type: "OPTIONAL" },
    ];
    const writer = new ParquetWriter({ writer: fileWriter(path), schema: schema as never });
    writer.write({ columnData: [{ name: "x", data: [1, 2] }, { name: "tags", data: [[1, 2], [3]] }] });
    writer.finish();
    const source = await openParquetSource(path);
    try {
      assert.deepEqual(source.columnNames, ["x", "tags"]);
      assert.match((await rejection(collect(source, ["x", "tags"]))).message, /column 'tags' is nested \(a struct, list or map\); only flat columns can be used as a model input/);
    } finally {
      await source.close();
    }
    const again = await openParquetSource(path);
    const missing = await rejection(collect(again, ["x", "y"], ["id"]));
    await again.close();
    assert.match(missing.message, /nested\.parquet has no columns 'y', 'id'; its columns are 'x', 'tags'/);
    const fake = join(dir, "fake.parquet");
    await writeFile(fake, "id,x\n1,2\n");
    const notParquet = await rejection(openParquetSource(fake));
    assert.ok(isCairnError(notParquet));
    assert.equal(notParquet.code, "INVALID_PARAMETER_VALUE");
    assert.match(notParquet.message, /fake\.parquet is not a readable Parquet file/);
  });
});
