import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { createServer } from "@cairn/server";
import { openStore } from "@cairn/store";

/** A real Cairn server on loopback over a throwaway SQLite file. */
export interface TestServer {
  url: string;
  close(): Promise<void>;
}

/** Starts Cairn in-process on 127.0.0.1 on a free port. */
export async function startTestServer(): Promise<TestServer> {
  const dir = mkdtempSync(join(tmpdir(), "cairn-cli-test-"));
  const store = await openStore(`sqlite:///${join(dir, "cairn.db")}`);
  const app = await createServer({ store });
  await app.listen({ host: "127.0.0.1", port: 0 });
  const { port } = app.server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    async close() {
      await app.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
