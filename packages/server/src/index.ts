export { createServer, MLFLOW_API_VERSION, CAIRN_VERSION, type ServerDeps } from "./create-server.js";
export { startServer, type ServerConfig } from "./main.js";
export { startWebhookDispatcher, type WebhookDispatcher, type WebhookDispatcherOptions } from "./webhook-dispatcher.js";
export { signWebhook } from "./webhook-send.js";
