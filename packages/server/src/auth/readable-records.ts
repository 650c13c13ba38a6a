import type { FastifyRequest } from "fastify";
import { readableIds } from "./read-scope.js";

/**
 * The inference records the caller may read: those of readable deployments, and those served
 * outside any deployment whose registered model is readable. (inference-logs/search filters
 * its page with this, so a page may hold fewer records than max_results; its token still leads on.)
 */
export async function readableRecords<R extends { deployment?: string | null; model_name: string }>(request: FastifyRequest, records: readonly R[]): Promise<R[]> {
  const deployments = new Set(await readableIds(request, "deployment", [...new Set(records.flatMap((r) => (r.deployment ? [r.deployment] : [])))]));
  const models = new Set(await readableIds(request, "registered_model", [...new Set(records.flatMap((r) => (r.deployment ? [] : [r.model_name])))]));
  return records.filter((r) => (r.deployment ? deployments.has(r.deployment) : models.has(r.model_name)));
}
