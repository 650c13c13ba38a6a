import { CairnError, type GovernedResource, type PermissionLevel } from "@cairn/core";
import type { CredentialFailure } from "./credential-verifier.js";

/** The challenge on every 401 from the authentication hook (the MLflow client and curl answer it with Basic). */
export const WWW_AUTHENTICATE = 'Basic realm="cairn"';

/** No credentials on a request that needs them. */
export function authenticationRequired(): CairnError {
  return new CairnError(
    "UNAUTHENTICATED",
    "Authentication required. Send a token (Authorization: Bearer <token>; for the MLflow client set MLFLOW_TRACKING_TOKEN) " +
      "or a username and password (HTTP Basic; MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD), or sign in at /.",
  );
}

/** Credentials that do not authenticate; the reason is told only where the caller proved they hold the real secret. */
export function credentialsRefused(reason: CredentialFailure | "password" | "malformed", via: "basic" | "token" | "session"): CairnError {
  const next = via === "session" ? "Sign in again." : "Create a new token with `cairn tokens create` (or sign in with `cairn login`).";
  const message = {
    password: "Wrong username or password (or the account is disabled). Check MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD, or ask an administrator.",
    malformed: "The Authorization header is not understood: send `Authorization: Bearer <token>` or `Authorization: Basic <base64 of username:password>`.",
    invalid: via === "session" ? "Your session is not valid (it may have ended). Sign in again." : `The token is not valid. ${next}`,
    revoked: via === "session" ? "Your session has ended. Sign in again." : `The token has been revoked. ${next}`,
    expired: via === "session" ? "Your session has expired. Sign in again." : `The token has expired. ${next}`,
    disabled: "Your account is disabled. Ask an administrator to enable it.",
  }[reason];
  return new CairnError("UNAUTHENTICATED", message);
}

/** Too many failed sign-ins for this username or from this address. */
export function tooManyFailures(retryAfterSeconds: number): CairnError {
  return new CairnError(
    "REQUEST_LIMIT_EXCEEDED",
    `Too many failed sign-in attempts for this user or from this address. Wait ${retryAfterSeconds} seconds (see Retry-After), then try again with the right password.`,
  );
}

/** A cookie-signed-in change without the CSRF header. */
export function csrfRefused(): CairnError {
  return new CairnError(
    "PERMISSION_DENIED",
    "Missing or wrong x-cairn-csrf header: requests signed in with the session cookie must send the csrf_token from sign-in (also in the cairn_csrf cookie) in the x-cairn-csrf header.",
  );
}

/** A browser request from a page of another site that is not an allowed CORS origin. */
export function crossSiteRefused(origin: string): CairnError {
  return new CairnError(
    "PERMISSION_DENIED",
    `Requests from pages of ${origin} may not change anything here. If that site should use this API from a browser, start the server with --cors-origin ${origin}.`,
  );
}

/** A read-only token on a route that changes something. */
export function readOnlyRefused(method: string, url: string): CairnError {
  return new CairnError(
    "PERMISSION_DENIED",
    `This token is read-only: it may only call endpoints that read, not ${method} ${url}. Use a token without --read-only (cairn tokens create --name ...) to change things.`,
  );
}

/** A route for administrators only. */
export function adminOnly(method: string, url: string): CairnError {
  return new CairnError("PERMISSION_DENIED", `Only administrators may call ${method} ${url}. Ask an administrator to do it, or to make you one (cairn users update ...).`);
}

const NOUNS: Record<GovernedResource, string> = { experiment: "experiment", registered_model: "registered model", deployment: "deployment", monitor: "monitor" };
const URI_SCHEMES: Record<GovernedResource, string> = { experiment: "experiments", registered_model: "models", deployment: "deployments", monitor: "monitors" };

/** "experiment '3'", "registered model 'churn'". */
export function describeResource(type: GovernedResource, id: string): string {
  return `${NOUNS[type]} '${id}'`;
}

/** The resource as `cairn permissions grant` names it: experiments:/3, models:/churn, ... */
export function resourceUri(type: GovernedResource, id: string): string {
  return `${URI_SCHEMES[type]}:/${id}`;
}

/**
 * The caller may not read what they referred to (or it does not exist): the same words either
 * way, naming only what the caller sent, so the answer never confirms that it exists.
 */
export function notReadable(asked: string): CairnError {
  return new CairnError("PERMISSION_DENIED", `You may not read ${asked}, or it does not exist. Ask someone with MANAGE on it to grant you access (cairn permissions grant ...).`);
}

/** The caller can read the resource but needs more: say which level is needed and which they have. */
export function levelTooLow(input: { type: GovernedResource; id: string; need: PermissionLevel; have: PermissionLevel; username: string; action: string }): CairnError {
  const what = describeResource(input.type, input.id);
  return new CairnError(
    "PERMISSION_DENIED",
    `You need ${input.need} on ${what} to ${input.action}; you have ${input.have}. ` +
      `Ask someone with MANAGE on it to grant it (cairn permissions grant ${resourceUri(input.type, input.id)} --user ${input.username} --level ${input.need}).`,
  );
}
