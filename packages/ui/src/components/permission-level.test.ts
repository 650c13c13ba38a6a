import { describe, it } from "node:test";
import assert from "node:assert/strict";
import type { PermissionGrant, PermissionLevel, PrincipalType } from "@cairn/core";
import { allows, levelFromGrants } from "./permission-level";

const grant = (principal_type: PrincipalType, principal: string, level: PermissionLevel): PermissionGrant => ({
  resource_type: "registered_model",
  resource_id: "churn",
  principal_type,
  principal,
  level,
  granted_by: "admin",
  creation_timestamp: 1,
});

describe("the level grants give a user", () => {
  const grants = [grant("user", "bob", "EDIT"), grant("group", "owners", "MANAGE"), grant("user", "carol", "MANAGE"), grant("group", "bob", "MANAGE")];

  it("is the highest of the user's own grants and their groups' grants", () => {
    assert.equal(levelFromGrants(grants, "bob", []), "EDIT");
    assert.equal(levelFromGrants(grants, "bob", ["owners"]), "MANAGE");
  });

  it("ignores other users' grants and a group named like the user, and is READ without any", () => {
    assert.equal(levelFromGrants(grants, "dave", ["readers"]), "READ");
    assert.equal(levelFromGrants([grant("user", "dave", "NO_PERMISSIONS")], "dave", []), "READ");
  });

  it("allows a need when the level reaches it, and nothing while the level is unknown", () => {
    assert.equal(allows("EDIT", "EDIT"), true);
    assert.equal(allows("EDIT", "MANAGE"), false);
    assert.equal(allows("MANAGE", "READ"), true);
    assert.equal(allows(undefined, "READ"), false);
  });
});
