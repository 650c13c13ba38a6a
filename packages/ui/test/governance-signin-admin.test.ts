import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import type { Page } from "playwright-core";
import { auditAccessibility } from "./helpers/accessibility-audit.js";
import { screenshot } from "./helpers/browser.js";
import { ADMIN, signIn, startGovernanceHarness, type GovernanceHarness } from "./helpers/governance-harness.js";

const MINUTE = 60_000;

// Sign-in, the admin pages (users, groups, tokens) and sign-out on a server with auth on.
describe("governance UI: sign-in and administration", () => {
  let gov: GovernanceHarness;
  let page: Page;
  const audited: string[] = [];
  const audit = async (url: string) => {
    await page.waitForFunction(() => document.querySelectorAll(".loading").length === 0);
    for (const problem of await auditAccessibility(page)) audited.push(`${url}: ${problem}`);
  };

  before(async () => {
    gov = await startGovernanceHarness();
    page = await gov.newPage();
  });
  after(() => gov.close());

  it("sends a signed-out visitor to sign in, refuses a wrong password, then opens the page asked for", async () => {
    await page.goto("/models?q=churn");
    await page.waitForURL((url) => url.pathname === "/signin" && url.searchParams.get("next") === "/models?q=churn");
    assert.equal(await page.getByRole("navigation", { name: "Main" }).count(), 0, "no section links while signed out");
    await audit("/signin");
    await screenshot(page, "governance-signin");

    await page.getByLabel("Username").fill(ADMIN.username);
    await page.getByLabel("Password").fill("not-the-password");
    await page.getByRole("button", { name: "Sign in" }).click();
    const alert = page.getByRole("alert");
    await alert.waitFor();
    assert.equal(await alert.getAttribute("data-reason"), "wrong-credentials");
    assert.match((await alert.textContent()) ?? "", /Wrong username or password/);
    assert.equal(new URL(page.url()).pathname, "/signin");

    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/models" && url.searchParams.get("q") === "churn");
    await page.getByRole("heading", { name: "Models" }).waitFor();
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const link of ["Approvals", "Audit", "Admin"]) await nav.getByRole("link", { name: link, exact: true }).waitFor();
    assert.equal(await page.getByRole("link", { name: `Signed in as ${ADMIN.username}: your tokens` }).textContent(), ADMIN.username);
    // The session cookie is HttpOnly; the CSRF cookie is for the page's script.
    const cookies = await page.context().cookies();
    assert.equal(cookies.find((c) => c.name === "cairn_session")?.httpOnly, true);
    assert.equal(cookies.find((c) => c.name === "cairn_csrf")?.httpOnly, false);
  });

  it("creates a user, disables and enables them, and makes them admin", async () => {
    await page.goto("/admin");
    await page.waitForURL("**/admin/users");
    const form = page.getByRole("form", { name: "Create a user" });
    await form.getByLabel("New username").fill("bob");
    await form.getByLabel("Password").fill("bob-pass-1");
    await form.getByRole("button", { name: "Create user" }).click();
    const bob = page.locator('table.users-table tr[data-user="bob"]');
    await bob.waitFor();
    assert.match((await bob.textContent()) ?? "", /bob.*user.*active/);

    await bob.getByRole("button", { name: "Disable bob" }).click();
    await bob.locator(".badge", { hasText: "disabled" }).waitFor();
    assert.equal((await gov.call({ username: "bob", password: "bob-pass-1" }, "GET", "cairn/auth/whoami")).status, 401, "a disabled user cannot sign in");
    await bob.getByRole("button", { name: "Enable bob" }).click();
    await bob.locator(".badge", { hasText: "active" }).waitFor();
    assert.equal((await gov.call({ username: "bob", password: "bob-pass-1" }, "GET", "cairn/auth/whoami")).status, 200);

    await form.getByLabel("New username").fill("carol");
    await form.getByLabel("Password").fill("carol-pass-1");
    await form.getByRole("button", { name: "Create user" }).click();
    const carol = page.locator('table.users-table tr[data-user="carol"]');
    await carol.getByRole("button", { name: "Make carol admin" }).click();
    await carol.locator(".badge", { hasText: "admin" }).waitFor();
    const { body } = await gov.call(ADMIN, "GET", "cairn/users/get", { username: "carol" });
    assert.equal((body.user as { is_admin: boolean }).is_admin, true);

    // A duplicate is the server's error, shown as given; nothing changes.
    await form.getByLabel("New username").fill("bob");
    await form.getByLabel("Password").fill("another-pass-1");
    await form.getByRole("button", { name: "Create user" }).click();
    assert.match((await form.getByRole("alert").textContent()) ?? "", /RESOURCE_ALREADY_EXISTS/);
    assert.equal(await page.locator('table.users-table tr[data-user="bob"]').count(), 1);
    await audit("/admin/users");
  });

  it("creates a group, adds and removes members, and deletes a group after confirming", async () => {
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Groups" }).click();
    const form = page.getByRole("form", { name: "Create a group" });
    for (const name of ["analysts", "temp"]) {
      await form.getByLabel("Group name").fill(name);
      await form.getByLabel("Description").fill(`${name} of the churn team`);
      await form.getByRole("button", { name: "Create group" }).click();
      await page.locator(`.group-card[data-group="${name}"]`).waitFor();
    }
    const analysts = page.locator('.group-card[data-group="analysts"]');
    for (const member of ["bob", "carol"]) {
      await analysts.getByLabel("Username").fill(member);
      await analysts.getByRole("button", { name: "Add member to analysts" }).click();
      await analysts.getByRole("button", { name: `Remove ${member} from analysts` }).waitFor();
    }
    await analysts.getByRole("button", { name: "Remove carol from analysts" }).click();
    await analysts.getByRole("button", { name: "Remove carol from analysts" }).waitFor({ state: "detached" });
    assert.deepEqual(await analysts.getByRole("list", { name: "Members of analysts" }).locator("li span").allTextContents(), ["bob"]);

    // An unknown user: the server's refusal, and the members stay as they were.
    await analysts.getByLabel("Username").fill("nobody");
    await analysts.getByRole("button", { name: "Add member to analysts" }).click();
    assert.match((await analysts.getByRole("alert").textContent()) ?? "", /RESOURCE_DOES_NOT_EXIST/);

    const temp = page.locator('.group-card[data-group="temp"]');
    await temp.getByRole("button", { name: "Delete group temp" }).click();
    await temp.getByRole("button", { name: "Delete temp and its grants" }).click();
    await temp.waitFor({ state: "detached" });
    const { body } = await gov.call(ADMIN, "GET", "cairn/groups/list");
    assert.deepEqual((body.groups as { name: string; members: string[] }[]).map((g) => [g.name, g.members]), [["analysts", ["bob"]]]);
    await audit("/admin/groups");
  });

  it("creates a token whose secret is shown once, copies it, and revokes it", async () => {
    await page.getByRole("navigation", { name: "Administration" }).getByRole("link", { name: "Tokens" }).click();
    const form = page.getByRole("form", { name: "Create a token" });
    await form.getByLabel("Token name").fill("ci-reader");
    await form.getByLabel("read-only").check();
    await form.getByLabel("Expires in (days)").fill("0");
    assert.equal(await form.getByRole("button", { name: "Create token" }).isDisabled(), true, "0 days is refused before sending");
    await form.getByLabel("Expires in (days)").fill("30");
    await form.getByRole("button", { name: "Create token" }).click();

    const panel = page.getByRole("region", { name: "Secret of token ci-reader" });
    const secret = (await panel.locator("code.token-secret").textContent()) ?? "";
    assert.match(secret, /^cairn_[A-Za-z0-9]+_[A-Za-z0-9_-]+$/);
    await panel.getByRole("button", { name: "Copy secret" }).click();
    await panel.getByText("Copied to the clipboard.").waitFor();
    assert.equal(await page.evaluate(() => navigator.clipboard.readText()), secret);
    const row = page.locator("table.tokens-table tbody tr", { hasText: "ci-reader" });
    assert.match((await row.textContent()) ?? "", /ci-reader.*admin.*read-only.*active/);

    // The secret works (and only for reading), and is never shown again.
    const bearer = { authorization: `Bearer ${secret}` };
    assert.equal((await fetch(`${gov.server.url}/api/2.0/cairn/auth/whoami`, { headers: bearer })).status, 200);
    const write = await fetch(`${gov.server.url}/api/2.0/mlflow/experiments/create`, { method: "POST", headers: { ...bearer, "content-type": "application/json" }, body: '{"name":"x"}' });
    assert.equal(write.status, 403);
    await page.reload();
    await row.waitFor();
    assert.equal(await page.locator("code.token-secret").count(), 0);
    assert.equal(await page.getByText(secret).count(), 0);

    // An admin makes one for bob and sees everyone's; the filter narrows to bob's.
    await form.getByLabel("Token name").fill("bob-laptop");
    await form.getByLabel("For user").fill("bob");
    await form.getByRole("button", { name: "Create token" }).click();
    await page.getByRole("region", { name: "Secret of token bob-laptop" }).waitFor();
    await page.getByRole("button", { name: "I have saved it" }).click();
    await page.getByLabel("Tokens of user").fill("bob");
    await page.waitForFunction(() => document.querySelectorAll("table.tokens-table tbody tr").length === 1);
    assert.match((await page.locator("table.tokens-table tbody tr").textContent()) ?? "", /bob-laptop.*bob/);
    assert.match(page.url(), /user=bob/);
    await page.getByLabel("Tokens of user").fill("");

    await row.getByRole("button", { name: "Revoke token ci-reader of admin" }).click();
    await row.locator(".badge", { hasText: "revoked" }).waitFor();
    assert.equal((await fetch(`${gov.server.url}/api/2.0/cairn/auth/whoami`, { headers: bearer })).status, 401);
    await audit("/admin/tokens");
  });

  it("signs out, and every page asks to sign in again", async () => {
    await page.getByRole("button", { name: "Sign out" }).click();
    await page.waitForURL((url) => url.pathname === "/signin");
    await page.getByRole("button", { name: "Sign in" }).waitFor();
    assert.equal(await page.getByRole("button", { name: "Sign out" }).count(), 0);
    await page.goto("/admin/users");
    await page.waitForURL((url) => url.pathname === "/signin" && url.searchParams.get("next") === "/admin/users");
    assert.equal((await page.context().cookies()).find((c) => c.name === "cairn_session"), undefined);
  });

  it("sends a person whose session ended while the page was open to sign in, and back", async () => {
    await signIn(page, ADMIN, "/experiments");
    await page.getByRole("heading", { name: "Experiments" }).waitFor();
    // The session ends behind the page's back (expired, revoked): the next request is answered 401.
    await page.context().clearCookies();
    await page.getByRole("navigation", { name: "Main" }).getByRole("link", { name: "Models" }).click();
    await page.waitForURL((url) => url.pathname === "/signin" && url.searchParams.get("next") === "/models");
    await page.getByLabel("Username").fill(ADMIN.username);
    await page.getByLabel("Password").fill(ADMIN.password);
    await page.getByRole("button", { name: "Sign in" }).click();
    await page.waitForURL((url) => url.pathname === "/models");
    await page.getByRole("heading", { name: "Models" }).waitFor();
  });

  it("never sends a sign-in to another site", async () => {
    const other = await gov.newPage();
    await signIn(other, ADMIN, "//example.com/phish");
    assert.equal(new URL(other.url()).origin, gov.server.url);
    await other.close();
  });

  it("fits a phone screen", async () => {
    const phone = await gov.newPage({ width: 375, height: 800 });
    await signIn(phone, ADMIN, "/admin/users");
    await phone.locator("table.users-table").waitFor();
    const overflow = await phone.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    assert.equal(overflow, 0);
    await screenshot(phone, "governance-admin-phone");
    await phone.close();
  });

  it("says how long to wait once sign-ins are rate limited", async () => {
    const other = await gov.newPage();
    await other.goto("/signin");
    // Failures count per username and per address: a few more wrong passwords reach the limit.
    let status = 0;
    for (let i = 0; i < 10 && status !== 429; i++) {
      const login = await fetch(`${gov.server.url}/api/2.0/cairn/auth/login`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ username: "mallory", password: `guess-${i}` }) });
      status = login.status;
    }
    assert.equal(status, 429);
    await other.getByLabel("Username").fill("mallory");
    await other.getByLabel("Password").fill("one-more");
    await other.getByRole("button", { name: "Sign in" }).click();
    const alert = other.getByRole("alert");
    await alert.waitFor();
    assert.equal(await alert.getAttribute("data-reason"), "rate-limited");
    assert.match((await alert.textContent()) ?? "", /Too many failed sign-ins\.Wait \d+ (second|minute)s? before trying again\./);
    // Once the window has passed, signing in works again.
    gov.advanceClock(6 * MINUTE);
    await signIn(other, ADMIN);
    await other.close();
    assert.deepEqual(audited, []);
    assert.deepEqual(gov.pageErrors, []);
  });
});
