import { after, describe, it } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { createServer as createNetServer, type AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runCli } from "@cairn/cli";
import { cairnAt } from "./helpers/cli-harness.js";

/** A port that was free a moment ago (the server command prints the port it was given, so 0 will not do). */
async function freePort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

describe("cairn server", () => {
  const dir = mkdtempSync(join(tmpdir(), "cairn-cli-server-"));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it("serves the tracking API at the printed URL until shut down, then closes cleanly", async () => {
    const port = await freePort();
    const shutdown = new AbortController();
    let stdout = "";
    let stderr = "";
    let announced: () => void = () => {};
    const listening = new Promise<void>((resolve) => (announced = resolve));
    const exit = runCli(
      ["server", "--port", String(port), "--backend-store-uri", `sqlite:///${join(dir, "cairn.db")}`, "--artifacts-destination", join(dir, "artifacts"), "--log-level", "silent"],
      {
        stdout: {
          write: (s: string) => {
            stdout += s;
            if (stdout.includes("Press Ctrl+C")) announced();
          },
        },
        stderr: { write: (s: string) => (stderr += s) },
        env: {},
        shutdownSignal: shutdown.signal,
      },
    );
    await Promise.race([listening, exit.then((code) => assert.fail(`server exited early with ${code}: ${stderr}`))]);
    const url = `http://127.0.0.1:${port}`;
    assert.match(stdout, new RegExp(`^Cairn server listening on ${url}\n`));
    const cairn = cairnAt(url);
    const created = await cairn("experiments", "create", "served");
    assert.equal(created.code, 0, created.stderr);
    assert.equal((await cairn("experiments", "get", "served", "--json")).code, 0);
    assert.ok(existsSync(join(dir, "cairn.db")));

    shutdown.abort();
    assert.equal(await exit, 0, stderr);
    assert.match(stdout, /Stopped\.\n$/);
    const after = await cairn("experiments", "list");
    assert.notEqual(after.code, 0, "the port is closed after shutdown");
  });

  it("refuses a bad port as a usage error", async () => {
    let stderr = "";
    const code = await runCli(["server", "--port", "70000"], { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, env: {} });
    assert.equal(code, 2);
    assert.match(stderr, /port number/);
  });
});
