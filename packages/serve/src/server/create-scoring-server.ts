import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { ServeLogger } from "../routing/model-source.js";
import { createScoringCore, type ScoringCore, type ScoringCoreOptions } from "./scoring-core.js";
import { notFoundReply } from "./endpoints.js";
import { codedErrorReply, type ScoringReply, type ScoringRequest } from "./scoring-reply.js";

/** createScoringServer's options: what to serve and how (see ScoringCoreOptions), plus the HTTP layer's limits. */
export interface ScoringServerOptions extends ScoringCoreOptions {
  /** Largest request body in bytes (default 32 MiB). */
  bodyLimit?: number;
}

/** A scoring server: Fastify app, model source and telemetry. */
export interface ScoringServer extends ScoringCore {
  readonly app: FastifyInstance;
  /** Listens (answering 503 until the first model is loaded), then loads; resolves with the URL once serving. */
  listen(options?: { host?: string; port?: number }): Promise<string>;
  /** Stops listening, closes the models once their requests finish, and flushes the inference log. */
  close(): Promise<void>;
}

/** Default logger: warnings and errors to stderr (the server's own request logging is off on the hot path). */
export const stderrLogger: ServeLogger = {
  info: () => {},
  warn: (message) => process.stderr.write(`cairn serve: warning: ${message}\n`),
  error: (message) => process.stderr.write(`cairn serve: error: ${message}\n`),
};

/** Request ids when the client sends no x-request-id: a per-process random prefix and a counter (unique across replicas, cheap). */
function requestIdGenerator(): () => string {
  const prefix = randomBytes(6).toString("hex");
  let next = 0;
  return () => `${prefix}-${(next++).toString(36)}`;
}

/** Creates the scoring server (MLflow's /invocations, the Open Inference Protocol, /metrics) over Fastify. */
export function createScoringServer(options: ScoringServerOptions): ScoringServer {
  const core = createScoringCore(options);
  const app = Fastify({
    logger: false,
    requestIdHeader: "x-request-id",
    genReqId: requestIdGenerator(),
    bodyLimit: options.bodyLimit ?? 32 * 1024 * 1024,
    return503OnClosing: true,
  });
  // Bodies arrive as text and are parsed by the protocol code (one JSON.parse, no prototype
  // scan), which also answers 415 for a content type it does not take.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser("*", { parseAs: "string" }, (_request, body, done) => done(null, body));

  for (const endpoint of core.endpoints) {
    app.route({
      method: endpoint.method,
      url: endpoint.path,
      handler(request: FastifyRequest, reply: FastifyReply) {
        const answer = endpoint.handle(toScoringRequest(request), request.params as Record<string, string>);
        if (answer instanceof Promise) return answer.then((r) => write(reply, r));
        write(reply, answer);
        return undefined;
      },
    });
  }
  app.setNotFoundHandler((request, reply) => write(reply, notFoundReply(request.method, request.url.split("?")[0]!, toScoringRequest(request))));
  app.setErrorHandler((error: { statusCode?: number; message: string }, request, reply) => {
    // Errors Fastify raises itself before a handler runs: a body over the limit, a broken
    // Content-Length. Anything else reaching here is a bug in a handler.
    const status = error.statusCode && error.statusCode >= 400 && error.statusCode < 500 ? error.statusCode : 500;
    const code = status === 413 ? "REQUEST_LIMIT_EXCEEDED" : status < 500 ? "BAD_REQUEST" : "INTERNAL_ERROR";
    const message = status === 413 ? `The request body is larger than the server's limit (${options.bodyLimit ?? 32 * 1024 * 1024} bytes); send fewer rows per request.` : error.message;
    write(reply, codedErrorReply(status, code, message, request.url.startsWith("/v2") ? "oip" : "mlflow", toScoringRequest(request), core.source.current()?.primary.headers));
  });

  let closing: Promise<void> | undefined;
  return {
    ...core,
    app,
    async listen(listenOptions = {}) {
      await app.listen({ host: listenOptions.host ?? "127.0.0.1", port: listenOptions.port ?? 5001 });
      await core.start();
      const address = app.server.address() as AddressInfo;
      const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
      return `http://${host}:${address.port}`;
    },
    close() {
      closing ??= (async () => {
        await app.close();
        await core.close();
      })();
      return closing;
    },
  };
}

function toScoringRequest(request: FastifyRequest): ScoringRequest {
  return { body: request.body as string | undefined, contentType: request.headers["content-type"], requestId: request.id, headers: request.headers };
}

// Written straight to the socket: the reply is complete text with its headers, so Fastify's
// serialization and hooks have nothing left to do.
function write(reply: FastifyReply, answer: ScoringReply): void {
  reply.hijack();
  const headers = ["content-type", answer.contentType, "content-length", String(Buffer.byteLength(answer.body)), "x-request-id", answer.requestId];
  const model = answer.modelHeaders;
  for (let i = 0; i < model.length; i++) headers.push(model[i]!);
  reply.raw.writeHead(answer.status, headers);
  reply.raw.end(answer.body);
  if (answer.after) setImmediate(runAfter, answer.after);
}

function runAfter(after: () => void): void {
  try {
    after();
  } catch (error) {
    // Shadow work must never take the server down; it reports its own failures, so this is a bug.
    process.stderr.write(`cairn serve: error: after-answer work failed: ${error instanceof Error ? error.stack : String(error)}\n`);
  }
}
