import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLocalArtifactStore } from "@cairn/artifacts";
import { bodyOf, readAll } from "./bodies.js";
import { expectCode } from "./expect-code.js";

describe("local artifact store", () => {
  let base = "";
  let count = 0;
  before(() => {
    base = mkdtempSync(join(tmpdir(), "cairn-local-"));
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  /** A root with, beside it, an outside directory holding secret.txt, and links from the root to it. */
  function rootWithLinksOut() {
    const dir = join(base, `case-${count++}`);
    const root = join(dir, "root");
    const outside = join(dir, "outside");
    mkdirSync(root, { recursive: true });
    mkdirSync(outside);
    writeFileSync(join(outside, "secret.txt"), "secret");
    symlinkSync(outside, join(root, "out-dir"));
    symlinkSync(join(outside, "secret.txt"), join(root, "out-file"));
    mkdirSync(join(root, "run"));
    symlinkSync("../../outside", join(root, "run", "up"));
    const outsideTree = () => readdirSync(outside, { recursive: true }).map(String).sort();
    return { root, outside, outsideTree, store: createLocalArtifactStore(root) };
  }

  it("refuses to read, write, list or delete through a link leading out of the root", async () => {
    const { outside, outsideTree, store } = rootWithLinksOut();
    const before = outsideTree();
    for (const path of ["out-file", "out-dir/secret.txt", "run/up/secret.txt"]) {
      await expectCode(store.get(path), "INVALID_PARAMETER_VALUE", /outside the artifact root/);
    }
    // Also for paths that do not exist out there: "not found" would tell what does.
    await expectCode(store.get("out-dir/no-such-file"), "INVALID_PARAMETER_VALUE", /outside the artifact root/);
    for (const path of ["out-dir", "run/up", "out-dir/no-such-dir"]) await expectCode(store.list(path), "INVALID_PARAMETER_VALUE", /outside the artifact root/);
    for (const path of ["out-file", "out-dir/secret.txt", "out-dir/new.txt", "out-dir/new/deep/file.txt", "run/up/new.txt"]) {
      await expectCode(store.put(path, bodyOf("pwned")), "INVALID_PARAMETER_VALUE", /outside the artifact root/);
    }
    for (const path of ["out-file", "out-dir", "out-dir/secret.txt", "run/up", "out-dir/no/such/thing"]) {
      await expectCode(store.delete(path), "INVALID_PARAMETER_VALUE", /outside the artifact root/);
    }
    await expectCode(store.createMultipartUpload("out-dir/big.bin", 1), "INVALID_PARAMETER_VALUE", /outside the artifact root/);
    assert.deepEqual(outsideTree(), before, "nothing outside the root was created or removed");
    assert.equal(readFileSync(join(outside, "secret.txt"), "utf8"), "secret");
  });

  it("leaves links out of the root out of listings, and deleting a tree never follows them", async () => {
    const { root, outsideTree, store } = rootWithLinksOut();
    const before = outsideTree();
    await store.put("run/file.txt", bodyOf("f"));
    assert.deepEqual(await store.list(""), [{ path: "run", is_dir: true }]);
    assert.deepEqual(await store.list("run"), [{ path: "file.txt", is_dir: false, file_size: 1 }]);
    await store.delete("run"); // holds the link run/up: rm removes the link, not what it points at
    assert.equal(existsSync(join(root, "run")), false);
    assert.deepEqual(outsideTree(), before);
  });

  it("follows links that stay inside the root, and deletes the link rather than its target", async () => {
    const root = join(base, `case-${count++}`);
    const store = createLocalArtifactStore(root);
    await store.put("data/real.txt", bodyOf("real"));
    symlinkSync("data/real.txt", join(root, "alias.txt"));
    symlinkSync("data", join(root, "alias-dir"));
    assert.equal((await readAll((await store.get("alias.txt")).body)).toString(), "real");
    assert.deepEqual(await store.list("alias-dir"), [{ path: "real.txt", is_dir: false, file_size: 4 }]);
    assert.deepEqual(await store.list(""), [
      { path: "alias-dir", is_dir: true },
      { path: "alias.txt", is_dir: false, file_size: 4 },
      { path: "data", is_dir: true },
    ]);
    await store.delete("alias-dir");
    await store.delete("alias.txt");
    assert.deepEqual(await store.list("data"), [{ path: "real.txt", is_dir: false, file_size: 4 }]);
  });

  it("keeps multipart staging and half-written files out of listings and out of reach", async () => {
    const root = join(base, `case-${count++}`);
    const store = createLocalArtifactStore(root);
    const { upload_id } = await store.createMultipartUpload("model.bin", 2);
    await store.uploadPart("model.bin", upload_id, 1, bodyOf("part"));
    assert.ok(existsSync(join(root, ".cairn-multipart", upload_id)), "parts wait in the staging directory");
    writeFileSync(join(root, ".cairn-tmp-0b8a2f4e-1c3d-4e5f-8a9b-0c1d2e3f4a5b"), "half");
    assert.deepEqual(await store.list(""), []);
    await expectCode(store.list(".cairn-multipart"), "INVALID_PARAMETER_VALUE", /reserved/);
    await expectCode(store.get(`.cairn-multipart/${upload_id}/part-1`), "INVALID_PARAMETER_VALUE", /reserved/);
    await expectCode(store.put(".cairn-multipart/x", bodyOf("x")), "INVALID_PARAMETER_VALUE", /reserved/);
    await expectCode(store.delete(".cairn-multipart"), "INVALID_PARAMETER_VALUE", /reserved/);
    await store.abortMultipartUpload("model.bin", upload_id);
    assert.equal(existsSync(join(root, ".cairn-multipart", upload_id)), false);
  });

  it("removes an upload's parts once it completes", async () => {
    const root = join(base, `case-${count++}`);
    const store = createLocalArtifactStore(root);
    const { upload_id } = await store.createMultipartUpload("model.bin", 1);
    const etag = await store.uploadPart("model.bin", upload_id, 1, bodyOf("whole"));
    await store.completeMultipartUpload("model.bin", upload_id, [{ part_number: 1, etag }]);
    assert.deepEqual(readdirSync(join(root, ".cairn-multipart")), []);
    assert.equal(readFileSync(join(root, "model.bin"), "utf8"), "whole");
  });

  it("removes uploads abandoned for over 7 days when the next one starts, and keeps recent ones", async () => {
    const root = join(base, `case-${count++}`);
    const store = createLocalArtifactStore(root);
    const staging = join(root, ".cairn-multipart");
    const abandoned = await store.createMultipartUpload("old.bin", 2);
    await store.uploadPart("old.bin", abandoned.upload_id, 1, bodyOf("half"));
    const recent = await store.createMultipartUpload("recent.bin", 1);
    const eightDaysAgo = new Date(Date.now() - 8 * 24 * 60 * 60 * 1000);
    utimesSync(join(staging, abandoned.upload_id), eightDaysAgo, eightDaysAgo);

    const next = await store.createMultipartUpload("next.bin", 1);
    assert.deepEqual(readdirSync(staging).sort(), [next.upload_id, recent.upload_id].sort());
    await expectCode(store.uploadPart("old.bin", abandoned.upload_id, 2, bodyOf("rest")), "RESOURCE_DOES_NOT_EXIST", /never started/);
    const etag = await store.uploadPart("recent.bin", recent.upload_id, 1, bodyOf("kept"));
    await store.completeMultipartUpload("recent.bin", recent.upload_id, [{ part_number: 1, etag }]);
    assert.equal(readFileSync(join(root, "recent.bin"), "utf8"), "kept");
  });

  it("refuses a file where a directory is, and a directory where a file is", async () => {
    const store = createLocalArtifactStore(join(base, `case-${count++}`));
    await store.put("dir/file.txt", bodyOf("x"));
    await expectCode(store.put("dir", bodyOf("x")), "INVALID_PARAMETER_VALUE", /directory/);
    await expectCode(store.put("dir/file.txt/child", bodyOf("x")), "INVALID_PARAMETER_VALUE", /file and a directory/);
    await expectCode(store.createMultipartUpload("dir", 1), "INVALID_PARAMETER_VALUE", /directory/);
    assert.deepEqual(await store.list("dir"), [{ path: "file.txt", is_dir: false, file_size: 1 }]);
  });

  it("creates its root on first use", async () => {
    const root = join(base, `case-${count++}`, "not", "yet");
    const store = createLocalArtifactStore(root);
    assert.equal(existsSync(root), false, "no work before the first call");
    assert.deepEqual(await store.list(""), []);
    await store.put("a.txt", bodyOf("a"));
    assert.equal(readFileSync(join(root, "a.txt"), "utf8"), "a");
  });
});
