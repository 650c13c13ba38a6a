import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isCairnError } from "@cairn/core";
import { openStore } from "@cairn/store";
import { startServer } from "@cairn/server";

describe("startServer's security decisions", () => {
  const dir = mkdtempSync(join(tmpdir(), "cairn-startup-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const config = (name: string) => ({ host: "127.0.0.1", port: 0, backendStoreUri: `sqlite:///${join(dir, name, "cairn.db")}`, artifactsDestination: join(dir, name, "artifacts"), logLevel: "silent" });

  it("refuses a public host without auth before opening anything", async () => {
    await assert.rejects(startServer({ ...config("public"), host: "0.0.0.0" }), (e: unknown) => isCairnError(e) && /Refusing to listen on 0\.0\.0\.0 without authentication/.test(e.message));
    assert.equal(existsSync(join(dir, "public", "cairn.db")), false, "no database was created");
  });

  it("refuses auth with no users and no first administrator in the environment, saying what to set", async () => {
    await assert.rejects(
      startServer({ ...config("empty"), auth: true, env: {} }),
      (e: unknown) => isCairnError(e) && e.code === "INVALID_STATE" && /CAIRN_ADMIN_USERNAME and CAIRN_ADMIN_PASSWORD/.test(e.message),
    );
  });

  it("creates the first administrator from the environment once, and warns when auth is off", async () => {
    const env = { CAIRN_ADMIN_USERNAME: "boss", CAIRN_ADMIN_PASSWORD: "first-admin-password" };
    const first = await startServer({ ...config("boot"), auth: true, env });
    try {
      assert.deepEqual(first.notices, ["Created the first administrator 'boss' from CAIRN_ADMIN_USERNAME and CAIRN_ADMIN_PASSWORD."]);
      const anonymous = await fetch(`${first.url}/api/2.0/mlflow/experiments/search`);
      assert.equal(anonymous.status, 401);
      const signedIn = await fetch(`${first.url}/api/2.0/cairn/auth/whoami`, { headers: { authorization: `Basic ${Buffer.from("boss:first-admin-password").toString("base64")}` } });
      const who = (await signedIn.json()) as { user: { username: string; is_admin: boolean } };
      assert.deepEqual([who.user.username, who.user.is_admin], ["boss", true]);
    } finally {
      await first.close();
    }
    const again = await startServer({ ...config("boot"), auth: true, env: { CAIRN_ADMIN_USERNAME: "other", CAIRN_ADMIN_PASSWORD: "other-password-1" } });
    await again.close();
    assert.deepEqual(again.notices, [], "users exist: the variables are not used");
    const store = await openStore(`sqlite:///${join(dir, "boot", "cairn.db")}`);
    try {
      assert.deepEqual((await store.listUsers()).map((u) => u.username), ["boss"]);
    } finally {
      await store.close();
    }
    const open = await startServer(config("open"));
    await open.close();
    assert.match(open.notices[0] ?? "", /^warning: authentication is off/);
  });
});
