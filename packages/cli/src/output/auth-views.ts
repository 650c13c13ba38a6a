import type { ApiToken, PermissionGrant, User, UserGroup } from "@cairn/core";
import { formatTime } from "./format.js";
import { renderTable } from "./table.js";

/** A user in words: "alice (admin)", "bob (disabled)". */
export function userLabel(user: Pick<User, "username" | "is_admin" | "disabled">): string {
  const notes = [user.is_admin ? "admin" : "", user.disabled ? "disabled" : ""].filter(Boolean);
  return notes.length === 0 ? user.username : `${user.username} (${notes.join(", ")})`;
}

/** Users as a table: name, admin, status, groups, creation time. */
export function userTable(users: readonly User[]): string {
  return renderTable(
    ["USERNAME", "ADMIN", "STATUS", "GROUPS", "CREATED"],
    users.map((u) => [u.username, u.is_admin ? "yes" : "no", u.disabled ? "disabled" : "active", u.groups.join(",") || "-", formatTime(u.creation_timestamp)]),
  );
}

/** Groups as a table: name, members, description, creation time. */
export function groupTable(groups: readonly UserGroup[]): string {
  return renderTable(
    ["NAME", "MEMBERS", "DESCRIPTION", "CREATED"],
    groups.map((g) => [g.name, g.members.join(",") || "-", g.description || "-", formatTime(g.creation_timestamp)]),
  );
}

/** Whether a token still works at `now`: revoked, expired or active. */
export function tokenStatus(token: ApiToken, now: number): "revoked" | "expired" | "active" {
  if (token.revoked_at !== undefined) return "revoked";
  if (token.expires_at !== undefined && token.expires_at <= now) return "expired";
  return "active";
}

/** Tokens as a table (never their secrets, which the server does not keep). */
export function tokenTable(tokens: readonly ApiToken[], now: number): string {
  return renderTable(
    ["TOKEN ID", "NAME", "USER", "ACCESS", "STATUS", "EXPIRES", "LAST USED", "CREATED"],
    tokens.map((t) => [
      t.token_id,
      t.name,
      t.username,
      t.read_only ? "read-only" : "read-write",
      tokenStatus(t, now),
      t.expires_at === undefined ? "never" : formatTime(t.expires_at),
      formatTime(t.last_used_at),
      formatTime(t.creation_timestamp),
    ]),
  );
}

/** Grants as a table; `byResource` lists one principal's grants, so the resource column leads. */
export function permissionTable(grants: readonly PermissionGrant[], byResource = false): string {
  if (!byResource) {
    return renderTable(["TYPE", "PRINCIPAL", "LEVEL", "GRANTED BY", "CREATED"], grants.map((g) => [g.principal_type, g.principal, g.level, g.granted_by, formatTime(g.creation_timestamp)]));
  }
  return renderTable(
    ["RESOURCE", "LEVEL", "GRANTED BY", "CREATED"],
    grants.map((g) => [resourceUri(g.resource_type, g.resource_id), g.level, g.granted_by, formatTime(g.creation_timestamp)]),
  );
}

const URI_SCHEME: Record<PermissionGrant["resource_type"], string> = {
  experiment: "experiments",
  registered_model: "models",
  deployment: "deployments",
  monitor: "monitors",
};

/** A governed resource as the audit log names it: experiments:/3, models:/churn, deployments:/x, monitors:/x. */
export function resourceUri(type: PermissionGrant["resource_type"], id: string): string {
  return `${URI_SCHEME[type]}:/${id}`;
}
