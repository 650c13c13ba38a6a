import type { FastifyInstance, FastifyRequest } from "fastify";
import { Type } from "@sinclair/typebox";
import { CairnError, invalidParameter, resolveArtifactPath, type ArtifactStore } from "@cairn/core";
import { addRoute } from "../route.js";
import { contentTypeFor } from "./content-type.js";

const read = { resource: "experiment", level: "read" } as const;
const edit = { resource: "experiment", level: "edit" } as const;

const Wildcard = Type.Object({ "*": Type.String() });
const ListQuery = Type.Object({ path: Type.Optional(Type.String()) });
const MultipartCreate = Type.Object({ path: Type.Optional(Type.String()), num_parts: Type.Integer({ minimum: 1, maximum: 10_000 }) });
const MultipartComplete = Type.Object({
  path: Type.Optional(Type.String()),
  upload_id: Type.String(),
  parts: Type.Array(Type.Object({ part_number: Type.Integer({ minimum: 1 }), etag: Type.String(), url: Type.Optional(Type.String()) }), { minItems: 1 }),
});
const MultipartAbort = Type.Object({ path: Type.Optional(Type.String()), upload_id: Type.String() });
const PartQuery = Type.Object({ upload_id: Type.String(), part_number: Type.Integer({ minimum: 1, maximum: 10_000 }) });

// The multipart control calls carry small JSON bodies; every other body here is file bytes.
const JSON_BODY_ROUTE = /\/mpu\/(create|complete|abort)\//;
const JSON_BODY_LIMIT = 1024 * 1024;

/**
 * MLflow's artifact proxy (MlflowArtifactsService): paths are relative to the artifacts
 * destination, i.e. what follows `mlflow-artifacts:/` in a run's artifact URI. File bodies
 * stream straight between the socket and the store; nothing holds a whole file in memory.
 */
export async function artifactRoutes(app: FastifyInstance, artifacts: ArtifactStore): Promise<void> {
  // In this plugin only: file uploads stay unread streams, to be piped into the store.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", (request, payload, done) => {
    if (!JSON_BODY_ROUTE.test(request.url)) return done(null, undefined);
    readJson(payload).then((body) => done(null, body), (error: Error) => done(error, undefined));
  });

  const pathOf = (request: FastifyRequest) => resolveArtifactPath((request.params as { "*": string })["*"] ?? "");
  const wildcard = { params: Wildcard };

  app.put("/artifacts/*", { schema: { summary: "Upload one artifact file (the request body is the file)", ...wildcard }, config: { permission: edit } }, async (request) => {
    const path = pathOf(request);
    if (path === "") throw invalidParameter("Invalid path: name the file to write under the artifact root.");
    await artifacts.put(path, request.raw);
    return {};
  });

  app.get("/artifacts/*", { schema: { summary: "Download one artifact file", ...wildcard }, config: { permission: read } }, async (request, reply) => {
    const path = pathOf(request);
    if (path === "") return listing(artifacts, "");
    const file = await artifacts.get(path);
    const name = path.slice(path.lastIndexOf("/") + 1);
    return reply
      .header("content-type", contentTypeFor(name))
      .header("content-length", file.size)
      .header("content-disposition", attachment(name))
      .send(file.body);
  });

  app.delete("/artifacts/*", { schema: { summary: "Delete an artifact file or directory", ...wildcard }, config: { permission: edit } }, async (request) => {
    await artifacts.delete(pathOf(request));
    return {};
  });

  addRoute(app, {
    method: "GET",
    url: "/artifacts",
    summary: "List the files and directories directly under a path (base names; {} when there are none)",
    input: ListQuery,
    permission: read,
    handler: async (input) => listing(artifacts, resolveArtifactPath(input.path ?? "")),
  });

  addRoute(app, {
    method: "POST",
    url: "/mpu/create/*",
    summary: "Multipart upload: start, and get where to send each part",
    input: MultipartCreate,
    params: Wildcard,
    permission: edit,
    handler: async (input, params, request) => {
      const path = resolveArtifactPath(params["*"]);
      const created = await artifacts.createMultipartUpload(path, input.num_parts);
      const prefix = request.url.slice(0, request.url.indexOf("/mpu/"));
      const base = `${request.protocol}://${request.host}${prefix}/mpu/upload-part/${encodePath(path)}`;
      // Parts a store cannot take directly (no url) are PUT to this server instead.
      const credentials = created.credentials.map((c) => ({
        part_number: c.part_number,
        url: c.url ?? `${base}?upload_id=${encodeURIComponent(created.upload_id)}&part_number=${c.part_number}`,
        headers: c.headers ?? {},
      }));
      return { upload_id: created.upload_id, credentials };
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/mpu/complete/*",
    summary: "Multipart upload: assemble the parts into the file",
    input: MultipartComplete,
    params: Wildcard,
    permission: edit,
    handler: async (input, params) => {
      const parts = input.parts.map((p) => ({ part_number: p.part_number, etag: p.etag }));
      await artifacts.completeMultipartUpload(resolveArtifactPath(params["*"]), input.upload_id, parts);
    },
  });

  addRoute(app, {
    method: "POST",
    url: "/mpu/abort/*",
    summary: "Multipart upload: discard the parts",
    input: MultipartAbort,
    params: Wildcard,
    permission: edit,
    handler: async (input, params) => {
      await artifacts.abortMultipartUpload(resolveArtifactPath(params["*"]), input.upload_id);
    },
  });

  app.put(
    "/mpu/upload-part/*",
    { schema: { summary: "Multipart upload: one part, sent through the server", querystring: PartQuery, ...wildcard }, config: { permission: edit } },
    async (request, reply) => {
      const query = request.query as { upload_id: string; part_number: number };
      const etag = await artifacts.uploadPart(pathOf(request), query.upload_id, query.part_number, request.raw);
      return reply.header("etag", etag).send({});
    },
  );
}

async function listing(artifacts: ArtifactStore, dir: string) {
  const files = await artifacts.list(dir);
  return files.length > 0 ? { files } : {};
}

async function readJson(payload: AsyncIterable<Buffer>): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of payload) {
    size += chunk.length;
    if (size > JSON_BODY_LIMIT) throw invalidParameter("Request body is larger than the 1 MB this endpoint accepts.");
    chunks.push(chunk);
  }
  const text = Buffer.concat(chunks).toString("utf8");
  if (text.trim() === "") return {};
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new CairnError("BAD_REQUEST", `Request body is not valid JSON (${(error as Error).message}). Send a JSON object.`);
  }
}

/**
 * Content-Disposition for any file name: headers carry only ASCII, so the name goes as an ASCII
 * fallback plus RFC 5987's UTF-8 form, which browsers and HTTP clients prefer when present.
 */
function attachment(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replaceAll('"', "");
  const utf8 = encodeURIComponent(name).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

function encodePath(path: string): string {
  return path.split("/").map(encodeURIComponent).join("/");
}
