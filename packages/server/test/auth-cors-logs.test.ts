import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { Writable } from "node:stream";
import { basic, startAuthTestServer } from "./auth-harness.js";

const MLFLOW = "/api/2.0/mlflow";
const CAIRN = "/api/2.0/cairn";
const preflight = (origin: string) => ({ origin, "access-control-request-method": "POST", "access-control-request-headers": "authorization, content-type" });
const corsHeaders = (headers: Record<string, unknown>) => Object.keys(headers).filter((h) => h.startsWith("access-control-"));

describe("CORS", () => {
  it("is closed by default: no Access-Control headers, and preflights find nothing", async () => {
    const s = await startAuthTestServer();
    try {
      const root = basic({ username: "root", password: "root-password" });
      const pre = await s.call("OPTIONS", `${MLFLOW}/experiments/search`, { headers: preflight("https://dash.example.com") });
      assert.equal(pre.status, 404);
      assert.deepEqual(corsHeaders(pre.headers), []);
      const get = await s.call("GET", `${MLFLOW}/experiments/search`, { as: root, headers: { origin: "https://dash.example.com" } });
      assert.equal(get.status, 200);
      assert.deepEqual(corsHeaders(get.headers), []);
      // A cross-site page may not change anything, even where the browser attaches credentials it holds.
      const post = await s.call("POST", `${MLFLOW}/experiments/create`, { as: root, body: { name: "from-evil" }, headers: { origin: "https://evil.example" } });
      assert.equal(post.status, 403);
      assert.match(post.json.message, /--cors-origin https:\/\/evil.example/);
      assert.equal((await s.call("GET", `${MLFLOW}/experiments/get-by-name?experiment_name=from-evil`, { as: root })).status, 404);
      const sameSite = await s.call("POST", `${MLFLOW}/experiments/create`, { as: root, body: { name: "from-ui" }, headers: { origin: "http://ml.example.com:5000", host: "ml.example.com:5000" } });
      assert.equal(sameSite.status, 200, "the server's own pages may");
    } finally {
      await s.close();
    }
  });

  it("answers preflights and adds headers only for configured origins", async () => {
    const s = await startAuthTestServer({ corsOrigins: ["https://dash.example.com/"] });
    try {
      const root = basic({ username: "root", password: "root-password" });
      const pre = await s.call("OPTIONS", `${MLFLOW}/experiments/create`, { headers: preflight("https://dash.example.com") });
      assert.equal(pre.status, 204);
      assert.equal(pre.headers["access-control-allow-origin"], "https://dash.example.com");
      assert.match(String(pre.headers["access-control-allow-headers"]), /authorization/);
      assert.match(String(pre.headers["access-control-allow-methods"]), /POST/);
      assert.equal(pre.headers["access-control-allow-credentials"], undefined, "cookies never go cross-site (SameSite=Strict)");
      const created = await s.call("POST", `${MLFLOW}/experiments/create`, { as: root, body: { name: "from-dash" }, headers: { origin: "https://dash.example.com" } });
      assert.equal(created.status, 200);
      assert.equal(created.headers["access-control-allow-origin"], "https://dash.example.com");

      const other = await s.call("OPTIONS", `${MLFLOW}/experiments/create`, { headers: preflight("https://evil.example") });
      assert.equal(other.status, 403);
      assert.deepEqual(corsHeaders(other.headers), []);
      const otherGet = await s.call("GET", `${MLFLOW}/experiments/search`, { as: root, headers: { origin: "https://evil.example" } });
      assert.deepEqual(corsHeaders(otherGet.headers), []);
    } finally {
      await s.close();
    }
  });
});

describe("secrets in logs", () => {
  it("never writes passwords, tokens, sessions or CSRF tokens to the log, even through a serializer that logs headers", async () => {
    let log = "";
    const stream = new Writable({
      write(chunk, _encoding, done) {
        log += String(chunk);
        done();
      },
    });
    const s = await startAuthTestServer({
      logRequests: true,
      // A deployment's own serializer that logs every header: redaction must still hold.
      logger: { level: "trace", stream, serializers: { req: (req: { method: string; url: string; headers: unknown }) => ({ method: req.method, url: req.url, headers: req.headers }) } } as never,
    });
    try {
      const password = "correct-horse-battery-staple";
      const created = await s.call("POST", `${CAIRN}/users/create`, { as: basic({ username: "root", password: "root-password" }), body: { username: "logged", password } });
      assert.equal(created.status, 200, created.text);
      const login = await s.call("POST", `${CAIRN}/auth/login`, { body: { username: "logged", password } });
      const session = /cairn_session=([^;]+)/.exec(String(login.headers["set-cookie"]))![1]!;
      const csrf = login.json.csrf_token as string;
      const token = await s.call("POST", `${CAIRN}/tokens/create`, { as: { session, csrf }, body: { name: "ci" } });
      assert.equal(token.status, 200, token.text);
      const secret = token.json.secret as string;
      await s.call("GET", `${MLFLOW}/experiments/search`, { as: { bearer: secret } });
      await s.call("GET", `${MLFLOW}/experiments/search`, { as: { basic: ["logged", password] } });
      await s.call("GET", `${MLFLOW}/experiments/search`, { as: { basic: ["logged", "a-wrong-guess-123"] } });
      await s.call("POST", `${CAIRN}/auth/login`, { body: { username: "logged", password: "another-wrong-guess" } });
      // A failing request logs at error level with the request: still nothing secret.
      await s.call("GET", `${MLFLOW}/no-such`, { as: { bearer: secret } });

      assert.match(log, /experiments\/search/, "the requests were logged");
      assert.match(log, /\[redacted\]/, "the header serializer ran and was redacted");
      const basicHeader = Buffer.from(`logged:${password}`).toString("base64");
      for (const leaked of [password, "a-wrong-guess-123", "another-wrong-guess", secret, secret.split("_").pop()!, session, session.split("_").pop()!, csrf, basicHeader, "root-password"]) {
        assert.equal(log.includes(leaked), false, `the log holds a secret (${leaked.slice(0, 6)}...)`);
      }
    } finally {
      await s.close();
    }
  });
});
