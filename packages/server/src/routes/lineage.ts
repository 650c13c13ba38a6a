import type { FastifyInstance } from "fastify";
import { Type } from "@sinclair/typebox";
import { invalidParameter, modelLineage, type CairnStore } from "@cairn/core";
import { addRoute } from "../route.js";

const LineageQuery = Type.Object({ name: Type.String({ minLength: 1 }), version: Type.Optional(Type.String()), alias: Type.Optional(Type.String()) });

/** Cairn's lineage endpoint: a model version with everything it came from, in one call. */
export function lineageRoutes(app: FastifyInstance, store: CairnStore): void {
  addRoute(app, {
    method: "GET",
    url: "/lineage",
    summary: "Lineage of a model version: logged model, source run (params, metrics, code checkpoint), datasets, experiment",
    input: LineageQuery,
    permission: { resource: "registered_model", level: "read" },
    handler: async (input) => {
      if ((input.version === undefined) === (input.alias === undefined)) {
        throw invalidParameter("Give exactly one of 'version' (e.g. version=3) or 'alias' (e.g. alias=champion) with 'name'.");
      }
      return modelLineage(store, input.name, { version: input.version, alias: input.alias });
    },
  });
}
