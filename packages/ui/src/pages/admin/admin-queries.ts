import { useQuery } from "@tanstack/react-query";
import { useRefreshingMutation } from "../../api/use-refreshing-mutation";
import { adminApi } from "./admin-api";

// One prefix for users, groups and tokens: a change to one (a user added to a group) refreshes all.
const ADMIN = "admin";

/** Every user, by name. */
export function useUsers() {
  return useQuery({ queryKey: [ADMIN, "users"], queryFn: async () => [...((await adminApi.listUsers()).users ?? [])].sort((a, b) => a.username.localeCompare(b.username)) });
}

/** Every group, by name. */
export function useGroups() {
  return useQuery({ queryKey: [ADMIN, "groups"], queryFn: async () => [...((await adminApi.listGroups()).groups ?? [])].sort((a, b) => a.name.localeCompare(b.name)) });
}

/** Tokens the caller may see ("" : own, or everyone's for an admin), newest first. */
export function useTokens(username: string) {
  return useQuery({
    queryKey: [ADMIN, "tokens", username],
    queryFn: async () => [...((await adminApi.listTokens(username || undefined)).tokens ?? [])].sort((a, b) => b.creation_timestamp - a.creation_timestamp),
  });
}

/** A change to users, groups or tokens that refreshes them all when it lands. */
export function useAdminMutation<I, O = unknown>(run: (input: I) => Promise<O>) {
  return useRefreshingMutation([ADMIN], run);
}
