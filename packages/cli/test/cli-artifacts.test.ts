import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@cairn/sdk";
import { EXIT_CODES, EXIT_USAGE } from "@cairn/cli";
import { cairn as cairnRaw, cairnAt, tableRows, type CliResult } from "./helpers/cli-harness.js";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

describe("cairn artifacts", () => {
  let server: EphemeralServer;
  let cairn: (...argv: string[]) => Promise<CliResult>;
  let work: string;
  let runId: string;
  before(async () => {
    server = await startEphemeralServer();
    cairn = cairnAt(server.url);
    work = await mkdtemp(join(tmpdir(), "cairn-cli-artifacts-"));
    const run = await createClient({ trackingUri: server.url }).startRun({ experiment: "cli-artifacts", flushIntervalMs: 0 });
    runId = run.runId;
    await run.end();
    await mkdir(join(work, "model", "data"), { recursive: true });
    await writeFile(join(work, "model", "MLmodel"), "flavors: {}\n");
    await writeFile(join(work, "model", "data", "w.bin"), Buffer.alloc(2048, 7));
  });
  after(async () => {
    await server.close();
    await rm(work, { recursive: true, force: true });
  });

  it("upload sends a directory's files and says how much; --json gives the paths", async () => {
    const human = await cairn("artifacts", "upload", join(work, "model"), "--run", runId, "--artifact-path", "model");
    assert.equal(human.code, 0, human.stderr);
    assert.match(human.stdout, /^Uploaded 2 files \(2\.0 KB\) to mlflow-artifacts:.*\/artifacts\/model\.$/m);
    assert.equal(human.stderr, "", "no progress bar off a terminal unless --progress");
    const json = await cairn("artifacts", "upload", join(work, "model", "MLmodel"), "--run", runId, "--json");
    assert.deepEqual(JSON.parse(json.stdout), { files: ["MLmodel"], bytes: 12 });
  });

  it("upload --progress draws a bar on stderr, keeping stdout clean", async () => {
    const result = await cairn("artifacts", "upload", join(work, "model"), "--run", runId, "--artifact-path", "progress", "--progress", "--json");
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stderr, /upload \[.*\] 100% \| 2\.0 KB \/ 2\.0 KB/);
    assert.equal(JSON.parse(result.stdout).files.length, 2);
  });

  it("list prints a table or JSON", async () => {
    const human = await cairn("artifacts", "list", "--run", runId);
    assert.equal(human.code, 0, human.stderr);
    assert.deepEqual(tableRows(human.stdout), [["PATH", "TYPE", "SIZE"], ["MLmodel", "file", "12 B"], ["model/", "dir", "-"], ["progress/", "dir", "-"]]);
    const json = await cairn("artifacts", "list", "--run", runId, "--path", "model/data", "--json");
    assert.deepEqual(JSON.parse(json.stdout), [{ path: "model/data/w.bin", is_dir: false, file_size: 2048 }]);
    const empty = await cairn("artifacts", "list", "--run", runId, "--path", "nothing");
    assert.equal(empty.stdout, "No artifacts found.\n");
  });

  it("download writes a directory recursively", async () => {
    const dest = join(work, "out");
    const human = await cairn("artifacts", "download", "--run", runId, "--path", "model", "--dest", dest);
    assert.equal(human.code, 0, human.stderr);
    assert.equal(human.stdout, `Downloaded 2 files (2.0 KB) to ${dest}.\n`);
    assert.equal(await readFile(join(dest, "MLmodel"), "utf8"), "flavors: {}\n");
    assert.deepEqual(await readFile(join(dest, "data", "w.bin")), Buffer.alloc(2048, 7));
    const json = await cairn("artifacts", "download", "--run", runId, "--path", "MLmodel", "--dest", join(work, "one"), "--json");
    assert.deepEqual(JSON.parse(json.stdout), { files: [join(work, "one", "MLmodel")], bytes: 12 });
  });

  it("exits with RESOURCE_DOES_NOT_EXIST's code for a missing run or file, and 2 on usage errors", async () => {
    const noRun = await cairn("artifacts", "list", "--run", "0123456789abcdef0123456789abcdef");
    assert.equal(noRun.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    assert.match(noRun.stderr, /^error: /);
    const noFile = await cairn("artifacts", "download", "--run", runId, "--path", "missing.txt", "--dest", work);
    assert.equal(noFile.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    const noLocal = await cairn("artifacts", "upload", join(work, "nope"), "--run", runId);
    assert.equal(noLocal.code, EXIT_CODES.RESOURCE_DOES_NOT_EXIST);
    assert.match(noLocal.stderr, /No file or directory at/);
    const usage = await cairn("artifacts", "download", "--run", runId);
    assert.equal(usage.code, EXIT_USAGE);
    assert.match(usage.stderr, /--dest/);
    assert.equal((await cairn("artifacts", "upload", join(work, "model"))).code, EXIT_USAGE);
  });

  it("--help shows examples", async () => {
    const help = await cairnRaw(["artifacts", "upload", "--help"]);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /Examples:\n {2}\$ cairn artifacts upload/);
  });
});
