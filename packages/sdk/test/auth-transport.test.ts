import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createServer as createHttpServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { CairnError } from "@cairn/core";
import { createClient } from "@cairn/sdk";
import { createNodeClient, credentialsFromEnv } from "@cairn/sdk/node";

// A loopback server that records the headers of every request: what the transport sends is the
// thing under test here (an auth-enabled Cairn server is exercised in auth-api.test.ts).

const experiment = { experiment_id: "1", name: "e", artifact_location: "x", lifecycle_stage: "active", creation_time: 1, last_update_time: 1 };

describe("transport credentials and headers", () => {
  const servers: Server[] = [];
  const seen: IncomingHttpHeaders[] = [];
  let url = "";
  const start = async () => {
    const server = createHttpServer((req, res) => {
      seen.push(req.headers);
      req.resume();
      req.on("end", () => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ experiment })));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    servers.push(server);
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  };
  after(() => Promise.all(servers.map((s) => new Promise((resolve) => (s.close(resolve), s.closeAllConnections())))));
  const lastAuthorization = () => seen.at(-1)?.authorization;
  const decodeBasic = (header: string | undefined) => Buffer.from(header!.replace(/^Basic /, ""), "base64").toString("utf8");

  it("sends a bearer token, or Basic base64(user:pass) with UTF-8 intact, or nothing", async () => {
    await start();
    await createClient({ trackingUri: url, token: "cairn_t1_secret" }).experiments.get({ experiment_id: "1" });
    assert.equal(lastAuthorization(), "Bearer cairn_t1_secret");
    await createClient({ trackingUri: url, username: "zoë", password: "pä:ss wörd" }).experiments.get({ experiment_id: "1" });
    assert.match(lastAuthorization()!, /^Basic [A-Za-z0-9+/]+=*$/);
    assert.equal(decodeBasic(lastAuthorization()), "zoë:pä:ss wörd");
    // An empty password is still a password (servers decide whether they accept it).
    await createClient({ trackingUri: url, username: "u", password: "" }).experiments.get({ experiment_id: "1" });
    assert.equal(decodeBasic(lastAuthorization()), "u:");
    await createClient({ trackingUri: url }).experiments.get({ experiment_id: "1" });
    assert.equal(lastAuthorization(), undefined);
  });

  it("refuses a token together with Basic credentials, half a Basic pair, and a ':' in the username", () => {
    const bad: [object, RegExp][] = [
      [{ token: "t", username: "u", password: "p" }, /either a token or a username and password, not both/],
      [{ username: "u" }, /needs both a username and a password/],
      [{ password: "p" }, /needs both a username and a password/],
      [{ username: "", password: "p" }, /needs both a username and a password/],
      [{ username: "a:b", password: "p" }, /contains ':'/],
    ];
    for (const [options, message] of bad) {
      assert.throws(
        () => createClient({ trackingUri: "http://127.0.0.1:1", ...options }),
        (error: unknown) => error instanceof CairnError && error.code === "INVALID_PARAMETER_VALUE" && message.test(error.message),
        JSON.stringify(options),
      );
    }
  });

  it("calls a headers function on every request and lets credentials win over its authorization", async () => {
    await start();
    let n = 0;
    const client = createClient({ trackingUri: url, token: "tok", headers: () => ({ "x-cairn-csrf": `c${++n}`, authorization: "Bearer sneaky" }) });
    await client.experiments.get({ experiment_id: "1" });
    await client.experiments.create({ name: "x" });
    await client.experiments.get({ experiment_id: "1" });
    const csrf = seen.slice(-3).map((h) => h["x-cairn-csrf"]);
    assert.deepEqual(csrf, ["c1", "c2", "c3"]);
    assert.ok(seen.slice(-3).every((h) => h.authorization === "Bearer tok"));
    await createClient({ trackingUri: url, headers: { "x-extra": "fixed" } }).experiments.get({ experiment_id: "1" });
    assert.equal(seen.at(-1)!["x-extra"], "fixed");
    assert.equal(seen.at(-1)!.accept, "application/json");
  });

  it("credentialsFromEnv: CAIRN token, else MLflow token, else MLflow username/password, else none", () => {
    assert.deepEqual(credentialsFromEnv({ CAIRN_TRACKING_TOKEN: "a", MLFLOW_TRACKING_TOKEN: "b", MLFLOW_TRACKING_USERNAME: "u", MLFLOW_TRACKING_PASSWORD: "p" }), { token: "a" });
    assert.deepEqual(credentialsFromEnv({ MLFLOW_TRACKING_TOKEN: "b", MLFLOW_TRACKING_USERNAME: "u", MLFLOW_TRACKING_PASSWORD: "p" }), { token: "b" });
    assert.deepEqual(credentialsFromEnv({ CAIRN_TRACKING_TOKEN: "", MLFLOW_TRACKING_USERNAME: "u", MLFLOW_TRACKING_PASSWORD: "p" }), { username: "u", password: "p" });
    assert.deepEqual(credentialsFromEnv({}), {});
    assert.throws(() => credentialsFromEnv({ MLFLOW_TRACKING_USERNAME: "u" }), /MLFLOW_TRACKING_PASSWORD is not set while MLFLOW_TRACKING_USERNAME is/);
    assert.throws(() => credentialsFromEnv({ MLFLOW_TRACKING_PASSWORD: "p" }), /MLFLOW_TRACKING_USERNAME is not set while MLFLOW_TRACKING_PASSWORD is/);
  });

  it("createNodeClient takes credentials from its env unless the options give some", async () => {
    await start();
    const node = (options: object, env: Record<string, string>) => createNodeClient({ trackingUri: url, captureSource: false, handleCrashes: false, env, ...options });
    await node({}, { MLFLOW_TRACKING_TOKEN: "from-env" }).experiments.get({ experiment_id: "1" });
    assert.equal(lastAuthorization(), "Bearer from-env");
    await node({}, { MLFLOW_TRACKING_USERNAME: "u", MLFLOW_TRACKING_PASSWORD: "p" }).experiments.get({ experiment_id: "1" });
    assert.equal(decodeBasic(lastAuthorization()), "u:p");
    // Explicit options win, whichever kind they are.
    await node({ token: "explicit" }, { MLFLOW_TRACKING_USERNAME: "u", MLFLOW_TRACKING_PASSWORD: "p" }).experiments.get({ experiment_id: "1" });
    assert.equal(lastAuthorization(), "Bearer explicit");
    await node({ username: "me", password: "pw" }, { CAIRN_TRACKING_TOKEN: "env-token" }).experiments.get({ experiment_id: "1" });
    assert.equal(decodeBasic(lastAuthorization()), "me:pw");
    // A key present but undefined is no choice: the environment still applies.
    await node({ token: undefined }, { CAIRN_TRACKING_TOKEN: "env-token" }).experiments.get({ experiment_id: "1" });
    assert.equal(lastAuthorization(), "Bearer env-token");
    assert.throws(() => node({}, { MLFLOW_TRACKING_USERNAME: "u" }), /MLFLOW_TRACKING_PASSWORD is not set/);
  });
});
