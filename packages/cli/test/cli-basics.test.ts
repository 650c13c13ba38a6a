import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { ERROR_STATUS, CairnError, type ErrorCode } from "@cairn/core";
import type { FetchLike } from "@cairn/sdk";
import { CLI_VERSION, EXIT_CODES, EXIT_USAGE, exitCodeFor, resolveTrackingUri } from "@cairn/cli";
import { cairn } from "./helpers/cli-harness.js";
import { startEphemeralServer as startTestServer, type EphemeralServer as TestServer } from "@cairn/server/testing";

describe("cairn: usage, help, exit codes and the tracking URI", () => {
  let server: TestServer;
  before(async () => {
    server = await startTestServer();
  });
  after(() => server.close());

  it("gives every error code its own non-zero exit status, apart from usage (2) and failure (1)", () => {
    const statuses = (Object.keys(ERROR_STATUS) as ErrorCode[]).map((code) => exitCodeFor(new CairnError(code, "x")));
    assert.equal(new Set(statuses).size, statuses.length);
    for (const status of statuses) assert.ok(status > 2 && status < 126, String(status));
    assert.equal(exitCodeFor(new Error("bug")), 1);
  });

  for (const argv of [[], ["nope"], ["runs", "list"], ["experiments", "list", "--view", "gone"], ["experiments", "list", "--max-results", "0"], ["experiments", "create"], ["experiments", "create", "x", "--tag", "novalue"], ["--bogus"]]) {
    it(`exits ${EXIT_USAGE} on a usage error: cairn ${argv.join(" ")}`, async () => {
      const result = await cairn(argv);
      assert.equal(result.code, EXIT_USAGE);
      assert.notEqual(result.stderr, "");
    });
  }

  const commands = [[], ["server"], ["experiments"], ["experiments", "list"], ["experiments", "create"], ["experiments", "get"], ["experiments", "delete"], ["experiments", "restore"], ["runs"], ["runs", "list"], ["runs", "get"], ["runs", "search"]];
  for (const command of commands) {
    it(`shows help with examples: cairn ${command.join(" ")} --help`, async () => {
      const result = await cairn([...command, "--help"]);
      assert.equal(result.code, 0);
      assert.match(result.stdout, /^Usage: cairn/);
      assert.match(result.stdout, /Examples:\n {2}\$ cairn /);
    });
  }

  it("prints its version", async () => {
    const result = await cairn(["--version"]);
    assert.deepEqual([result.code, result.stdout], [0, `${CLI_VERSION}\n`]);
  });

  it("resolves the tracking URI: flag, then CAIRN_TRACKING_URI, then MLFLOW_TRACKING_URI, then the default", () => {
    assert.equal(resolveTrackingUri("http://flag", { CAIRN_TRACKING_URI: "http://cairn", MLFLOW_TRACKING_URI: "http://mlflow" }), "http://flag");
    assert.equal(resolveTrackingUri(undefined, { CAIRN_TRACKING_URI: "http://cairn", MLFLOW_TRACKING_URI: "http://mlflow" }), "http://cairn");
    assert.equal(resolveTrackingUri(undefined, { MLFLOW_TRACKING_URI: "http://mlflow" }), "http://mlflow");
    assert.equal(resolveTrackingUri(undefined, {}), "http://127.0.0.1:5000");
  });

  it("sends commands where that precedence says", async () => {
    const seen: string[] = [];
    // Records every URL; only the test server is reachable, everything else fails as a dead host would.
    const recording: FetchLike = (url, init) => {
      seen.push(new URL(url).origin);
      return url.startsWith(server.url) ? fetch(url, init) : Promise.reject(new TypeError("fetch failed"));
    };
    const run = (argv: string[], env: Record<string, string>) => cairn(argv, { CAIRN_HTTP_REQUEST_MAX_RETRIES: "0", ...env }, { fetch: recording });
    const other = "http://127.0.0.1:9";
    assert.equal((await run(["--tracking-uri", server.url, "experiments", "list"], { CAIRN_TRACKING_URI: other, MLFLOW_TRACKING_URI: other })).code, 0);
    assert.equal((await run(["experiments", "list", "--tracking-uri", server.url], { CAIRN_TRACKING_URI: other })).code, 0, "the global option also works after the command");
    assert.equal((await run(["experiments", "list"], { CAIRN_TRACKING_URI: server.url, MLFLOW_TRACKING_URI: other })).code, 0);
    assert.equal((await run(["experiments", "list"], { MLFLOW_TRACKING_URI: server.url })).code, 0);
    const fallback = await run(["experiments", "list"], {});
    assert.equal(fallback.code, EXIT_CODES.TEMPORARILY_UNAVAILABLE);
    assert.deepEqual(seen, [server.url, server.url, server.url, server.url, "http://127.0.0.1:5000"]);
  });

  it("says the server is unreachable, with a hint, and exits with TEMPORARILY_UNAVAILABLE's code", async () => {
    const stopped = await startTestServer();
    await stopped.close();
    const result = await cairn(["runs", "get", "abc"], { CAIRN_TRACKING_URI: stopped.url, CAIRN_HTTP_REQUEST_MAX_RETRIES: "0" });
    assert.equal(result.code, EXIT_CODES.TEMPORARILY_UNAVAILABLE);
    assert.match(result.stderr, new RegExp(`^error: Could not reach the tracking server at ${stopped.url}`));
    assert.match(result.stderr, /\nhint: start a server with `cairn server`/);
  });

  it("reports a bad tracking URI or retry setting as INVALID_PARAMETER_VALUE, with a message", async () => {
    const badUri = await cairn(["experiments", "list"], { CAIRN_TRACKING_URI: "file:///tmp/mlruns" });
    assert.equal(badUri.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(badUri.stderr, /^error: Tracking URI 'file:\/\/\/tmp\/mlruns' must be an http/);
    const badRetries = await cairn(["experiments", "list"], { CAIRN_TRACKING_URI: server.url, CAIRN_HTTP_REQUEST_MAX_RETRIES: "many" });
    assert.equal(badRetries.code, EXIT_CODES.INVALID_PARAMETER_VALUE);
    assert.match(badRetries.stderr, /CAIRN_HTTP_REQUEST_MAX_RETRIES/);
  });

  it("runs as an executable through bin/cairn.js", async () => {
    const bin = fileURLToPath(new URL("../bin/cairn.js", import.meta.url));
    const result = await new Promise<{ code: number; stdout: string }>((resolve) => {
      execFile(process.execPath, [bin, "--tracking-uri", server.url, "experiments", "get", "0", "--json"], (error, stdout) =>
        resolve({ code: error ? Number((error as { code?: number }).code) : 0, stdout }),
      );
    });
    assert.equal(result.code, 0);
    assert.equal(JSON.parse(result.stdout).name, "Default");
  });
});
