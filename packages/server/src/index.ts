export { createServer, MLFLOW_API_VERSION, CAIRN_VERSION, type ServerDeps } from "./create-server.js";
export { startServer, type ServerConfig } from "./main.js";
