import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { CairnError } from "@cairn/core";
import { credentialsFromEnv } from "@cairn/sdk/node";

/** What `cairn login` keeps per tracking URI: the token's secret and what to show about it. */
export interface StoredCredential {
  token: string;
  token_id: string;
  username: string;
  /** The token's name on the server. */
  name: string;
  expires_at?: number;
  created_at: number;
}

/** The credentials file: one entry per tracking URI. */
interface CredentialsFile {
  servers: Record<string, StoredCredential>;
}

/** How the CLI authenticates, and where that came from (for `cairn whoami` and messages). */
export interface CliCredentials {
  credentials: { token: string } | { username: string; password: string } | Record<string, never>;
  source: string;
}

/** $CAIRN_CONFIG_DIR, else ~/.config/cairn; undefined when neither it nor HOME is known. */
export function configDir(env: Record<string, string | undefined>): string | undefined {
  if (env.CAIRN_CONFIG_DIR) return env.CAIRN_CONFIG_DIR;
  const home = env.HOME || env.USERPROFILE;
  return home ? join(home, ".config", "cairn") : undefined;
}

/** The credentials file's path; INVALID_STATE when there is no directory to keep it in. */
export function credentialsPath(env: Record<string, string | undefined>): string {
  const dir = configDir(env);
  if (!dir) throw new CairnError("INVALID_STATE", "Cannot tell where to keep credentials: set CAIRN_CONFIG_DIR (or HOME).");
  return join(dir, "credentials.json");
}

/** The key of a tracking URI in the file: as the client sends requests to it, without trailing slashes. */
function keyOf(trackingUri: string): string {
  return trackingUri.replace(/\/+$/, "");
}

function readFile(path: string): CredentialsFile {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return { servers: {} }; // never signed in: nothing stored
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CairnError("INVALID_STATE", `The credentials file ${path} is not valid JSON: fix it, or delete it and sign in again with \`cairn login\`.`, { cause: error });
  }
  const servers = (parsed as { servers?: unknown } | null)?.servers;
  if (typeof servers !== "object" || servers === null || Array.isArray(servers)) {
    throw new CairnError("INVALID_STATE", `The credentials file ${path} has no "servers" object: delete it and sign in again with \`cairn login\`.`);
  }
  return { servers: servers as Record<string, StoredCredential> };
}

/** Writes the whole file readable by its owner only, replacing it atomically so a crash never leaves half a file. */
function writeFile(path: string, dir: string, file: CredentialsFile): void {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${JSON.stringify(file, null, 2)}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600); // mode above applies only when the file is new
  renameSync(temp, path);
}

/** The credential stored for a tracking URI, if any. */
export function storedCredential(trackingUri: string, env: Record<string, string | undefined>): StoredCredential | undefined {
  const dir = configDir(env);
  if (!dir) return undefined;
  return readFile(join(dir, "credentials.json")).servers[keyOf(trackingUri)];
}

/** Stores (or replaces) the credential of a tracking URI; returns the file's path. */
export function saveCredential(trackingUri: string, credential: StoredCredential, env: Record<string, string | undefined>): string {
  const path = credentialsPath(env);
  const file = readFile(path);
  file.servers[keyOf(trackingUri)] = credential;
  writeFile(path, configDir(env)!, file);
  return path;
}

/** Removes the credential of a tracking URI; false when none was stored. */
export function removeCredential(trackingUri: string, env: Record<string, string | undefined>): boolean {
  const path = credentialsPath(env);
  const file = readFile(path);
  const key = keyOf(trackingUri);
  if (!(key in file.servers)) return false;
  delete file.servers[key];
  writeFile(path, configDir(env)!, file);
  return true;
}

/**
 * The CLI's credentials for a tracking URI: a token from the environment first (an explicit
 * choice for this shell), else the one `cairn login` stored, else MLflow's username/password.
 */
export function resolveCliCredentials(trackingUri: string, env: Record<string, string | undefined>): CliCredentials {
  if (env.CAIRN_TRACKING_TOKEN) return { credentials: { token: env.CAIRN_TRACKING_TOKEN }, source: "CAIRN_TRACKING_TOKEN" };
  if (env.MLFLOW_TRACKING_TOKEN) return { credentials: { token: env.MLFLOW_TRACKING_TOKEN }, source: "MLFLOW_TRACKING_TOKEN" };
  const stored = storedCredential(trackingUri, env);
  if (stored) return { credentials: { token: stored.token }, source: `the token '${stored.name}' stored by \`cairn login\`` };
  // Checked only now: MLFLOW_TRACKING_USERNAME alone (a default for `cairn login`) must not break a stored token.
  const fromEnv = credentialsFromEnv(env);
  if ("username" in fromEnv) return { credentials: fromEnv, source: "MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD" };
  return { credentials: {}, source: "no credentials" };
}
