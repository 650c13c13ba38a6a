import { after, before, describe, it } from "node:test";
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { readdirSync } from "node:fs";
import http from "node:http";
import { join } from "node:path";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

// The mlflow-artifacts proxy over real HTTP on loopback, on the local artifact store.
describe("artifact proxy", () => {
  let server: EphemeralServer;
  let base = "";
  const root = "1/0123456789abcdef0123456789abcdef/artifacts";
  before(async () => {
    server = await startEphemeralServer();
    base = `${server.url}/api/2.0/mlflow-artifacts`;
  });
  after(() => server.close());

  const put = (path: string, body: string | Uint8Array) => fetch(`${base}/artifacts/${path}`, { method: "PUT", body: typeof body === "string" ? body : Buffer.from(body) });
  const list = async (path: string) => (await fetch(`${base}/artifacts?path=${encodeURIComponent(path)}`)).json();

  it("uploads, lists (base names, {} for a missing dir), downloads and deletes like MLflow", async () => {
    assert.deepEqual(await (await put(`${root}/dir/hello.txt`, "hello")).json(), {});
    assert.equal((await put(`${root}/model/MLmodel`, "flavors: {}\n")).status, 200);
    assert.deepEqual(await list(root), { files: [{ path: "dir", is_dir: true }, { path: "model", is_dir: true }] });
    assert.deepEqual(await list(`${root}/dir`), { files: [{ path: "hello.txt", is_dir: false, file_size: 5 }] });
    assert.deepEqual(await list(`${root}/none`), {});

    const download = await fetch(`${base}/artifacts/${root}/dir/hello.txt`);
    assert.equal(download.status, 200);
    assert.equal(await download.text(), "hello");
    assert.equal(download.headers.get("content-length"), "5");
    assert.match(download.headers.get("content-type") ?? "", /^text\/plain/);
    assert.match(download.headers.get("content-disposition") ?? "", /attachment; filename="hello.txt"/);

    const missing = await fetch(`${base}/artifacts/${root}/dir/nope.txt`);
    assert.equal(missing.status, 404);
    assert.equal((await missing.json()).error_code, "RESOURCE_DOES_NOT_EXIST");

    assert.equal((await fetch(`${base}/artifacts/${root}/dir`, { method: "DELETE" })).status, 200);
    assert.deepEqual(await list(root), { files: [{ path: "model", is_dir: true }] });
    const mirrored = await fetch(`${server.url}/ajax-api/2.0/mlflow-artifacts/artifacts?path=${encodeURIComponent(root)}`);
    assert.deepEqual(await mirrored.json(), { files: [{ path: "model", is_dir: true }] });
  });

  it("downloads files with non-ASCII names", async () => {
    const name = "ünïcødé ✓.txt";
    assert.equal((await put(`${root}/unicode/${encodeURIComponent(name)}`, "ü")).status, 200);
    assert.deepEqual(await list(`${root}/unicode`), { files: [{ path: name, is_dir: false, file_size: 2 }] });
    const download = await fetch(`${base}/artifacts/${root}/unicode/${encodeURIComponent(name)}`);
    assert.equal(download.status, 200);
    assert.equal(await download.text(), "ü");
    assert.match(download.headers.get("content-disposition") ?? "", /filename="_n_c_d_ _\.txt"; filename\*=UTF-8''%C3%BCn%C3%AFc%C3%B8d%C3%A9%20%E2%9C%93\.txt/);
  });

  it("streams binary files byte for byte", async () => {
    const bytes = new Uint8Array(3 * 1024 * 1024).map((_, i) => (i * 7919) % 251);
    assert.equal((await put(`${root}/blob.bin`, bytes)).status, 200);
    const back = new Uint8Array(await (await fetch(`${base}/artifacts/${root}/blob.bin`)).arrayBuffer());
    assert.equal(createHash("sha256").update(back).digest("hex"), createHash("sha256").update(bytes).digest("hex"));
  });

  it("refuses paths that leave the root, writing nothing", async () => {
    // node:http sends the path verbatim; fetch would resolve dot segments before sending.
    const rawPut = (path: string) =>
      new Promise<{ status: number; body: string }>((resolve, reject) => {
        const request = http.request(`${base}/artifacts/x`, { method: "PUT", path: `/api/2.0/mlflow-artifacts/artifacts/${path}` }, (response) => {
          let body = "";
          response.on("data", (c) => (body += c));
          response.on("end", () => resolve({ status: response.statusCode ?? 0, body }));
        });
        request.on("error", reject);
        request.end("evil");
      });
    for (const path of ["../../evil.txt", "a/../../evil.txt", "..%2F..%2Fevil.txt", "%2e%2e/%2e%2e/evil.txt", "%252e%252e/evil.txt", "a%5C..%5C..%5Cevil.txt", "a/%00b"]) {
      const answer = await rawPut(path);
      assert.equal(answer.status, 400, `${path}: ${answer.body}`);
      assert.equal(JSON.parse(answer.body).error_code, "INVALID_PARAMETER_VALUE", path);
    }
    assert.equal((await list("../")).error_code, "INVALID_PARAMETER_VALUE");
    const outside = readdirSync(join(server.dataDir, ".."));
    assert.equal(outside.includes("evil.txt"), false);
    assert.deepEqual(readdirSync(server.dataDir).filter((name) => name.includes("evil")), []);
  });

  it("uploads in parts through the server (multipart on the local store)", async () => {
    const path = `${root}/big/data.bin`;
    const created = await (await fetch(`${base}/mpu/create/${path}`, { method: "POST", body: JSON.stringify({ path, num_parts: 3 }) })).json();
    assert.equal(created.credentials.length, 3);
    const chunks = ["part-one|", "part-two|", "part-three"];
    // Parts go out of order; the server assembles them by part number.
    const etags = new Map<number, string>();
    for (const i of [2, 0, 1]) {
      const response = await fetch(created.credentials[i].url, { method: "PUT", body: chunks[i] });
      assert.equal(response.status, 200);
      etags.set(i + 1, response.headers.get("etag") ?? "");
    }
    const parts = [...etags].map(([part_number, etag]) => ({ part_number, etag }));
    const complete = await fetch(`${base}/mpu/complete/${path}`, { method: "POST", body: JSON.stringify({ path, upload_id: created.upload_id, parts }) });
    assert.equal(complete.status, 200, await complete.clone().text());
    assert.equal(await (await fetch(`${base}/artifacts/${path}`)).text(), chunks.join(""));

    const bad = await fetch(`${base}/mpu/create/${path}`, { method: "POST", body: JSON.stringify({ num_parts: "many" }) });
    assert.equal(bad.status, 400);
    assert.match((await bad.json()).message, /num_parts/);
    const aborted = await (await fetch(`${base}/mpu/create/${path}.2`, { method: "POST", body: JSON.stringify({ num_parts: 1 }) })).json();
    assert.equal((await fetch(`${base}/mpu/abort/${path}.2`, { method: "POST", body: JSON.stringify({ upload_id: aborted.upload_id }) })).status, 200);
    assert.deepEqual(await list(`${root}/big`), { files: [{ path: "data.bin", is_dir: false, file_size: chunks.join("").length }] });
  });
});
