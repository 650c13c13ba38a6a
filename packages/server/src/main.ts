import { createArtifactStore } from "@cairn/artifacts";
import { openStore } from "@cairn/store";
import { createServer } from "./create-server.js";
import { startWebhookDispatcher } from "./webhook-dispatcher.js";

export interface ServerConfig {
  host: string;
  port: number;
  backendStoreUri: string;
  artifactsDestination: string;
  logLevel?: string;
  logRequests?: boolean;
}

/** The composition root: opens the stores from config, builds the app and starts listening. */
export async function startServer(config: ServerConfig): Promise<{ url: string; close(): Promise<void> }> {
  const artifacts = await createArtifactStore(config.artifactsDestination, process.env);
  const store = await openStore(config.backendStoreUri, { artifactRoot: "mlflow-artifacts:" });
  const app = await createServer({ store, artifacts, logger: { level: config.logLevel ?? "info" }, logRequests: config.logRequests, evaluateMonitors: true });
  try {
    await app.listen({ host: config.host, port: config.port });
  } catch (error) {
    await app.close();
    await store.close();
    throw error;
  }
  // After listen, so a server that failed to start sends nothing; each replica runs its own.
  const dispatcher = startWebhookDispatcher({ store, onError: (error) => app.log.error({ err: error }, "webhook dispatch failed") });
  // With port 0 the system picks the port: report the one actually bound.
  const address = app.server.address();
  const port = typeof address === "object" && address ? address.port : config.port;
  return {
    url: `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`,
    async close() {
      await dispatcher.stop();
      await app.close();
      await store.close();
    },
  };
}
