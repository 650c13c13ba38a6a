import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { S3Client } from "@aws-sdk/client-s3";
import S3rver from "s3rver";

/** The bucket every test S3 server starts with. */
export const TEST_BUCKET = "cairn-test";

/** A real S3 peer (s3rver) on loopback, with a client for it. */
export interface TestS3 {
  endpoint: string;
  client: S3Client;
  /** Another client for the same server; the caller destroys it. */
  newClient(options?: { maxAttempts?: number }): S3Client;
  stop(): Promise<void>;
}

/** Starts s3rver on 127.0.0.1 on a free port, storing its objects in a temp directory. */
export async function startS3rver(): Promise<TestS3> {
  const directory = mkdtempSync(join(tmpdir(), "cairn-s3rver-"));
  const server = new S3rver({ port: 0, address: "127.0.0.1", silent: true, directory, configureBuckets: [{ name: TEST_BUCKET }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const newClient = (options: { maxAttempts?: number } = {}) =>
    new S3Client({
      endpoint,
      forcePathStyle: true,
      region: "us-east-1",
      credentials: { accessKeyId: "S3RVER", secretAccessKey: "S3RVER" },
      ...options,
    });
  const client = newClient();
  return {
    endpoint,
    client,
    newClient,
    async stop() {
      client.destroy();
      await server.close();
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
