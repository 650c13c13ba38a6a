import { join } from "node:path";
import { startEphemeralServer, type EphemeralServer } from "@cairn/server/testing";

/** A real Cairn server with authentication on (over a throwaway SQLite file) and its first admin. */
export interface AuthServer extends EphemeralServer {
  admin: { username: string; password: string };
  /** A directory to use as CAIRN_CONFIG_DIR; inside dataDir, so close() removes it. */
  configDir: string;
}

/** Starts Cairn on loopback with auth on and an admin created as `cairn server --auth` creates it. */
export async function startAuthServer(): Promise<AuthServer> {
  const admin = { username: "admin", password: "admin-password-1" };
  const server = await startEphemeralServer({ auth: {}, bootstrapAdmin: admin });
  return { ...server, admin, configDir: join(server.dataDir, "config") };
}
