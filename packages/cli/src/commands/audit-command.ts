import { open, rename, rm } from "node:fs/promises";
import type { Command } from "commander";
import type { AuditEntry } from "@cairn/core";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { auditTable, verificationText } from "../output/audit-views.js";
import { parseTimeBound } from "./monitor-options.js";
import { clientFor, collectPages, DEFAULT_MAX_RESULTS, examples, noteTruncated, parseMaxResults } from "./shared.js";

const TIME_HELP = "a time ago such as 7d or 24h, a date or ISO time such as 2026-11-01, or ms since the epoch";
// Export progress is reported every this many entries (only on a terminal; a final line always).
const PROGRESS_EVERY = 1000;

interface RangeOptions {
  since?: number;
  until?: number;
}

const range = (o: RangeOptions) => ({ ...(o.since === undefined ? {} : { since_ms: o.since }), ...(o.until === undefined ? {} : { until_ms: o.until }) });

/** `cairn audit list|verify|export`: the server's hash-chained audit log (admins only). */
export function addAuditCommand(program: Command, io: CliIo): void {
  const audit = program
    .command("audit")
    .description("list, verify and export the audit log of every change made through the server (admin)")
    .addHelpText("after", examples("cairn audit list --resource models:/churn --since 7d", "cairn audit verify", "cairn audit export --since 30d -o audit.jsonl"));

  audit
    .command("list")
    .description("list audit entries, newest first")
    .option("--resource <uri>", "a resource and everything under it, e.g. models:/churn (includes models:/churn/7), experiments:/3, users:/bob, server")
    .option("--actor <username>", "only what this user did (anonymous with auth off)")
    .option("--action <action>", 'exact action, e.g. "POST /api/2.0/mlflow/registered-models/alias"')
    .option("--since <time>", `only entries from this time on: ${TIME_HELP}`, parseTimeBound)
    .option("--until <time>", `only entries before this time: ${TIME_HELP}`, parseTimeBound)
    .option("--max-results <n>", "stop after this many entries", parseMaxResults, DEFAULT_MAX_RESULTS)
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn audit list --resource models:/churn", "cairn audit list --actor bob --since 24h --json", "cairn audit list --since 2026-11-01 --until 2026-11-08"))
    .action(async (options: RangeOptions & { resource?: string; actor?: string; action?: string; maxResults: number; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const filters = { resource: options.resource, actor: options.actor, action: options.action, ...range(options) };
      const { items, more } = await collectPages<AuditEntry>(options.maxResults, async (max_results, page_token) => {
        const page = await client.audit.list({ ...filters, max_results: Math.min(max_results, 1000), page_token });
        return { items: page.entries, next_page_token: page.next_page_token };
      });
      if (options.json) writeJson(io.stdout, items);
      else writeLine(io.stdout, items.length === 0 ? "No audit entries found." : auditTable(items));
      noteTruncated(io, items.length, more);
    });

  audit
    .command("verify")
    .description("walk the hash chain and report modified, missing or unlinked entries (exit status 1 when any)")
    .option("--json", "print the verification result as JSON")
    .addHelpText("after", `${examples("cairn audit verify", "cairn audit verify --json")}\n\nRecord the head hash it prints somewhere outside the server: a chain rewritten wholesale verifies, but no longer ends there.`)
    .action(async (options: { json?: boolean }, command: Command) => {
      const verification = await clientFor(command, io).audit.verify();
      if (options.json) writeJson(io.stdout, verification);
      else writeLine(io.stdout, verificationText(verification));
      if (!verification.ok) throw new Error(`the audit log failed verification (${verification.problems.length} problem${verification.problems.length === 1 ? "" : "s"}).`);
    });

  audit
    .command("export")
    .description("write the audit log as JSON lines, oldest first, to stdout or a file")
    .option("--since <time>", `only entries from this time on: ${TIME_HELP}`, parseTimeBound)
    .option("--until <time>", `only entries before this time: ${TIME_HELP}`, parseTimeBound)
    .option("-o, --output <file>", "write to this file (replaced only once the export is complete) instead of stdout")
    .addHelpText("after", examples("cairn audit export -o audit.jsonl", "cairn audit export --since 30d > last-month.jsonl"))
    .action(async (options: RangeOptions & { output?: string }, command: Command) => {
      const lines = clientFor(command, io).audit.exportLines(range(options));
      const progress = (n: number) => {
        if ((io.stderr as { isTTY?: boolean }).isTTY) io.stderr.write(`\rexported ${n.toLocaleString("en-US")} entries`);
      };
      const count = options.output ? await exportToFile(lines, options.output, progress) : await exportTo(lines, (text) => io.stdout.write(text), progress);
      if ((io.stderr as { isTTY?: boolean }).isTTY) io.stderr.write("\r");
      writeLine(io.stderr, `Exported ${count.toLocaleString("en-US")} audit entr${count === 1 ? "y" : "ies"}${options.output ? ` to ${options.output}` : ""}.`);
    });
}

// Lines are written in chunks of about this many characters: one write per line is slow.
const CHUNK = 64 * 1024;

async function exportTo(lines: AsyncIterable<string>, write: (text: string) => unknown, progress: (n: number) => void): Promise<number> {
  let n = 0;
  let pending = "";
  for await (const line of lines) {
    pending += `${line}\n`;
    if (pending.length >= CHUNK) {
      await write(pending);
      pending = "";
    }
    if (++n % PROGRESS_EVERY === 0) progress(n);
  }
  if (pending !== "") await write(pending);
  return n;
}

/** Streams into file.partial and renames it at the end, so a failed export never looks like a complete one. */
async function exportToFile(lines: AsyncIterable<string>, file: string, progress: (n: number) => void): Promise<number> {
  const partial = `${file}.partial`;
  const handle = await open(partial, "w");
  let closed = false;
  try {
    const n = await exportTo(lines, (text) => handle.write(text), progress);
    await handle.close();
    closed = true;
    await rename(partial, file);
    return n;
  } catch (error) {
    if (!closed) await handle.close();
    await rm(partial, { force: true });
    throw error;
  }
}
