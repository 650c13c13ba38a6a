import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT_CODES } from "@cairn/cli";
import { cairn } from "./helpers/cli-harness.js";

describe("cairn server's security options", () => {
  const dir = mkdtempSync(join(tmpdir(), "cairn-cli-server-auth-"));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const store = (name: string) => ["--backend-store-uri", `sqlite:///${join(dir, name, "cairn.db")}`, "--artifacts-destination", join(dir, name, "artifacts"), "--log-level", "silent", "--port", "0"];

  it("refuses a public host without --auth, naming what to do, before binding or opening anything", async () => {
    const r = await cairn(["server", "--host", "0.0.0.0", ...store("public")]);
    assert.equal(r.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(r.stderr, /^error: Refusing to listen on 0\.0\.0\.0 without authentication.*--auth.*--insecure-public/s);
    assert.equal(r.stdout, "", "it never said it was listening");
    assert.equal(existsSync(join(dir, "public")), false);
  });

  it("refuses --auth with no users when CAIRN_ADMIN_USERNAME and CAIRN_ADMIN_PASSWORD are not set", async () => {
    const r = await cairn(["server", "--auth", ...store("empty")], {});
    assert.equal(r.code, EXIT_CODES.INVALID_STATE);
    assert.match(r.stderr, /no users yet.*Set CAIRN_ADMIN_USERNAME and CAIRN_ADMIN_PASSWORD/);
    assert.equal(r.stdout, "");
  });

  it("refuses auth options without --auth and a bad --default-permission", async () => {
    const perm = await cairn(["server", "--default-permission", "READ", ...store("opts")]);
    assert.equal(perm.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(perm.stderr, /--default-permission applies only with --auth/);
    const cors = await cairn(["server", "--cors-origin", "https://a.example", ...store("opts")]);
    assert.match(cors.stderr, /--cors-origin applies only with --auth/);
    const bad = await cairn(["server", "--auth", "--default-permission", "OWNER", ...store("opts")]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /expected one of NO_PERMISSIONS, READ, USE, EDIT, MANAGE/);
  });
});
