import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KeyValue } from "@cairn/core";
import { captureSourceTags, createNodeClient, MAX_DIFF_CHARS, SOURCE_TAGS, truncateDiff } from "@cairn/sdk/node";
import { startEphemeralServer as startTestServer, type EphemeralServer as TestServer } from "@cairn/server/testing";

const asRecord = (tags: KeyValue[] | undefined) => Object.fromEntries((tags ?? []).map((t) => [t.key, t.value]));

/** A real repository with one commit on branch "main" and an origin remote. */
function makeRepo(): string {
  const dir = mkdtempSync(join(tmpdir(), "cairn-git-"));
  const git = (...args: string[]) => execFileSync("git", args, { cwd: dir, encoding: "utf8" }).trim();
  git("init", "-q", "-b", "main");
  git("config", "user.email", "test@example.com");
  git("config", "user.name", "Test");
  git("config", "commit.gpgsign", "false");
  git("remote", "add", "origin", "https://example.com/acme/churn.git");
  writeFileSync(join(dir, "train.py"), "print('v1')\n");
  git("add", ".");
  git("commit", "-q", "-m", "first");
  return dir;
}

describe("code checkpoint (git capture)", () => {
  let server: TestServer;
  let repo: string;
  let outside: string;
  let head: string;
  before(async () => {
    server = await startTestServer();
    repo = makeRepo();
    outside = mkdtempSync(join(tmpdir(), "cairn-nogit-"));
    head = execFileSync("git", ["rev-parse", "HEAD"], { cwd: repo, encoding: "utf8" }).trim();
  });
  after(async () => {
    await server.close();
    rmSync(repo, { recursive: true, force: true });
    rmSync(outside, { recursive: true, force: true });
  });

  it("records commit, branch, origin and a clean tree on the run", async () => {
    const client = createNodeClient({ trackingUri: server.url, cwd: repo, entryPoint: join(repo, "train.py"), user: "ada", handleCrashes: false });
    const run = await client.startRun({ experiment: "git" });
    await run.end();
    const { run: stored } = await client.runs.get({ run_id: run.runId });
    const tags = asRecord(stored.data.tags);
    assert.equal(tags[SOURCE_TAGS.commit], head);
    assert.equal(tags[SOURCE_TAGS.branch], "main");
    assert.equal(tags[SOURCE_TAGS.repoUrl], "https://example.com/acme/churn.git");
    assert.equal(tags[SOURCE_TAGS.name], join(repo, "train.py"));
    assert.equal(tags[SOURCE_TAGS.type], "LOCAL");
    assert.equal(tags[SOURCE_TAGS.user], "ada");
    assert.equal(tags[SOURCE_TAGS.dirty], "false");
    assert.equal(tags[SOURCE_TAGS.diff], undefined);
    assert.equal(stored.info.user_id, "ada");
  });

  it("records a dirty tree with its diff against HEAD", async () => {
    writeFileSync(join(repo, "train.py"), "print('v2')\n");
    const tags = asRecord(await captureSourceTags({ cwd: repo, entryPoint: "train.py", user: "ada" }));
    assert.equal(tags[SOURCE_TAGS.dirty], "true");
    assert.match(tags[SOURCE_TAGS.diff]!, /-print\('v1'\)\n\+print\('v2'\)/);
    assert.equal(tags[SOURCE_TAGS.commit], head);
  });

  it("truncates a large diff to 8000 characters with a marker", async () => {
    writeFileSync(join(repo, "train.py"), Array.from({ length: 2000 }, (_, i) => `line ${i}`).join("\n"));
    const tags = asRecord(await captureSourceTags({ cwd: repo, user: "ada" }));
    const diff = tags[SOURCE_TAGS.diff]!;
    assert.equal(diff.length, MAX_DIFF_CHARS);
    assert.match(diff, /\[cairn: diff truncated, \d+ of \d+ characters kept\]$/);
    assert.equal(truncateDiff("short"), "short");
  });

  it("records only source name, type and user outside a git repository", async () => {
    const tags = asRecord(await captureSourceTags({ cwd: outside, entryPoint: "/x/train.ts", user: "ada" }));
    assert.deepEqual(tags, { [SOURCE_TAGS.name]: "/x/train.ts", [SOURCE_TAGS.type]: "LOCAL", [SOURCE_TAGS.user]: "ada" });
  });
});
