// The governance pages' URLs (paths.ts holds the other pages'); routes.tsx matches both.
const e = encodeURIComponent;

/** Only a path on this site may be a sign-in's destination, never another origin (`//evil`, `https:`). */
export function safeNext(next: string | null | undefined): string {
  if (!next || !next.startsWith("/") || next.startsWith("//") || next.startsWith("/\\") || next.startsWith("/signin")) return "/";
  return next;
}

/** URL builders for sign-in, admin, audit and approvals. */
export const governancePaths = {
  signIn: (next?: string) => (next && safeNext(next) !== "/" ? `/signin?next=${e(next)}` : "/signin"),
  adminUsers: () => "/admin/users",
  adminGroups: () => "/admin/groups",
  tokens: () => "/admin/tokens",
  audit: (filter: { resource?: string; actor?: string; action?: string } = {}) => {
    const q = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value) q.set(key, value);
    const query = q.toString();
    return query ? `/audit?${query}` : "/audit";
  },
  approvals: (filter: { status?: string; model?: string } = {}) => {
    const q = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value) q.set(key, value);
    const query = q.toString();
    return query ? `/approvals?${query}` : "/approvals";
  },
};
