import { CairnError } from "@cairn/core";

/** Credentials for the transport: a bearer token, or HTTP Basic username and password. */
export type EnvCredentials = { token: string } | { username: string; password: string } | Record<string, never>;

/**
 * The credentials MLflow's client would take from the environment: CAIRN_TRACKING_TOKEN, else
 * MLFLOW_TRACKING_TOKEN (Bearer), else MLFLOW_TRACKING_USERNAME with MLFLOW_TRACKING_PASSWORD
 * (Basic); none when none is set.
 */
export function credentialsFromEnv(env: Record<string, string | undefined>): EnvCredentials {
  const token = env.CAIRN_TRACKING_TOKEN || env.MLFLOW_TRACKING_TOKEN;
  if (token) return { token };
  const username = env.MLFLOW_TRACKING_USERNAME;
  const password = env.MLFLOW_TRACKING_PASSWORD;
  if (!username && !password) return {};
  // MLflow silently drops half a pair; sending nothing would surface later as a puzzling 401.
  if (!username || !password) {
    const missing = username ? "MLFLOW_TRACKING_PASSWORD" : "MLFLOW_TRACKING_USERNAME";
    throw new CairnError("INVALID_PARAMETER_VALUE", `${missing} is not set while ${username ? "MLFLOW_TRACKING_USERNAME" : "MLFLOW_TRACKING_PASSWORD"} is: set both for HTTP Basic authentication, or neither.`);
  }
  return { username, password };
}

/** True when options already say how to authenticate, so the environment is not consulted. */
export function hasExplicitCredentials(options: { token?: string; username?: string; password?: string }): boolean {
  return options.token !== undefined || options.username !== undefined || options.password !== undefined;
}
