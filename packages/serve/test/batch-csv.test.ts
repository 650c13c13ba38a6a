import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isCairnError } from "@cairn/core";
import { NOT_A_NUMBER, parseNumberBytes } from "../src/batch/csv-number.js";
import { openCsvSource } from "../src/batch/csv-source.js";
import { formatFloat32, quoteCell } from "../src/batch/csv-cells.js";
import { collect, prng, rejection } from "./fixtures/batch/batch-data.js";

const bytesOf = (text: string) => new TextEncoder().encode(text);

describe("parseNumberBytes", () => {
  it("agrees with Number() exactly on decimal, exponent and integer forms", () => {
    const random = prng(7);
    const texts: string[] = ["0", "-0", "1", "+1", "1.", ".5", "-.5", "1e3", "1E-3", "2.5e+10", "123456789012345678901234567890", "0.1", "  7.25 ", "1e308", "1e-320", "9007199254740993", "0x1F", "Infinity", "-Infinity"];
    for (let i = 0; i < 3000; i++) {
      const x = (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20);
      texts.push(String(x), x.toFixed(Math.floor(random() * 12)), x.toExponential(Math.floor(random() * 16)), x.toPrecision(1 + Math.floor(random() * 20)), String(Math.round(x)));
    }
    for (const text of texts) {
      const bytes = bytesOf(`,${text},`);
      assert.equal(Object.is(parseNumberBytes(bytes, 1, bytes.length - 1), Number(text)), true, `'${text}': ${String(parseNumberBytes(bytes, 1, bytes.length - 1))} vs ${Number(text)}`);
    }
  });

  it("accepts NaN and inf spellings but not empty or malformed cells", () => {
    for (const text of ["NaN", "nan", "-nan"]) assert.ok(Number.isNaN(parseNumberBytes(bytesOf(text), 0, text.length)));
    assert.equal(parseNumberBytes(bytesOf("inf"), 0, 3), Infinity);
    assert.equal(parseNumberBytes(bytesOf("-inf"), 0, 4), -Infinity);
    for (const text of ["", "  ", "-", ".", "1e", "1.2.3", "abc", "1,5", "--1", "1e5x", "١"]) {
      const bytes = bytesOf(text);
      assert.equal(parseNumberBytes(bytes, 0, bytes.length), NOT_A_NUMBER, `'${text}' should not parse`);
    }
  });
});

describe("CSV cells", () => {
  it("quotes only what needs it and writes the shortest float32 that reads back", () => {
    assert.equal(quoteCell("plain"), "plain");
    assert.equal(quoteCell('say "hi", ok\n'), '"say ""hi"", ok\n"');
    const random = prng(3);
    for (let i = 0; i < 2000; i++) {
      const value = Math.fround((random() - 0.5) * 10 ** Math.floor(random() * 16 - 8));
      const text = formatFloat32(value);
      assert.equal(Math.fround(Number(text)), value, `${text} does not read back as ${value}`);
      assert.ok(text.replace(/^-/, "").replace(/e.*$/, "").replace(".", "").replace(/^0+/, "").length <= 9, text);
    }
    assert.equal(formatFloat32(Math.fround(0.1)), "0.1");
    assert.equal(formatFloat32(0.5), "0.5");
    assert.equal(formatFloat32(NaN), "NaN");
  });
});

describe("openCsvSource", () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), "cairn-batch-csv-"));
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function csv(name: string, text: string | Uint8Array): Promise<string> {
    const path = join(dir, name);
    await writeFile(path, text);
    return path;
  }

  it("reads RFC 4180 quoting, CRLF, a BOM and blank lines, in any chunk size", async () => {
    const text =
      '\uFEFFid,"a",b,note\r\n' +
      '1,1.5,-2,"plain"\r\n' +
      '"2","2.25",3e2,"comma, and ""quotes"""\r\n' +
      "\r\n" +
      '3,0,.5,"two\nlines"\n' +
      "4,-0.125,7,héllo wörld ✓\n" +
      "\n";
    const path = await csv("quoted.csv", text);
    for (const chunkBytes of [1, 2, 3, 7, 16, 1 << 20]) {
      const source = await openCsvSource(path, { chunkBytes });
      try {
        assert.deepEqual(source.columnNames, ["id", "a", "b", "note"]);
        const { features, kept, batches } = await collect(source, ["b", "a"], ["id", "note"], 2);
        assert.deepEqual(features, [[-2, 1.5], [300, 2.25], [0.5, 0], [7, -0.125]], `chunkBytes ${chunkBytes}`);
        assert.deepEqual(kept, [["1", "2", "3", "4"], ["plain", 'comma, and "quotes"', "two\nlines", "héllo wörld ✓"]]);
        assert.deepEqual(batches, [{ rowStart: 0, rows: 2 }, { rowStart: 2, rows: 2 }]);
        assert.equal(source.bytesRead(), source.totalBytes);
      } finally {
        await source.close();
      }
    }
  });

  it("narrows features to float32 and handles a file without a final newline", async () => {
    const source = await openCsvSource(await csv("last.csv", "x,y\n0.1,1e-50\n3,4"));
    const { features } = await collect(source, ["x", "y"]);
    await source.close();
    assert.deepEqual(features, [[Math.fround(0.1), 0], [3, 4]]);
  });

  it("names the row, line and column of a cell that is not a number", async () => {
    const path = await csv("bad.csv", 'id,a,b\n1,1,2\n2,"x\ny",3\n3,4,oops\n');
    const source = await openCsvSource(path);
    const error = await rejection(collect(source, ["a", "b"]));
    await source.close();
    assert.ok(isCairnError(error));
    assert.equal(error.code, "INVALID_PARAMETER_VALUE");
    assert.match(error.message, /bad\.csv: row 2 \(line 3\), column 'a' holds 'x\ny', which is not a number/);
    // The quoted line break counts, so the next row's line number is still right.
    const second = await openCsvSource(path);
    const other = await rejection(collect(second, ["b"]));
    await second.close();
    assert.match(other.message, /row 3 \(line 5\), column 'b' holds 'oops'/);
  });

  it("calls an empty cell a missing value rather than reading it as zero", async () => {
    const source = await openCsvSource(await csv("empty.csv", "a,b\n1,2\n3,\n"));
    const error = await rejection(collect(source, ["a", "b"]));
    await source.close();
    assert.match(error.message, /row 2 \(line 3\), column 'b' is empty \(a missing value\)/);
  });

  it("lists the missing columns and the file's columns", async () => {
    const source = await openCsvSource(await csv("cols.csv", "id,age,income\n1,2,3\n"));
    const error = await rejection(collect(source, ["age", "tenure", "score"], ["customer"]));
    await source.close();
    assert.ok(isCairnError(error));
    assert.match(error.message, /cols\.csv has no columns 'tenure', 'score', 'customer'; its columns are 'id', 'age', 'income'/);
  });

  it("refuses malformed files with a message saying what is wrong", async () => {
    const cases: [string, string, RegExp][] = [
      ["ragged.csv", "a,b\n1,2\n3,4,5\n", /row 2 \(line 3\) has 3 fields but the header names 2 columns/],
      ["unclosed.csv", 'a,b\n1,"2\n3,4\n', /quoted field opened on line 2 that is never closed/],
      ["after-quote.csv", 'a,b\n1,"2"x\n', /text after a closing quote on line 2/],
      ["twice.csv", "a,a,b\n1,2,3\n", /two columns named 'a'/],
      ["empty-file.csv", "", /has no header line/],
    ];
    for (const [name, text, message] of cases) {
      const error = await rejection(
        (async () => {
          const source = await openCsvSource(await csv(name, text));
          try {
            await collect(source, ["a", "b"]);
          } finally {
            await source.close();
          }
        })(),
      );
      assert.ok(isCairnError(error), `${name}: ${error.message}`);
      assert.match(error.message, message, name);
    }
  });

  it("refuses a missing file or a directory as input", async () => {
    assert.match((await rejection(openCsvSource(join(dir, "nope.csv")))).message, /does not exist/);
    assert.match((await rejection(openCsvSource(dir))).message, /is (not a regular file|a directory)/);
  });

  it("grows its buffer for a record longer than a chunk", async () => {
    const long = "z".repeat(5000);
    const source = await openCsvSource(await csv("long.csv", `a,note\n1,${long}\n2,"${long}"\n`), { chunkBytes: 64 });
    const { features, kept } = await collect(source, ["a"], ["note"]);
    await source.close();
    assert.deepEqual(features, [[1], [2]]);
    assert.deepEqual(kept, [[long, long]]);
  });
});
