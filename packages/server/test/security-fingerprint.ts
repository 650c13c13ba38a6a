import { createHash } from "node:crypto";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { sql } from "kysely";
import type { StoreDialect } from "@cairn/store";

/**
 * A digest of everything a request could change: every table's rows (in a fixed order) and every
 * file under the artifact root. credentials.last_used_at is left out: it records that a
 * credential was used (at most once a minute), which a refused request may well do.
 * Per table, so a difference says where.
 */
export async function fingerprint(raw: StoreDialect, artifactRoot: string, options: { withoutAudit?: boolean } = {}): Promise<Record<string, string>> {
  const tables = (await sql<{ name: string }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%' order by name`.execute(raw.db)).rows.map((r) => r.name);
  const out: Record<string, string> = {};
  for (const table of tables) {
    if (options.withoutAudit && (table === "audit_log" || table === "audit_head")) continue;
    const rows = (await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(raw.db)).rows.map((row) => {
      const copy = { ...row };
      if (table === "credentials") delete copy.last_used_at;
      return JSON.stringify(copy, (_k, v: unknown) => (v instanceof Uint8Array ? Buffer.from(v).toString("base64") : typeof v === "bigint" ? String(v) : v));
    });
    out[table] = digest(rows.sort().join("\n"));
  }
  out["<artifacts>"] = digest(files(artifactRoot).map((f) => `${relative(artifactRoot, f)}:${digest(readFileSync(f))}`).join("\n"));
  return out;
}

function files(dir: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
    throw error;
  }
  return names.sort().flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

function digest(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
