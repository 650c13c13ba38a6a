import type { FileHandle } from "node:fs/promises";
import { basename } from "node:path";
import { CairnError, invalidParameter, isCairnError } from "@cairn/core";
import { parquetMetadataAsync, parquetSchema, type ColumnMetaData, type DecodedArray, type FileMetaData, type RowGroup, type SchemaTree } from "hyparquet";
import { requireBatchRows, requireColumns, type BatchSelection, type BatchSource, type FeatureBatch, type KeptColumn, type SourceColumnType } from "./batch-source.js";
import { fileAsyncBuffer, readFully } from "./file-async-buffer.js";
import { openInputFile } from "./input-file.js";
import { decodeColumnChunk, toNumbers } from "./parquet-generic-column.js";
import { decodePlainNumericChunk, isPlainNumericColumn, PageScratch } from "./parquet-numeric-pages.js";
import { packRows } from "./pack-rows.js";

/** A selected top-level column: where its chunk sits in each row group, and its schema. */
interface SelectedColumn {
  name: string;
  leaf: number;
  schemaPath: SchemaTree[];
}

/** The raw bytes of one row group's selected column chunks, in reusable buffers. */
class ChunkBuffers {
  private buffers: Buffer[] = [];

  /** Reads each column's chunk of the group; resolves to views of exactly those bytes. */
  async read(handle: FileHandle, group: RowGroup, columns: SelectedColumn[], file: string): Promise<Uint8Array[]> {
    return Promise.all(
      columns.map(async (column, c) => {
        const { start, length } = chunkRange(group, column, file);
        let buffer = this.buffers[c];
        if (!buffer || buffer.length < length) buffer = this.buffers[c] = Buffer.allocUnsafeSlow(Math.max(length, (buffer?.length ?? 0) * 2));
        const bytes = buffer.subarray(0, length);
        await readFully(handle, bytes, start);
        return bytes;
      }),
    );
  }
}

/** Opens a Parquet file for batch reading: one row group in memory at a time, only the selected columns. */
export async function openParquetSource(path: string): Promise<BatchSource> {
  const { handle, size } = await openInputFile(path);
  const file = basename(path);
  try {
    let metadata: FileMetaData;
    try {
      metadata = await parquetMetadataAsync(fileAsyncBuffer(handle, size));
    } catch (error) {
      throw notParquet(file, error);
    }
    return parquetSource(file, handle, size, metadata);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

function notParquet(file: string, error: unknown) {
  const reason = error instanceof Error ? error.message : String(error);
  return new CairnError("INVALID_PARAMETER_VALUE", `${file} is not a readable Parquet file (${reason}); check that it was written completely, or give a .csv input instead.`, { cause: error });
}

function parquetSource(file: string, handle: FileHandle, size: number, metadata: FileMetaData): BatchSource {
  const schema = parquetSchema(metadata);
  const columnNames = schema.children.map((child) => child.element.name);
  let position = 0;
  let started = false;
  let closed = false;

  async function* batches(selection: BatchSelection): AsyncGenerator<FeatureBatch> {
    if (started) throw new Error("A Parquet source can be read only once.");
    started = true;
    requireBatchRows(selection.batchRows);
    requireColumns(file, columnNames, selection);
    const features = selection.features.map((name) => selectColumn(schema, metadata, name, file, "used as a model input"));
    const kept = selection.keep.map((name) => selectColumn(schema, metadata, name, file, "kept"));
    const all = [...features, ...kept];
    const width = features.length;
    const scratch = new PageScratch();
    const columns = features.map(() => new Float64Array(0));
    let packed = new Float32Array(0);
    const buffers = [new ChunkBuffers(), new ChunkBuffers()];
    const groups = metadata.row_groups;
    const readGroup = (g: number) => settle(buffers[g % 2]!.read(handle, groups[g]!, all, file));
    let pending = groups.length > 0 ? readGroup(0) : undefined;
    let groupStart = 0;
    for (let g = 0; g < groups.length; g++) {
      const group = groups[g]!;
      const rows = Number(group.num_rows);
      const chunks = unwrap(await pending!);
      // Read the next group while this one is decoded and scored (the other buffer set is free by now).
      pending = g + 1 < groups.length ? readGroup(g + 1) : undefined;
      if (rows === 0) continue;
      for (let j = 0; j < width; j++) {
        if (columns[j]!.length < rows) columns[j] = new Float64Array(rows);
        decodeFeature(chunks[j]!, group, features[j]!, rows, columns[j]!, scratch, file, groupStart);
      }
      if (packed.length < rows * width) packed = new Float32Array(rows * width);
      packRows(columns, rows, packed);
      const keptValues = kept.map((column, k) => keptColumn(column, decode(file, column, () => decodeColumnChunk(chunks[width + k]!, meta(group, column), column.schemaPath, rows))));
      position = groupEnd(group);
      for (let at = 0; at < rows; at += selection.batchRows) {
        const end = Math.min(rows, at + selection.batchRows);
        const whole = at === 0 && end === rows;
        yield {
          rowStart: groupStart + at,
          rows: end - at,
          features: packed.subarray(at * width, end * width),
          kept: whole ? keptValues : keptValues.map((column) => ({ ...column, values: slice(column.values, at, end) })),
        };
      }
      groupStart += rows;
    }
    position = size;
  }

  return {
    columnNames,
    totalBytes: size,
    totalRows: Number(metadata.num_rows),
    bytesRead: () => position,
    batches,
    async close() {
      if (closed) return;
      closed = true;
      await handle.close();
    },
  };
}

function selectColumn(schema: SchemaTree, metadata: FileMetaData, name: string, file: string, use: string): SelectedColumn {
  const node = schema.children.find((child) => child.element.name === name)!;
  if (node.children.length > 0 || node.element.repetition_type === "REPEATED") {
    throw invalidParameter(`${file}: column '${name}' is nested (a struct, list or map); only flat columns can be ${use}.`);
  }
  const first = metadata.row_groups[0];
  const leaf = first ? first.columns.findIndex((chunk) => samePath(chunk.meta_data, name)) : -1;
  return { name, leaf, schemaPath: [schema, node] };
}

const samePath = (meta: ColumnMetaData | undefined, name: string) => meta?.path_in_schema.length === 1 && meta.path_in_schema[0] === name;

function meta(group: RowGroup, column: SelectedColumn): ColumnMetaData {
  return group.columns[column.leaf]!.meta_data!;
}

function chunkRange(group: RowGroup, column: SelectedColumn, file: string): { start: number; length: number } {
  const chunk = group.columns[column.leaf];
  if (!chunk?.meta_data || !samePath(chunk.meta_data, column.name)) {
    throw invalidParameter(`${file}: a row group has no data for column '${column.name}' where the file's metadata says it is; the file is damaged.`);
  }
  if (chunk.file_path) throw invalidParameter(`${file}: column '${column.name}' is stored in another file (${chunk.file_path}); merge the dataset into one Parquet file first.`);
  const data = chunk.meta_data;
  // Some writers set dictionary_page_offset to 0 when there is no dictionary; 0 is the magic number, never a page.
  const start = Number(data.dictionary_page_offset || data.data_page_offset);
  return { start, length: Number(data.total_compressed_size) };
}

function groupEnd(group: RowGroup): number {
  let end = 0;
  for (const chunk of group.columns) {
    const data = chunk.meta_data;
    if (data) end = Math.max(end, Number(data.dictionary_page_offset || data.data_page_offset) + Number(data.total_compressed_size));
  }
  return end;
}

function decodeFeature(bytes: Uint8Array, group: RowGroup, column: SelectedColumn, rows: number, target: Float64Array, scratch: PageScratch, file: string, groupStart: number): void {
  const data = meta(group, column);
  const element = column.schemaPath[1]!.element;
  decode(file, column, () => {
    if (isPlainNumericColumn(data, element) && decodePlainNumericChunk(bytes, data, element, rows, target, scratch)) return;
    toNumbers(decodeColumnChunk(bytes, data, column.schemaPath, rows), target, file, column.name, groupStart + 1);
  });
}

// hyparquet throws plain Errors for damaged data or unsupported codecs: the file is at fault, not the server.
function decode<T>(file: string, column: SelectedColumn, run: () => T): T {
  try {
    return run();
  } catch (error) {
    if (isCairnError(error)) throw error;
    const reason = error instanceof Error ? error.message : String(error);
    throw new CairnError("INVALID_PARAMETER_VALUE", `${file}: column '${column.name}' could not be decoded (${reason}); re-write the file with a standard codec (snappy or none) or check that it is not damaged.`, { cause: error });
  }
}

function keptColumn(column: SelectedColumn, values: DecodedArray): KeptColumn {
  const { type, type_length, converted_type, logical_type, scale, precision, repetition_type } = column.schemaPath[1]!.element;
  const sourceType: SourceColumnType = { type, type_length, converted_type, logical_type, scale, precision, required: repetition_type === "REQUIRED" };
  return { name: column.name, values, sourceType };
}

function slice(values: ArrayLike<unknown>, start: number, end: number): ArrayLike<unknown> {
  return ArrayBuffer.isView(values) ? (values as unknown as Float64Array).subarray(start, end) : (values as unknown[]).slice(start, end);
}

type Settled<T> = { value: T } | { error: unknown };

// A read started ahead holds its failure until the loop reaches it, instead of rejecting unobserved.
function settle<T>(promise: Promise<T>): Promise<Settled<T>> {
  return promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );
}

function unwrap<T>(settled: Settled<T>): T {
  if ("error" in settled) throw settled.error;
  return settled.value;
}
