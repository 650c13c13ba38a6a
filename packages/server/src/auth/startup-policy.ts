import { CairnError } from "@cairn/core";
import { isLoopbackHost } from "./loopback.js";

/** What decides whether `cairn server` may start as configured. */
export interface StartupSecurity {
  host: string;
  port: number;
  auth?: boolean;
  insecurePublic?: boolean;
  defaultPermission?: string;
  corsOrigins?: readonly string[];
}

/**
 * Refuses configurations that would expose an unauthenticated server (a non-loopback host
 * without --auth, unless --insecure-public) or that ask for auth settings without auth; returns
 * the warning to print when the server runs without authentication.
 */
export function checkStartupSecurity(config: StartupSecurity): { warning?: string } {
  if (!config.auth) {
    if (config.defaultPermission !== undefined) throw new CairnError("INVALID_PARAMETER_VALUE", "--default-permission applies only with --auth: add --auth, or leave the option out.");
    if (config.corsOrigins && config.corsOrigins.length > 0) throw new CairnError("INVALID_PARAMETER_VALUE", "--cors-origin applies only with --auth: add --auth, or leave the option out.");
    if (!isLoopbackHost(config.host) && !config.insecurePublic) {
      throw new CairnError(
        "INVALID_PARAMETER_VALUE",
        `Refusing to listen on ${config.host} without authentication: anyone who can reach it could read and change everything. ` +
          "Add --auth (and set CAIRN_ADMIN_USERNAME / CAIRN_ADMIN_PASSWORD on the first start), or pass --insecure-public if the network itself is trusted.",
      );
    }
    const where = config.insecurePublic && !isLoopbackHost(config.host) ? "from the network" : "on this machine";
    return { warning: `warning: authentication is off: anyone who can reach ${config.host}:${config.port} ${where} can read and change everything. Start with --auth to require sign-in.` };
  }
  return {};
}
