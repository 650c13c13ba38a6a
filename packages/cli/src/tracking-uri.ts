/** Where the CLI looks for the server when nothing says otherwise (MLflow's default port). */
export const DEFAULT_TRACKING_URI = "http://127.0.0.1:5000";

/** --tracking-uri, else CAIRN_TRACKING_URI, else MLFLOW_TRACKING_URI, else the local default. */
export function resolveTrackingUri(flag: string | undefined, env: Record<string, string | undefined>): string {
  return flag || env.CAIRN_TRACKING_URI || env.MLFLOW_TRACKING_URI || DEFAULT_TRACKING_URI;
}
