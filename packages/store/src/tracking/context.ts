import type { Kysely } from "kysely";
import { isCairnError } from "@cairn/core";
import type { StoreDialect } from "../dialects/dialect.js";
import type { Database } from "../schema.js";

/** What every store module needs: the dialect plus the injected clock, id source and artifact root. */
export interface StoreContext {
  d: StoreDialect;
  clock: () => number;
  newId: () => string;
  /** Root under which experiments get their artifact location, e.g. "mlflow-artifacts:". */
  artifactRoot: string;
}

/** Runs fn in one transaction; driver errors leave as CairnErrors where they mean something. */
export async function inTransaction<T>(ctx: StoreContext, fn: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  try {
    return await ctx.d.db.transaction().execute(fn);
  } catch (error) {
    throw isCairnError(error) ? error : ctx.d.translateError(error);
  }
}

/** Runs a read outside a transaction with the same error translation. */
export async function reading<T>(ctx: StoreContext, fn: (db: Kysely<Database>) => Promise<T>): Promise<T> {
  try {
    return await fn(ctx.d.db);
  } catch (error) {
    throw isCairnError(error) ? error : ctx.d.translateError(error);
  }
}

/** Experiment ids are integers in the database and strings on the wire. */
export function parseExperimentId(id: string): number {
  return /^\d{1,18}$/.test(id) ? Number(id) : -1;
}
