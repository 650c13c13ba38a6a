import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { governancePaths, safeNext } from "./governance-paths";

describe("where a sign-in may lead", () => {
  it("keeps a path on this site, with its query", () => {
    assert.equal(safeNext("/models?q=churn"), "/models?q=churn");
    assert.equal(governancePaths.signIn("/models?q=churn"), "/signin?next=%2Fmodels%3Fq%3Dchurn");
  });

  it("turns anything else into the home page: other origins, schemes, protocol-relative URLs and the sign-in page itself", () => {
    for (const next of ["//evil.example/x", "/\\evil.example", "https://evil.example/", "javascript:alert(1)", "models", "", null, undefined, "/signin?next=/x"]) {
      assert.equal(safeNext(next), "/", String(next));
    }
    assert.equal(governancePaths.signIn("//evil.example"), "/signin");
    assert.equal(governancePaths.signIn("/"), "/signin");
  });

  it("puts audit and approval filters in the query string, leaving empty ones out", () => {
    assert.equal(governancePaths.audit({ resource: "models:/churn", actor: "" }), "/audit?resource=models%3A%2Fchurn");
    assert.equal(governancePaths.audit(), "/audit");
    assert.equal(governancePaths.approvals({ status: "any", model: "churn" }), "/approvals?status=any&model=churn");
  });
});
