import { it } from "node:test";
import assert from "node:assert/strict";
import { resolveArtifactPath } from "./artifact-path.js";

it("normalizes relative artifact paths", () => {
  assert.equal(resolveArtifactPath(""), "");
  assert.equal(resolveArtifactPath("1/abc/artifacts/dir/hello.txt"), "1/abc/artifacts/dir/hello.txt");
  assert.equal(resolveArtifactPath("a//b/./c/"), "a/b/c");
  assert.equal(resolveArtifactPath("a/my%20file.txt"), "a/my file.txt");
  assert.equal(resolveArtifactPath("a/100%zz"), "a/100%zz");
});

it("refuses every way out of the root", () => {
  for (const bad of ["../etc/passwd", "a/../../b", "/etc/passwd", "%2e%2e/x", "%252e%252e/x", "a\\..\\..\\b", "C:/x", "a/\0b", "a/%e2%82"]) {
    assert.throws(() => resolveArtifactPath(bad), (e: Error & { code?: string }) => e.code === "INVALID_PARAMETER_VALUE", bad);
  }
});
