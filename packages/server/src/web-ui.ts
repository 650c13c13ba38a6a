import { existsSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import fastifyStatic from "@fastify/static";

/** Where `npm run build:ui` (run by `npm install`) writes the web UI: this package's ui-dist/. */
export const DEFAULT_UI_DIR = fileURLToPath(new URL("../ui-dist", import.meta.url));

// Paths that belong to the API, never to the single-page app's client-side routes.
const API_PATH = /^\/(api|ajax-api)\/|^\/(health|version)$/;

/**
 * Serves the built web UI at `/`: hashed assets with long caching, and index.html for every
 * other GET that asks for a page, so that deep links (/experiments/1/runs/abc) load the app
 * and the app's router takes over. Returns a not-found handler for the rest (the API's 404).
 */
export async function webUi(app: FastifyInstance, uiDir: string): Promise<((request: FastifyRequest, reply: FastifyReply) => boolean) | undefined> {
  if (!existsSync(join(uiDir, "index.html"))) {
    app.log.warn(`The web UI is not built (no ${join(uiDir, "index.html")}): run npm run build:ui. The API works without it.`);
    return undefined;
  }
  await app.register(fastifyStatic, {
    root: uiDir,
    prefix: "/",
    wildcard: false,
    index: false,
    setHeaders: (res, path) => {
      // Vite names assets by content hash: they never change under one name.
      res.header("cache-control", path.includes(`${join(uiDir, "assets")}`) ? "public, max-age=31536000, immutable" : "no-cache");
    },
  });
  return (request, reply) => {
    const path = request.url.split("?")[0] ?? "/";
    if (request.method !== "GET" || API_PATH.test(path) || !(request.headers.accept ?? "").includes("text/html")) return false;
    void reply.header("cache-control", "no-cache").sendFile("index.html");
    return true;
  };
}
