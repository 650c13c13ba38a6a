import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fastifyStatic from "@fastify/static";

/**
 * Where `npm run build:ui` (run by `npm install`) writes the web UI: this package's ui-dist/,
 * found through the package's name so that it is the same from the sources and from the
 * bundle the cairn command runs.
 */
export function defaultUiDir(): string {
  return join(dirname(createRequire(import.meta.url).resolve("@cairn/server/package.json")), "ui-dist");
}

// Paths that belong to the API, never to the single-page app's client-side routes.
const API_PATH = /^\/(api|ajax-api)\/|^\/(health|version)$/;

/**
 * Serves the built web UI at `/`: hashed assets with long caching, and index.html for every
 * other GET that asks for a page, so that deep links (/experiments/1/runs/abc) load the app
 * and the app's router takes over. Returns the not-found handler's first step: true when it
 * answered (with the app, or with how to build it), false to leave the API's JSON 404.
 */
export async function webUi(app: FastifyInstance, uiDir: string): Promise<(request: FastifyRequest, reply: FastifyReply) => boolean> {
  const asksForPage = (request: FastifyRequest) =>
    request.method === "GET" && !API_PATH.test(request.url.split("?")[0] ?? "/") && (request.headers.accept ?? "").includes("text/html");
  if (!existsSync(join(uiDir, "index.html"))) {
    const missing = `The web UI is not built (no ${join(uiDir, "index.html")}): run npm run build:ui (npm install runs it). The API works without it.`;
    app.log.warn(missing);
    return (request, reply) => {
      if (!asksForPage(request)) return false;
      void reply.status(404).type("text/plain; charset=utf-8").send(missing);
      return true;
    };
  }
  await app.register(fastifyStatic, {
    root: uiDir,
    prefix: "/",
    wildcard: false,
    index: false,
    setHeaders: (res, path) => {
      // Vite names assets by content hash: they never change under one name.
      res.header("cache-control", path.startsWith(join(uiDir, "assets")) ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  return (request, reply) => {
    if (!asksForPage(request)) return false;
    void reply.header("cache-control", "no-cache").sendFile("index.html");
    return true;
  };
}
