import { Readable } from "node:stream";
import type { FastifyInstance } from "fastify";
import { Type, type Static } from "@sinclair/typebox";
import { AUDIT_MAX_RESULTS, type AuditStore } from "@cairn/core";
import { addRoute } from "../route.js";

const admin = { resource: "server", level: "manage" } as const;

const Range = {
  since_ms: Type.Optional(Type.Integer({ description: "entries at or after this time (ms since the epoch)" })),
  until_ms: Type.Optional(Type.Integer({ description: "entries before this time (exclusive)" })),
};
const ListAudit = Type.Object({
  resource: Type.Optional(Type.String({ description: "a resource URI; matches it and everything under it (models:/churn matches models:/churn/7)" })),
  actor: Type.Optional(Type.String()),
  action: Type.Optional(Type.String({ description: 'exact action, e.g. "POST /api/2.0/mlflow/registered-models/alias"' })),
  ...Range,
  max_results: Type.Optional(Type.Integer({ minimum: 1, maximum: AUDIT_MAX_RESULTS })),
  page_token: Type.Optional(Type.String()),
});
const ExportAudit = Type.Object(Range);

/** Cairn's audit log endpoints (/api/2.0/cairn/audit/...): list, verify and export; admins only. */
export function auditRoutes(app: FastifyInstance, store: AuditStore): void {
  addRoute(app, {
    method: "GET",
    url: "/audit/list",
    summary: "Audit entries, newest first, filtered by resource (and what lies under it), actor, action and time",
    input: ListAudit,
    permission: admin,
    handler: async (input) => store.listAudit(input),
  });

  addRoute(app, {
    method: "GET",
    url: "/audit/verify",
    summary: "Walk the audit log's hash chain and report modified, missing and unlinked entries and a head mismatch",
    input: Type.Object({}),
    permission: admin,
    handler: async () => store.verifyAudit(),
  });

  // Not addRoute: the answer is a stream of lines, not one JSON document.
  app.route<{ Querystring: Static<typeof ExportAudit> }>({
    method: "GET",
    url: "/audit/export",
    schema: { summary: "The audit log as NDJSON, one entry per line, oldest first", querystring: ExportAudit },
    config: { permission: admin },
    handler: async (request, reply) => {
      const range = request.query;
      // The first slice is read before answering, so a bad range still gets an error envelope.
      const first = await store.scanAudit(range);
      async function* lines(): AsyncGenerator<string> {
        let page = first;
        for (;;) {
          if (page.entries.length > 0) yield `${page.entries.map((e) => JSON.stringify(e)).join("\n")}\n`;
          if (page.next_after_seq === undefined) return;
          page = await store.scanAudit({ ...range, after_seq: page.next_after_seq });
        }
      }
      return reply.type("application/x-ndjson; charset=utf-8").send(Readable.from(lines()));
    },
  });
}
