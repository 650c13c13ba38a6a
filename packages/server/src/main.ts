import { createArtifactStore } from "@cairn/artifacts";
import { openStore } from "@cairn/store";
import type { PermissionLevel } from "@cairn/core";
import { createServer } from "./create-server.js";
import { ADMIN_PASSWORD_ENV, ADMIN_USERNAME_ENV, ensureFirstAdmin } from "./auth/first-admin.js";
import { checkStartupSecurity } from "./auth/startup-policy.js";
import { startWebhookDispatcher } from "./webhook-dispatcher.js";

export interface ServerConfig {
  host: string;
  port: number;
  backendStoreUri: string;
  artifactsDestination: string;
  logLevel?: string;
  logRequests?: boolean;
  /** Require sign-in and enforce permissions (docs/security.md). */
  auth?: boolean;
  /** Without auth, allow a non-loopback host anyway (a trusted network). */
  insecurePublic?: boolean;
  /** With auth: the level everyone signed in has without a grant (READ by default). */
  defaultPermission?: PermissionLevel;
  /** With auth: web origins allowed to call the API from a browser. */
  corsOrigins?: string[];
  /** With auth: the session cookie's Secure attribute (auto by default). */
  cookieSecure?: "auto" | "always" | "never";
  /** Where CAIRN_ADMIN_USERNAME / CAIRN_ADMIN_PASSWORD are read on the first start (process.env by default). */
  env?: Record<string, string | undefined>;
}

/** A started server: its URL, what start-up has to say (the no-auth warning, the first admin created), and how to stop it. */
export interface StartedServer {
  url: string;
  notices: string[];
  close(): Promise<void>;
}

/** The composition root: opens the stores from config, builds the app and starts listening. */
export async function startServer(config: ServerConfig): Promise<StartedServer> {
  // Decided before anything is opened or bound.
  const { warning } = checkStartupSecurity(config);
  const notices = warning ? [warning] : [];
  const artifacts = await createArtifactStore(config.artifactsDestination, process.env);
  const store = await openStore(config.backendStoreUri, { artifactRoot: "mlflow-artifacts:" });
  const env = config.env ?? process.env;
  const auth = config.auth
    ? { ...(config.defaultPermission ? { defaultPermission: config.defaultPermission } : {}), corsOrigins: config.corsOrigins ?? [], ...(config.cookieSecure ? { cookieSecure: config.cookieSecure } : {}) }
    : undefined;
  let app: Awaited<ReturnType<typeof createServer>>;
  try {
    if (auth) {
      const admin = await ensureFirstAdmin(store, { username: env[ADMIN_USERNAME_ENV], password: env[ADMIN_PASSWORD_ENV] });
      if (admin) notices.push(`Created the first administrator '${admin.username}' from ${ADMIN_USERNAME_ENV} and ${ADMIN_PASSWORD_ENV}.`);
    }
    app = await createServer({ store, artifacts, logger: { level: config.logLevel ?? "info" }, logRequests: config.logRequests, evaluateMonitors: true, runRetirement: true, ...(auth ? { auth } : {}) });
  } catch (error) {
    await store.close();
    throw error;
  }
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
    notices,
    async close() {
      await dispatcher.stop();
      await app.close();
      await store.close();
    },
  };
}
