import assert from "node:assert/strict";
import { isCairnError, type ErrorCode } from "@cairn/core";

/** Asserts that a promise rejects with a CairnError of this code whose message matches. */
export async function expectCode(promise: Promise<unknown>, code: ErrorCode, message?: RegExp): Promise<void> {
  await assert.rejects(promise, (error: unknown) => {
    assert.ok(isCairnError(error), `expected a CairnError, got ${String(error)}`);
    assert.equal(error.code, code, error.message);
    if (message) assert.match(error.message, message);
    return true;
  });
}
