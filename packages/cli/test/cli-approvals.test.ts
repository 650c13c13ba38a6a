import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ApprovalPolicy, ApprovalRequest, ModelCard } from "@cairn/core";
import { createClient, type CairnClient } from "@cairn/sdk";
import { EXIT_CODES, EXIT_USAGE } from "@cairn/cli";
import { cairnAt, tableRows, type CliResult } from "./helpers/cli-harness.js";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

describe("cairn models approvals and cards", () => {
  let server: EphemeralServer;
  let cairn: (...argv: string[]) => Promise<CliResult>;
  let client: CairnClient;
  let work: string;
  before(async () => {
    server = await startEphemeralServer();
    cairn = cairnAt(server.url);
    client = createClient({ trackingUri: server.url, maxRetries: 0 });
    work = await mkdtemp(join(tmpdir(), "cairn-cli-approvals-"));
    await client.registry.createRegisteredModel({ name: "churn" });
    for (let i = 1; i <= 3; i++) await client.registry.createModelVersion({ name: "churn", source: `s3://b/churn/${i}` });
  });
  after(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  it("approval-policy sets, shows and deletes; direct moves are then refused with the command to use", async () => {
    const none = await cairn("models", "approval-policy", "churn");
    assert.equal(none.code, 0, none.stderr);
    assert.match(none.stdout, /has no approval policy/);
    const set = await cairn("models", "approval-policy", "churn", "--aliases", "champion,challenger", "--stages", "production", "--no-four-eyes", "--json");
    assert.equal(set.code, 0, set.stderr);
    const policy = JSON.parse(set.stdout) as ApprovalPolicy;
    assert.deepEqual([policy.aliases, policy.stages, policy.four_eyes], [["champion", "challenger"], ["Production"], false]);
    const shown = await cairn("models", "approval-policy", "churn");
    assert.match(shown.stdout, /Aliases: +champion, challenger/);
    assert.match(shown.stdout, /Four eyes: +no/);

    const direct = await cairn("models", "alias", "churn", "champion", "1");
    assert.equal(direct.code, EXIT_CODES.PERMISSION_DENIED);
    assert.match(direct.stderr, /cairn models request models:\/churn\/1 --alias champion/);
    const transition = await cairn("models", "transition", "churn", "1", "Production");
    assert.equal(transition.code, EXIT_CODES.PERMISSION_DENIED);
    assert.match(transition.stderr, /cairn models request models:\/churn\/1 --stage Production/);
  });

  it("request, approve, reject, cancel and list requests", async () => {
    const requested = await cairn("models", "request", "models:/churn/2", "--alias", "champion", "--comment", "better AUC");
    assert.equal(requested.code, 0, requested.stderr);
    const id = /request ([0-9a-f]{32})/.exec(requested.stdout)?.[1];
    assert.ok(id, requested.stdout);
    assert.match(requested.stdout, /churn @champion -> 2, now PENDING\.\nSomeone with MANAGE on 'churn' approves it with: cairn models approve [0-9a-f]{32}\n$/);
    const approved = await cairn("models", "approve", id!, "--comment", "ok");
    assert.equal(approved.code, 0, approved.stderr);
    assert.equal(approved.stdout, `Approved request ${id}: churn @champion -> 2, now APPROVED.\n`);
    assert.equal((await client.registry.getModelVersionByAlias({ name: "churn", alias: "champion" })).model_version.version, "2");
    const twice = await cairn("models", "approve", id!);
    assert.equal(twice.code, EXIT_CODES.INVALID_STATE);
    assert.match(twice.stderr, /already APPROVED/);

    // A stage request through an alias URI, with --json.
    const stage = await cairn("models", "request", "models:/churn@champion", "--stage", "Production", "--archive-existing", "--json");
    assert.equal(stage.code, 0, stage.stderr);
    const stageRequest = JSON.parse(stage.stdout) as ApprovalRequest;
    assert.deepEqual([stageRequest.version, stageRequest.kind, stageRequest.target, stageRequest.archive_existing_versions], ["2", "stage", "Production", true]);
    const rejected = await cairn("models", "reject", stageRequest.request_id, "--comment", "needs review", "--json");
    assert.equal((JSON.parse(rejected.stdout) as ApprovalRequest).decision_comment, "needs review");
    assert.equal((await cairn("models", "reject", stageRequest.request_id)).code, EXIT_USAGE, "--comment is required");

    const third = JSON.parse((await cairn("models", "request", "models:/churn/3", "--alias", "challenger", "--json")).stdout) as ApprovalRequest;
    const cancelled = await cairn("models", "cancel", third.request_id);
    assert.equal(cancelled.stdout, `Cancelled request ${third.request_id}: churn @challenger -> 3, now CANCELLED.\n`);
    await cairn("models", "request", "models:/churn/3", "--stage", "staging");

    const table = await cairn("models", "requests", "--model", "churn");
    assert.equal(table.code, 0, table.stderr);
    const rows = tableRows(table.stdout);
    assert.deepEqual(rows[0], ["REQUEST", "MODEL", "MOVE", "STATUS", "REQUESTED BY", "CREATED", "DECIDED BY"]);
    assert.deepEqual(rows.slice(1).map((r) => [r[2], r[3], r[6]]), [
      ["3 -> Staging", "PENDING", "-"],
      ["@challenger -> 3", "CANCELLED", "anonymous"],
      ["2 -> Production (archive others)", "REJECTED", "anonymous"],
      ["@champion -> 2", "APPROVED", "anonymous"],
    ]);
    const pending = JSON.parse((await cairn("models", "requests", "--status", "pending", "--json")).stdout) as ApprovalRequest[];
    assert.deepEqual(pending.map((r) => r.target), ["Staging"]);
    const limited = await cairn("models", "requests", "--max-results", "1");
    assert.equal(tableRows(limited.stdout).length, 2);
    assert.match(limited.stderr, /showing the first 1/);
    assert.equal((await cairn("models", "requests", "--status", "done")).code, EXIT_USAGE);
  });

  it("refuses bad request command lines before calling the server", async () => {
    assert.equal((await cairn("models", "request", "models:/churn/2")).code, EXIT_USAGE);
    assert.equal((await cairn("models", "request", "models:/churn/2", "--alias", "a", "--stage", "Staging")).code, EXIT_USAGE);
    assert.equal((await cairn("models", "request", "models:/churn/2", "--alias", "a", "--archive-existing")).code, EXIT_USAGE);
    assert.equal((await cairn("models", "request", "models:/churn/2", "--stage", "None")).code, EXIT_USAGE);
    assert.equal((await cairn("models", "approval-policy", "churn", "--aliases", "a,,b")).code, EXIT_USAGE);
    assert.equal((await cairn("models", "approval-policy", "churn", "--aliases", "a", "--delete")).code, EXIT_USAGE);
    const missing = await cairn("models", "request", "models:/churn/9", "--alias", "champion");
    assert.equal(missing.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    const unknown = await cairn("models", "approve", "nope");
    assert.equal(unknown.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    assert.equal((await client.approvals.list({ name: "churn", status: "PENDING" })).requests.length, 1, "nothing new was requested");
  });

  it("card shows, edits (--set) and saves HTML (--html); --json prints the card", async () => {
    const shown = await cairn("models", "card", "models:/churn@champion");
    assert.equal(shown.code, 0, shown.stderr);
    assert.match(shown.stdout, /^Model card: churn version 2 \(@champion\), stage None/);
    assert.match(shown.stdout, /Intended use:\n {2}\(not written yet\)/);
    assert.match(shown.stdout, /Approvals:\n {2}[0-9a-f]{32} 2 -> Production \(archive others\) REJECTED .*\n {2}[0-9a-f]{32} @champion -> 2 APPROVED/);

    const edited = await cairn("models", "card", "models:/churn/2", "--set", "intended_use=Retention offers\nnot pricing", "--set", "owners=ana@example.com, ml-team", "--json");
    assert.equal(edited.code, 0, edited.stderr);
    const card = JSON.parse(edited.stdout) as ModelCard;
    assert.deepEqual([card.fields.intended_use, card.fields.owners], ["Retention offers\nnot pricing", ["ana@example.com", "ml-team"]]);
    const view = await cairn("models", "card", "models:/churn/2");
    assert.match(view.stdout, /Intended use:\n {2}Retention offers\n {2}not pricing\n/);
    assert.match(view.stdout, /Owners: ana@example.com, ml-team/);

    const file = join(work, "card.html");
    const saved = await cairn("models", "card", "models:/churn/2", "--set", "limitations=<under 18>", "--html", file);
    assert.equal(saved.code, 0, saved.stderr);
    assert.equal(saved.stdout, "Updated the card of 'churn' version 2.\n");
    assert.match(saved.stderr, /Saved the card of 'churn' version 2 to /);
    const html = await readFile(file, "utf8");
    assert.match(html, /^<!doctype html>/);
    assert.ok(html.includes("&lt;under 18&gt;"));

    assert.equal((await cairn("models", "card", "models:/churn/2", "--set", "color=blue")).code, EXIT_USAGE);
    assert.equal((await cairn("models", "card", "models:/churn/9")).code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
  });
});
