// Starts a Cairn server for benchmarking, quiet but for warnings.
// usage: npx tsx bench/serve.ts <backend-store-uri> <port> [--auth]
// With --auth the first admin comes from CAIRN_ADMIN_USERNAME / CAIRN_ADMIN_PASSWORD.
import { startServer } from "@cairn/server";

const [uri, port] = [process.argv[2], Number(process.argv[3] ?? 5077)];
if (!uri) {
  console.error("usage: npx tsx bench/serve.ts sqlite:////tmp/bench.db 5077");
  process.exit(2);
}
const server = await startServer({ host: "127.0.0.1", port, backendStoreUri: uri, artifactsDestination: "/tmp/cairn-bench-artifacts", logLevel: "warn", auth: process.argv.includes("--auth") });
console.log(`cairn bench server on ${server.url} (${uri})`);
process.once("SIGTERM", () => void server.close().then(() => process.exit(0)));
process.once("SIGINT", () => void server.close().then(() => process.exit(0)));
