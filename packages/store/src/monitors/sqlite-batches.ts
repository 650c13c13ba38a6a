import { CompiledQuery, type Kysely } from "kysely";
import type { Database } from "../schema.js";

// Widths of the statements a batch is cut into, largest first: any batch is a few statements,
// and the SQL texts are few and fixed, so the dialect's statement cache keeps them all prepared.
const WIDTHS = [512, 256, 128, 64, 32, 16, 8, 4, 2, 1] as const;

/**
 * Runs a multi-row statement over rows on SQLite, in the caller's transaction, and returns the
 * rows it returned. The SQL is written here with ? placeholders and handed to the driver as is:
 * building it through Kysely costs more than running it on the 10,000-row ingest path.
 * sqlFor(width) gives the statement for that many rows; bind pushes one row's parameters.
 */
export async function runInBatches<T, R>(
  trx: Kysely<Database>,
  rows: readonly T[],
  sqlFor: (width: number) => string,
  bind: (args: unknown[], row: T) => void,
): Promise<R[]> {
  const out: R[] = [];
  let i = 0;
  for (const width of WIDTHS) {
    const text = sqlFor(width);
    for (; i + width <= rows.length; i += width) {
      const args: unknown[] = [];
      for (let j = i; j < i + width; j++) bind(args, rows[j]!);
      const result = await trx.executeQuery<R>(CompiledQuery.raw(text, args));
      for (const r of result.rows) out.push(r);
    }
  }
  return out;
}

/** `(?,?,…),(?,?,…)…`: width tuples of columns placeholders each. */
export function placeholders(width: number, columns: number): string {
  const tuple = `(${Array.from({ length: columns }, () => "?").join(",")})`;
  return Array.from({ length: width }, () => tuple).join(",");
}

/** Memoizes a statement maker per width, so each SQL text is built once per process. */
export function byWidth(make: (width: number) => string): (width: number) => string {
  const texts = new Map<number, string>();
  return (width) => {
    let text = texts.get(width);
    if (text === undefined) texts.set(width, (text = make(width)));
    return text;
  };
}
