import type { FastifyInstance } from "fastify";
import type { Static } from "@sinclair/typebox";
import { wire } from "@cairn/core";
import { actorName } from "../auth/principal.js";
import { buildModelCard, type ModelCardDeps } from "../governance/model-card.js";
import { modelCardHtml } from "../governance/model-card-html.js";
import { addRoute } from "../route.js";

const read = { resource: "registered_model", level: "read" } as const;
const edit = { resource: "registered_model", level: "edit" } as const;

// The HTML card runs nothing and loads nothing: a policy that allows only its inline styles keeps
// it inert even if a value ever slipped past escaping.
const HTML_SECURITY = {
  "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
};

/** Cairn's model cards (/api/2.0/cairn/model-cards/...): the assembled card as JSON or HTML, and its written fields. */
export function modelCardRoutes(app: FastifyInstance, deps: ModelCardDeps): void {
  addRoute(app, {
    method: "GET",
    url: "/model-cards/get",
    summary: "A model version's card: written fields, lineage, signature, deployments, monitors and approvals",
    input: wire.ModelCardRef,
    permission: read,
    handler: async (input) => ({ card: await buildModelCard(deps, input.name, input.version) }),
  });

  addRoute(app, {
    method: "POST",
    url: "/model-cards/update",
    summary: "Write a card's intended use, limitations, ethical considerations or owners (only the fields given change)",
    input: wire.UpdateModelCard,
    permission: edit,
    handler: async (input, _params, request) => {
      const { name, version, ...patch } = input;
      await deps.store.setModelCardFields(name, version, patch, actorName(request.principal));
      return { card: await buildModelCard(deps, name, version) };
    },
  });

  app.get(
    "/model-cards/html",
    { schema: { summary: "A model version's card as one self-contained HTML page", querystring: wire.ModelCardRef }, config: { permission: read } },
    async (request, reply) => {
      const input = request.query as Static<typeof wire.ModelCardRef>;
      const card = await buildModelCard(deps, input.name, input.version);
      return reply.type("text/html; charset=utf-8").headers(HTML_SECURITY).send(modelCardHtml(card));
    },
  );
}
