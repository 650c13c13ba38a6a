import { CairnError, type AuthStore, type User } from "@cairn/core";
import { validateNewPassword } from "./caller.js";
import { hashPassword } from "./password-hash.js";

/** The environment variables that name the first administrator. */
export const ADMIN_USERNAME_ENV = "CAIRN_ADMIN_USERNAME";
export const ADMIN_PASSWORD_ENV = "CAIRN_ADMIN_PASSWORD";

/**
 * On a store with no users yet, creates the first administrator from the given credentials;
 * returns it (undefined when users already exist: then the credentials are not used). With no
 * users and no credentials, authentication would lock everyone out, so this refuses.
 */
export async function ensureFirstAdmin(store: AuthStore, admin: { username?: string; password?: string }): Promise<User | undefined> {
  if ((await store.countUsers()) > 0) return undefined;
  if (!admin.username || !admin.password) {
    throw new CairnError(
      "INVALID_STATE",
      `Authentication is on but there are no users yet, so no one could sign in. Set ${ADMIN_USERNAME_ENV} and ${ADMIN_PASSWORD_ENV} for this first start: Cairn creates that administrator (then remove ${ADMIN_PASSWORD_ENV} from the environment).`,
    );
  }
  validateNewPassword(admin.password);
  return store.createUser({ username: admin.username, password_hash: await hashPassword(admin.password), is_admin: true });
}
