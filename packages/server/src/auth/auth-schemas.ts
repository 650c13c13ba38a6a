import { Type } from "@sinclair/typebox";

// Request schemas of the auth endpoints (/api/2.0/cairn/auth|users|groups|tokens|permissions/...).
// Enumerations (levels, resource and principal types) are checked by the handlers, whose
// messages list the allowed values.

const Str = () => Type.String();
const Opt = Type.Optional;
// Long enough for any passphrase, short enough that hashing one is never a denial of service.
const Password = () => Type.String({ maxLength: 1024 });

/** POST auth/login. */
export const Login = Type.Object({ username: Str(), password: Password() });
/** POST auth/logout, GET auth/whoami, GET users/list, GET groups/list. */
export const Empty = Type.Object({});
/** POST users/create. */
export const CreateUser = Type.Object({ username: Str(), password: Password(), is_admin: Opt(Type.Boolean()) });
/** GET users/get. */
export const Username = Type.Object({ username: Str() });
/** POST users/update. */
export const UpdateUser = Type.Object({
  username: Str(),
  password: Opt(Password()),
  current_password: Opt(Password()),
  disabled: Opt(Type.Boolean()),
  is_admin: Opt(Type.Boolean()),
});
/** POST groups/create. */
export const CreateGroup = Type.Object({ name: Str(), description: Opt(Str()) });
/** GET groups/get, POST groups/delete. */
export const GroupName = Type.Object({ name: Str() });
/** POST groups/add-member and groups/remove-member. */
export const GroupMember = Type.Object({ name: Str(), username: Str() });
/** POST tokens/create. */
export const CreateToken = Type.Object({
  name: Str(),
  read_only: Opt(Type.Boolean()),
  expires_in_days: Opt(Type.Integer({ minimum: 1, maximum: 3650 })),
  username: Opt(Str()),
});
/** GET tokens/list. */
export const ListTokens = Type.Object({ username: Opt(Str()) });
/** POST tokens/revoke. */
export const RevokeToken = Type.Object({ token_id: Str() });
/** POST permissions/delete. */
export const PermissionRef = Type.Object({ resource_type: Str(), resource_id: Str(), principal_type: Str(), principal: Str() });
/** POST permissions/set. */
export const SetPermission = Type.Object({ resource_type: Str(), resource_id: Str(), principal_type: Str(), principal: Str(), level: Str() });
/** GET permissions/list: by resource, or by principal. */
export const ListPermissions = Type.Object({ resource_type: Opt(Str()), resource_id: Opt(Str()), principal_type: Opt(Str()), principal: Opt(Str()) });
