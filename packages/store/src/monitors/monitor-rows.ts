import type { Kysely, Selectable } from "kysely";
import { notFound, type CairnError, type Monitor, type MonitorConfig, type MonitorReferenceSummary } from "@cairn/core";
import type { Database, MonitorsTable } from "../schema.js";
import type { StoreContext } from "../tracking/context.js";
import { validateMonitorName } from "./monitor-validation.js";

/** The monitors columns every read of a monitor needs: all but the reference profile, which can be large. */
export const MONITOR_COLUMNS = [
  "monitor_id",
  "name",
  "description",
  "model_name",
  "deployment",
  "config_json",
  "reference_json",
  "evaluated_until_ms",
  "creation_timestamp",
  "last_updated_timestamp",
] as const;

/** A monitors row without its reference profile. */
export type MonitorRow = Omit<Selectable<MonitorsTable>, "reference_profile">;

/** The message for an unknown monitor name. */
export function monitorNotFound(name: string): CairnError {
  return notFound(`Monitor '${name}' does not exist. List monitors with \`cairn monitor list\`.`);
}

/** The message for an unknown monitor id. */
export function monitorIdNotFound(monitorId: string): CairnError {
  return notFound(`Monitor with id '${monitorId}' does not exist (it may have been deleted). List monitors with \`cairn monitor list\`.`);
}

/** Loads a monitor row by name or throws RESOURCE_DOES_NOT_EXIST; the name is validated first. */
export async function requireMonitorByName(db: Kysely<Database>, name: string): Promise<MonitorRow> {
  validateMonitorName(name);
  const row = await db.selectFrom("monitors").select(MONITOR_COLUMNS).where("name", "=", name).executeTakeFirst();
  if (!row) throw monitorNotFound(name);
  return row;
}

/** Loads a monitor row by id or throws RESOURCE_DOES_NOT_EXIST. */
export async function requireMonitorById(db: Kysely<Database>, monitorId: string): Promise<MonitorRow> {
  const row = await db.selectFrom("monitors").select(MONITOR_COLUMNS).where("monitor_id", "=", monitorId).executeTakeFirst();
  if (!row) throw monitorIdNotFound(monitorId);
  return row;
}

/**
 * Loads a monitor row a transaction is about to add to (rules, say). On PostgreSQL the row stays
 * locked until commit, so concurrent rule creates count the rules in turn; SQLite has a single
 * writer already.
 */
export async function lockMonitorById(ctx: StoreContext, trx: Kysely<Database>, monitorId: string): Promise<MonitorRow> {
  let query = trx.selectFrom("monitors").select(MONITOR_COLUMNS).where("monitor_id", "=", monitorId);
  if (ctx.d.name === "postgres") query = query.forUpdate();
  const row = await query.executeTakeFirst();
  if (!row) throw monitorIdNotFound(monitorId);
  return row;
}

/**
 * Checks that a monitor exists before events are added to it. On PostgreSQL the row is
 * key-share locked until commit, so a concurrent deleteMonitor waits and cannot leave orphaned
 * events behind (monitor_events has no foreign key); evaluation's update of the row does not wait.
 */
export async function holdMonitorById(ctx: StoreContext, trx: Kysely<Database>, monitorId: string): Promise<MonitorRow> {
  let query = trx.selectFrom("monitors").select(MONITOR_COLUMNS).where("monitor_id", "=", monitorId);
  if (ctx.d.name === "postgres") query = query.forKeyShare();
  const row = await query.executeTakeFirst();
  if (!row) throw monitorIdNotFound(monitorId);
  return row;
}

/** A stored row in the API's shape: JSON texts parsed back, empty fields left out. */
export function toMonitor(r: MonitorRow): Monitor {
  return {
    monitor_id: r.monitor_id,
    name: r.name,
    ...(r.description ? { description: r.description } : {}),
    ...(r.model_name === null ? {} : { model_name: r.model_name }),
    ...(r.deployment === null ? {} : { deployment: r.deployment }),
    config: JSON.parse(r.config_json) as MonitorConfig,
    reference: JSON.parse(r.reference_json) as MonitorReferenceSummary,
    creation_timestamp: Number(r.creation_timestamp),
    last_updated_timestamp: Number(r.last_updated_timestamp),
    ...(r.evaluated_until_ms === null ? {} : { evaluated_until_ms: Number(r.evaluated_until_ms) }),
  };
}

/** Bytes as both drivers bind them best: a Buffer over the same memory (no copy). */
export function toBlob(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** A driver's Buffer as a plain Uint8Array view of the same memory (no copy), the port's type. */
export function fromBlob(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
