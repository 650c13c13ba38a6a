import type { FastifyInstance } from "fastify";
import type { CairnStore } from "@cairn/core";
import { authRoutes } from "./auth-routes.js";
import { groupRoutes } from "./group-routes.js";
import { permissionRoutes } from "./permission-routes.js";
import { tokenRoutes } from "./token-routes.js";
import { userRoutes } from "./user-routes.js";

/** Every auth endpoint (auth/*, users/*, groups/*, tokens/*, permissions/*), in the /api/2.0/cairn block. */
export function accountRoutes(app: FastifyInstance, store: CairnStore, clock: () => number): void {
  authRoutes(app, store);
  userRoutes(app, store);
  groupRoutes(app, store);
  tokenRoutes(app, store, clock);
  permissionRoutes(app, store);
}
