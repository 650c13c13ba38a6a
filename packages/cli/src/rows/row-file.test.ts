import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parquetWriteFile } from "hyparquet-writer";
import { csvValue } from "./csv-rows.js";
import { openRowFile, readAllRows, rowFormatOf, type RowChunk } from "./row-file.js";

async function chunksOf(path: string, size: number, options = {}): Promise<RowChunk[]> {
  const out: RowChunk[] = [];
  for await (const chunk of (await openRowFile(path, options)).chunks(size)) out.push(chunk);
  return out;
}

describe("row files", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "cairn-rows-"));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it("tells formats by extension or option", () => {
    assert.deepEqual(["a.csv", "a.JSONL", "a.ndjson", "a.parquet", "a.pq"].map((p) => rowFormatOf(p)), ["csv", "jsonl", "jsonl", "parquet", "parquet"]);
    assert.equal(rowFormatOf("a.txt", "csv"), "csv");
    assert.throws(() => rowFormatOf("a.txt"), /pass --format csv\|jsonl\|parquet/);
    assert.throws(() => rowFormatOf("a.csv", "xml"), /Unknown file format 'xml'/);
  });

  it("reads CSV in chunks with numbers cast, empty cells null and text columns kept as text", async () => {
    const path = join(dir, "a.csv");
    await writeFile(path, "\uFEFFid,age,plan,score\n007,31,pro,0.5\n008,,free,1e-3\n009,40,\"a,b\",-2\n");
    const file = await openRowFile(path, { textColumns: ["id"] });
    assert.deepEqual(file.columns, ["id", "age", "plan", "score"]);
    const chunks = await chunksOf(path, 2, { textColumns: ["id"] });
    assert.deepEqual(chunks.map((c) => [c.rows.length, c.rowsRead]), [[2, 2], [1, 3]]);
    assert.deepEqual(chunks.flatMap((c) => c.rows), [
      { id: "007", age: 31, plan: "pro", score: 0.5 },
      { id: "008", age: null, plan: "free", score: 0.001 },
      { id: "009", age: 40, plan: "a,b", score: -2 },
    ]);
    assert.equal(chunks.at(-1)!.bytesRead, file.totalBytes);
    assert.deepEqual(["", "12", "-1.5", ".5", "1e3", "1.2.3", "0x10", "abc"].map(csvValue), [null, 12, -1.5, 0.5, 1000, "1.2.3", "0x10", "abc"]);
  });

  it("refuses a CSV whose rows do not match the header", async () => {
    const path = join(dir, "bad.csv");
    await writeFile(path, "a,b\n1,2\n3\n");
    await assert.rejects(readAllRows(await openRowFile(path)), { code: "INVALID_PARAMETER_VALUE", message: /bad\.csv is not a readable CSV file/ });
  });

  it("reads JSON lines, skipping blank lines, and names the line that is not an object", async () => {
    const path = join(dir, "a.jsonl");
    await writeFile(path, '{"a": 1}\n\n{"a": 2, "b": "x"}\r\n');
    assert.deepEqual(await readAllRows(await openRowFile(path)), [{ a: 1 }, { a: 2, b: "x" }]);
    const bad = join(dir, "bad.jsonl");
    await writeFile(bad, '{"a": 1}\n[1, 2]\n');
    await assert.rejects(readAllRows(await openRowFile(bad)), /bad\.jsonl line 2 is not a JSON object/);
  });

  it("reads Parquet in row slices, int64 as numbers, and refuses a file that is not Parquet", async () => {
    const path = join(dir, "a.parquet");
    parquetWriteFile({
      filename: path,
      columnData: [
        { name: "n", data: BigInt64Array.from([1n, 2n, 3n]), type: "INT64" },
        { name: "s", data: ["x", null, "z"], type: "STRING" },
      ],
    });
    const file = await openRowFile(path);
    assert.deepEqual([file.columns, file.totalRows], [["n", "s"], 3]);
    const chunks = await chunksOf(path, 2);
    assert.deepEqual(chunks.map((c) => c.rows), [[{ n: 1, s: "x" }, { n: 2, s: null }], [{ n: 3, s: "z" }]]);
    const fake = join(dir, "fake.parquet");
    await writeFile(fake, "not parquet at all");
    await assert.rejects(openRowFile(fake), /fake\.parquet is not a readable Parquet file/);
    await assert.rejects(openRowFile(join(dir, "none.csv")), /does not exist/);
    await assert.rejects(openRowFile(dir, { format: "csv" }), /is not a file/);
  });
});
