import { invalidParameter, notFound, type CairnError } from "@cairn/core";

const NAME = /^[A-Za-z0-9._@-]{1,64}$/;

/** Checks a username or group name against the one rule both follow (they appear in URIs and CLI arguments). */
export function validateAuthName(kind: "username" | "group name", value: unknown): string {
  if (typeof value !== "string" || value === "") {
    throw invalidParameter(`Missing value for required parameter '${kind === "username" ? "username" : "name"}': give the ${kind}.`);
  }
  if (!NAME.test(value)) {
    throw invalidParameter(`Invalid ${kind} '${value}': use 1 to 64 characters, each a letter, a digit, '.', '_', '@' or '-'.`);
  }
  return value;
}

/** The message for an unknown username. */
export function userNotFound(username: string): CairnError {
  return notFound(`User '${username}' does not exist. List users with \`cairn users list\`.`);
}

/** The message for an unknown user id (a credential's owner deleted meanwhile, say). */
export function userIdNotFound(userId: string): CairnError {
  return notFound(`User with id '${userId}' does not exist (it may have been deleted). List users with \`cairn users list\`.`);
}

/** The message for an unknown group name. */
export function groupNotFound(name: string): CairnError {
  return notFound(`Group '${name}' does not exist. List groups with \`cairn groups list\`.`);
}
