/** What a route handler may add to its request's audit entry. */
export interface AuditRefinement {
  /** Replaces the resource URI derived from the route and its input, e.g. `models:/churn/7`. */
  resource?: string;
  /** Merged over the summary derived from the input (secrets are still removed). */
  summary?: Record<string, unknown>;
}

declare module "fastify" {
  interface FastifyRequest {
    /** Set by handlers that know better than the route's input which resource they changed and how. */
    audit?: AuditRefinement;
  }
}
