import { it } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { ERROR_STATUS } from "@cairn/core";
import { EXIT_CODES } from "@cairn/cli";

it("docs/errors.md lists every error code with its HTTP status and CLI exit status", () => {
  const doc = readFileSync(new URL("../docs/errors.md", import.meta.url), "utf8");
  for (const [code, status] of Object.entries(ERROR_STATUS)) {
    const row = doc.split("\n").find((line) => line.startsWith(`| \`${code}\` |`));
    assert.ok(row, `docs/errors.md has no row for ${code}`);
    const cells = row.split("|").map((c) => c.trim());
    assert.equal(cells[2], String(status), `${code}: HTTP status`);
    assert.equal(cells[4], String(EXIT_CODES[code as keyof typeof EXIT_CODES]), `${code}: CLI exit status`);
  }
});
