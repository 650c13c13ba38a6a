import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

// A stand-in build (an index.html and one hashed asset): what is tested is how the server
// serves a build, not the UI itself, which the browser tests in packages/ui cover.
describe("web UI serving", () => {
  let server: EphemeralServer;
  let uiDir = "";
  before(async () => {
    uiDir = mkdtempSync(join(tmpdir(), "cairn-ui-"));
    mkdirSync(join(uiDir, "assets"));
    writeFileSync(join(uiDir, "index.html"), "<!doctype html><title>Cairn</title><div id=root></div>");
    writeFileSync(join(uiDir, "assets", "index-abc123.js"), "console.log('cairn')");
    server = await startEphemeralServer({ uiDir, listen: false });
  });
  after(async () => {
    await server.close();
    rmSync(uiDir, { recursive: true, force: true });
  });

  const get = (url: string, accept = "text/html") => server.app.inject({ method: "GET", url, headers: { accept } });

  it("serves the app at / and at every deep link a browser asks for", async () => {
    for (const url of ["/", "/experiments", "/experiments/3/runs/abc?tab=artifacts", "/models/churn%20model/versions/2"]) {
      const answer = await get(url);
      assert.equal(answer.statusCode, 200, url);
      assert.match(answer.headers["content-type"] as string, /text\/html/, url);
      assert.match(answer.body, /<div id=root>/, url);
      assert.equal(answer.headers["cache-control"], "no-cache", url);
    }
  });

  it("serves hashed assets with long-lived caching", async () => {
    const answer = await get("/assets/index-abc123.js", "*/*");
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.body, "console.log('cairn')");
    assert.match(answer.headers["cache-control"] as string, /immutable/);
    assert.equal((await get("/assets/missing.js", "*/*")).statusCode, 404);
  });

  it("keeps the API's JSON 404 for API paths and for clients that do not ask for a page", async () => {
    for (const [url, accept] of [["/api/2.0/mlflow/nowhere", "text/html"], ["/ajax-api/2.0/mlflow/nowhere", "text/html"], ["/experiments", "application/json"]] as const) {
      const answer = await get(url, accept);
      assert.equal(answer.statusCode, 404, url);
      assert.equal(JSON.parse(answer.body).error_code, "ENDPOINT_NOT_FOUND", url);
    }
    const post = await server.app.inject({ method: "POST", url: "/experiments", headers: { accept: "text/html" }, payload: {} });
    assert.equal(post.statusCode, 404);
  });

  it("tells a browser how to build the UI when none is built, and keeps the API as it is", async () => {
    const bare = await startEphemeralServer({ uiDir: join(uiDir, "missing"), listen: false });
    try {
      const page = await bare.app.inject({ method: "GET", url: "/", headers: { accept: "text/html" } });
      assert.equal(page.statusCode, 404);
      assert.match(page.body, /not built.*npm run build:ui/);
      const api = await bare.app.inject({ method: "GET", url: "/", headers: { accept: "application/json" } });
      assert.equal(JSON.parse(api.body).error_code, "ENDPOINT_NOT_FOUND");
    } finally {
      await bare.close();
    }
  });
});
