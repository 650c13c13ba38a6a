import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { auditAccessibility } from "./helpers/accessibility-audit.js";
import { screenshot } from "./helpers/browser.js";
import { ADMIN, createUser, signIn, startGovernanceHarness, type GovernanceHarness } from "./helpers/governance-harness.js";

const BOB = { username: "bob", password: "bob-pass-1" };
const CAROL = { username: "carol", password: "carol-pass-1" };
const DAVE = { username: "dave", password: "dave-pass-1" };
const COMMIT = "3f2a9c1d8e7b6a5f4e3d2c1b0a9f8e7d6c5b4a39";

// Permissions, approvals, the audit log and model cards, with four people on a server whose
// default permission is NO_PERMISSIONS: each sees only what a grant lets them read.
describe("governance UI: permissions, approvals, audit and model cards", () => {
  let gov: GovernanceHarness;
  let admin: Page;
  let bob: Page;
  let carol: Page;
  let experimentId = "";
  let runId = "";
  const problems: string[] = [];
  const audit = async (page: Page, what: string) => {
    await page.waitForFunction(() => document.querySelectorAll(".loading").length === 0);
    for (const problem of await auditAccessibility(page)) problems.push(`${what}: ${problem}`);
  };
  const row = (page: Page, table: string, attr: string, value: string) => page.locator(`table.${table} tr[data-${attr}="${value}"]`);

  before(async () => {
    gov = await startGovernanceHarness({ defaultPermission: "NO_PERMISSIONS" });
    const client = gov.admin;
    const { experiment_id } = await client.experiments.create({ name: "churn-training" });
    experimentId = experiment_id;
    const gitTags = [
      { key: "mlflow.source.git.commit", value: COMMIT },
      { key: "mlflow.source.git.branch", value: "main" },
      { key: "mlflow.source.git.repoURL", value: "https://git.example.com/ml/churn.git" },
    ];
    const { run } = await client.runs.create({ experiment_id, run_name: "train-gbt", tags: gitTags });
    runId = run.info.run_id;
    await client.runs.logBatch({ run_id: runId, params: [{ key: "learning_rate", value: "0.05" }], metrics: [{ key: "val_auc", value: 0.9137, timestamp: Date.now(), step: 0 }] });
    const dataset = { name: "customers-2026-q1", digest: "9a8b7c6d", source_type: "local", source: '{"uri": "data/customers.csv"}' };
    await client.runs.logInputs({ run_id: runId, datasets: [{ dataset, tags: [{ key: "mlflow.data.context", value: "training" }] }] });
    await client.registry.createRegisteredModel({ name: "churn" });
    for (let i = 0; i < 2; i++) await client.registry.createModelVersion({ name: "churn", source: `${run.info.artifact_uri}/model`, run_id: runId });
    await client.registry.setRegisteredModelAlias({ name: "churn", alias: "champion", version: "1" });
    await client.experiments.create({ name: "secret-project" });
    await client.registry.createRegisteredModel({ name: "secret-model" });
    for (const user of [BOB, CAROL, DAVE]) await createUser(gov, user.username, user.password);
    assert.equal((await gov.call(ADMIN, "POST", "cairn/groups/create", { name: "readers" })).status, 200);
    assert.equal((await gov.call(ADMIN, "POST", "cairn/groups/add-member", { name: "readers", username: "dave" })).status, 200);
    const policy = await gov.call(ADMIN, "POST", "cairn/approval-policies/set", { name: "churn", aliases: ["champion"], stages: ["Production"], four_eyes: true });
    assert.equal(policy.status, 200, JSON.stringify(policy.body));
    [admin, bob, carol] = await Promise.all([gov.newPage(), gov.newPage(), gov.newPage()]);
    await signIn(admin, ADMIN);
  });
  after(() => gov.close());

  it("grants and changes levels in the permissions panel of an experiment and a model", async () => {
    await admin.goto(`/experiments/${experimentId}`);
    const panel = admin.locator(".permissions-panel");
    const grant = panel.getByRole("form", { name: "Grant a permission" });
    await grant.getByLabel("Username").fill("bob");
    await grant.getByLabel("Level").selectOption("READ");
    await grant.getByRole("button", { name: "Grant" }).click();
    const bobRow = row(admin, "permissions-table", "principal", "user:bob");
    await bobRow.locator(".level-cell", { hasText: "READ" }).waitFor();
    await bobRow.getByLabel("New level for user bob").selectOption("EDIT");
    await bobRow.getByRole("button", { name: "Change level of user bob" }).click();
    await bobRow.locator(".level-cell", { hasText: "EDIT" }).waitFor();
    const listed = await gov.call(ADMIN, "GET", "cairn/permissions/list", { resource_type: "experiment", resource_id: experimentId });
    assert.deepEqual((listed.body.permissions as { principal: string; level: string }[]).filter((p) => p.principal === "bob").map((p) => p.level), ["EDIT"]);
    await audit(admin, "experiment page");

    await admin.goto("/models/churn");
    const modelGrant = admin.locator(".permissions-panel").getByRole("form", { name: "Grant a permission" });
    for (const [type, name, level] of [["user", "bob", "EDIT"], ["user", "carol", "MANAGE"], ["group", "readers", "READ"]] as const) {
      await modelGrant.getByLabel("Grant to").selectOption(type);
      await modelGrant.getByLabel(type === "user" ? "Username" : "Group name").fill(name);
      await modelGrant.getByLabel("Level").selectOption(level);
      await modelGrant.getByRole("button", { name: "Grant" }).click();
      await row(admin, "permissions-table", "principal", `${type}:${name}`).locator(".level-cell", { hasText: level }).waitFor();
    }
    // A grant removed is gone from the server too.
    await modelGrant.getByLabel("Grant to").selectOption("user");
    await modelGrant.getByLabel("Username").fill("dave");
    await modelGrant.getByRole("button", { name: "Grant" }).click();
    const dave = row(admin, "permissions-table", "principal", "user:dave");
    await dave.getByRole("button", { name: "Remove the grant to user dave" }).click();
    await dave.waitFor({ state: "detached" });
    const model = await gov.call(ADMIN, "GET", "cairn/permissions/list", { resource_type: "registered_model", resource_id: "churn" });
    assert.equal((model.body.permissions as { principal: string }[]).some((p) => p.principal === "dave"), false);
    await screenshot(admin, "governance-permissions");
    await audit(admin, "model page");
  });

  it("shows a second user only what they may read, with the grants read-only", async () => {
    await signIn(bob, BOB, "/experiments");
    await bob.getByRole("link", { name: "churn-training" }).waitFor();
    assert.equal(await bob.getByRole("link", { name: "secret-project" }).count(), 0);
    const nav = bob.getByRole("navigation", { name: "Main" });
    await nav.getByRole("link", { name: "Approvals" }).waitFor();
    assert.equal(await nav.getByRole("link", { name: "Audit" }).count(), 0);
    assert.equal(await nav.getByRole("link", { name: "Admin" }).count(), 0);

    await bob.goto("/models");
    await bob.getByRole("link", { name: "churn", exact: true }).waitFor();
    assert.deepEqual(await bob.locator("table.models-table tbody tr td:first-child a").allTextContents(), ["churn"]);
    await bob.goto("/models/secret-model");
    assert.match((await bob.getByRole("alert").textContent()) ?? "", /PERMISSION_DENIED|RESOURCE_DOES_NOT_EXIST/);

    await bob.goto(`/experiments/${experimentId}`);
    const panel = bob.locator(".permissions-panel");
    await row(bob, "permissions-table", "principal", "user:bob").waitFor();
    assert.match((await panel.textContent()) ?? "", /Changing them needs MANAGE on this experiment/);
    assert.equal(await panel.getByRole("form").count(), 0);
    assert.equal(await panel.getByRole("button").count(), 0);
    await audit(bob, "experiment page (bob)");
  });

  it("lets one user request an alias and another approve it, and the alias moves", async () => {
    await bob.goto("/models/churn/versions/2");
    // Setting the protected alias directly is refused, with the way to request it.
    const direct = bob.getByRole("form", { name: "Set an alias" });
    await direct.getByLabel("Alias").fill("champion");
    await direct.getByRole("button", { name: "Set alias" }).click();
    assert.match((await direct.getByRole("alert").textContent()) ?? "", /PERMISSION_DENIED/);

    const request = bob.getByRole("form", { name: "Request approval for version 2" });
    assert.equal(await request.getByLabel("Alias name").inputValue(), "champion", "the policy's alias is suggested");
    await request.getByLabel("Why").fill("AUC 0.91 on the holdout");
    await request.getByRole("button", { name: "Request approval" }).click();
    const pending = bob.locator('.version-approvals table.approvals-table tr[data-status="PENDING"]');
    await pending.waitFor();
    assert.match((await pending.textContent()) ?? "", /alias champion → version 2.*PENDING.*bob.*AUC 0.91/);
    assert.match((await pending.locator(".waiting").textContent()) ?? "", /Waiting for another approver/);
    await audit(bob, "version page (bob)");

    await bob.goto("/approvals");
    const inboxRow = bob.locator("table.approvals-table tbody tr").first();
    await inboxRow.locator('[data-waiting="four-eyes"]').waitFor();
    assert.equal(await inboxRow.getByRole("button", { name: /^Approve/ }).count(), 0);

    await signIn(carol, CAROL, "/approvals");
    const carolRow = carol.locator("table.approvals-table tbody tr", { hasText: "alias champion → version 2" });
    await carolRow.getByLabel("Comment").fill("looks good");
    await carolRow.getByRole("button", { name: /^Approve request/ }).click();
    await carolRow.waitFor({ state: "detached" });
    const moved = await gov.admin.registry.getModelVersionByAlias({ name: "churn", alias: "champion" });
    assert.equal(moved.model_version.version, "2");
    await carol.goto("/models/churn/versions/2");
    await carol.locator("table.version-facts").getByRole("link", { name: "Alias champion: version 2" }).waitFor();
  });

  it("needs a comment to reject, and shows rejected requests under their filter", async () => {
    await bob.goto("/models/churn/versions/1");
    const request = bob.getByRole("form", { name: "Request approval for version 1" });
    await request.getByLabel("Request").selectOption("stage");
    await request.getByLabel("Target stage").selectOption("Production");
    await request.getByRole("button", { name: "Request approval" }).click();
    await bob.locator('.version-approvals tr[data-status="PENDING"]').waitFor();

    await carol.goto("/approvals");
    const carolRow = carol.locator("table.approvals-table tbody tr", { hasText: "stage Production → version 1" });
    await carolRow.getByRole("button", { name: /^Reject request/ }).click();
    assert.match((await carolRow.locator(".field-error").textContent()) ?? "", /a rejection needs one/);
    await carolRow.getByLabel("Comment").fill("not validated yet");
    await carolRow.getByRole("button", { name: /^Reject request/ }).click();
    await carolRow.waitFor({ state: "detached" });
    await carol.getByLabel("Status").selectOption("REJECTED");
    await carol.waitForURL(/status=REJECTED/);
    const rejected = carol.locator('table.approvals-table tr[data-status="REJECTED"]');
    await rejected.waitFor();
    assert.match((await rejected.textContent()) ?? "", /stage Production → version 1.*REJECTED.*carol.*not validated yet/);
    const { model_version } = await gov.admin.registry.getModelVersion({ name: "churn", version: "1" });
    assert.equal(model_version.current_stage, "None");
    await audit(carol, "approvals page");
    await screenshot(carol, "governance-approvals");
  });

  it("shows the audit entries of those changes, filters them by URL, and verifies the chain", async () => {
    await admin.goto("/audit");
    const approve = admin.locator("table.audit-table tbody tr", { has: admin.locator(".audit-action", { hasText: /approvals\/approve/ }) });
    await approve.first().waitFor();
    assert.equal(await approve.count(), 1);
    assert.equal(await approve.locator(".audit-actor").textContent(), "carol");
    assert.match((await approve.locator(".audit-resource").textContent()) ?? "", /^models:\/churn/);

    await admin.getByLabel("Actor").fill("carol");
    await admin.getByRole("button", { name: "Apply filters" }).click();
    await admin.waitForURL(/actor=carol/);
    await admin.waitForFunction(() => [...document.querySelectorAll("table.audit-table .audit-actor")].every((c) => c.textContent === "carol"));
    const actors = await admin.locator("table.audit-table .audit-actor").allTextContents();
    assert.ok(actors.length >= 2, `carol signed in and decided twice: ${actors.join(",")}`);
    // The URL is the view: opened afresh, it shows the same filter and entries.
    await admin.goto(admin.url());
    assert.equal(await admin.getByLabel("Actor").inputValue(), "carol");
    await admin.locator("table.audit-table tbody tr").first().waitFor();
    assert.deepEqual(await admin.locator("table.audit-table .audit-actor").allTextContents(), actors);

    await admin.getByRole("button", { name: "Clear filters" }).click();
    await admin.getByLabel("Resource").fill("models:/churn");
    await admin.getByRole("button", { name: "Apply filters" }).click();
    await admin.waitForURL(/resource=models%3A%2Fchurn/);
    await admin.waitForFunction(() => {
      const cells = [...document.querySelectorAll("table.audit-table .audit-resource")];
      return cells.length > 0 && cells.every((c) => c.textContent?.startsWith("models:/churn"));
    });
    const resources = await admin.locator("table.audit-table .audit-resource").allTextContents();
    assert.ok(resources.length > 0 && resources.every((r) => r === "models:/churn" || r.startsWith("models:/churn/")), resources.join(", "));
    assert.ok(!resources.some((r) => r.startsWith("experiments:")));

    await admin.getByRole("button", { name: "Verify the log" }).click();
    const result = admin.locator(".verify-result");
    await result.waitFor();
    assert.equal(await result.getAttribute("data-ok"), "true");
    assert.match((await result.textContent()) ?? "", /OK \d+ entries checked/);
    await audit(admin, "audit page");
    await screenshot(admin, "governance-audit");

    await admin.getByLabel("Since").fill("2099-01-01T00:00:00");
    await admin.getByRole("button", { name: "Apply filters" }).click();
    await admin.getByText("No entry matches these filters.").waitFor();
  });

  it("shows the model card's lineage and saves its edited fields for a user with EDIT", async () => {
    await bob.goto("/models/churn/versions/2");
    const card = bob.locator(".model-card");
    const run = card.locator(".card-run");
    assert.equal(await run.getByRole("link", { name: "train-gbt" }).getAttribute("href"), `/experiments/${experimentId}/runs/${runId}`);
    assert.match((await run.locator(".card-git").textContent()) ?? "", new RegExp(`Commit${COMMIT}.*Branchmain`));
    assert.match((await run.locator(".card-params").textContent()) ?? "", /learning_rate0.05/);
    assert.match((await run.locator(".card-metrics").textContent()) ?? "", /val_auc0.9137/);
    assert.match((await card.locator(".card-datasets").textContent()) ?? "", /customers-2026-q1.*training.*9a8b7c6d/);
    assert.match((await card.locator(".card-approvals").textContent()) ?? "", /alias champion → version 2: APPROVED — asked by bob, decided by carol/);
    assert.equal(await card.getByRole("link", { name: "Open the HTML card" }).getAttribute("href"), "/ajax-api/2.0/cairn/model-cards/html?name=churn&version=2");

    await card.getByRole("button", { name: "Edit model card" }).click();
    const form = card.getByRole("form", { name: "Edit the model card" });
    await form.getByLabel("Intended use").fill("Ranking customers for retention offers.");
    await form.getByLabel("Limitations").fill("Trained on 2026 Q1 only.");
    await form.getByLabel("Owners (comma-separated)").fill("bob, carol,");
    await form.getByRole("button", { name: "Save model card" }).click();
    await form.waitFor({ state: "detached" });
    assert.match((await card.locator(".card-fields").textContent()) ?? "", /Intended useRanking customers for retention offers\.LimitationsTrained on 2026 Q1 only\.Ethical considerationsNot written yet\.Ownersbob, carol/);
    const { body } = await gov.call(BOB, "GET", "cairn/model-cards/get", { name: "churn", version: "2" });
    const fields = (body.card as { fields: Record<string, unknown> }).fields;
    assert.deepEqual([fields.intended_use, fields.owners, fields.updated_by], ["Ranking customers for retention offers.", ["bob", "carol"], "bob"]);
    const html = await fetch(`${gov.server.url}/ajax-api/2.0/cairn/model-cards/html?name=churn&version=2`, { headers: { cookie: (await bob.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ") } });
    assert.equal(html.status, 200);
    assert.match(await html.text(), /Ranking customers for retention offers/);
    await audit(bob, "version page with the card (bob)");
    await card.scrollIntoViewIfNeeded();
    await screenshot(bob, "governance-model-card");

    // READ through a group: the card and the grants, nothing to change.
    const dave = await gov.newPage();
    await signIn(dave, DAVE, "/models/churn/versions/2");
    await dave.locator(".model-card .card-fields").waitFor();
    assert.equal(await dave.getByRole("button", { name: "Edit model card" }).count(), 0);
    assert.equal(await dave.getByRole("form", { name: /Request approval/ }).count(), 0);
    await dave.goto("/models/churn");
    await row(dave, "permissions-table", "principal", "group:readers").waitFor();
    assert.equal(await dave.locator(".permissions-panel").getByRole("button").count(), 0);
    await dave.close();
  });

  it("fits a phone screen, with no page errors and no accessibility problems anywhere", async () => {
    const phone = await gov.newPage({ width: 375, height: 800 });
    await signIn(phone, CAROL, "/approvals?status=any");
    await phone.locator("table.approvals-table").waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    await screenshot(phone, "governance-approvals-phone");
    await phone.close();
    assert.deepEqual(problems, []);
    assert.deepEqual(gov.pageErrors, []);
  });
});
