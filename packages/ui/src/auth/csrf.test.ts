import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { readCsrfToken } from "./csrf";

describe("the CSRF token from the cookies", () => {
  it("finds cairn_csrf among other cookies and decodes it", () => {
    assert.equal(readCsrfToken("theme=dark; cairn_csrf=abc_DEF-123; other=1"), "abc_DEF-123");
    assert.equal(readCsrfToken("cairn_csrf=a%3Db"), "a=b");
  });

  it("is undefined without the cookie, and not fooled by a cookie whose name only ends like it", () => {
    assert.equal(readCsrfToken(""), undefined);
    assert.equal(readCsrfToken("x_cairn_csrf=nope; cairn_csrfx=nope"), undefined);
  });
});
