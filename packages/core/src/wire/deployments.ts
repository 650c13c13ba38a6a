import { Type } from "@sinclair/typebox";
import { DEPLOYMENT_LIMITS } from "../deployment-entities.js";

// Request schemas for Cairn's deployments (/api/2.0/cairn/deployments/...). Only the JSON shape
// is checked here; names, URIs, percentages and weights are checked by core's deployment
// validation, which gives the messages a person can act on.

const Str = () => Type.String();
const page = (max: number) => ({ max_results: Type.Optional(Type.Integer({ minimum: 1, maximum: max })), page_token: Type.Optional(Str()) });

/** POST deployments/create. */
export const CreateDeployment = Type.Object({ name: Str(), model_uri: Str(), description: Type.Optional(Str()) });
/** GET deployments/get (query) and POST deployments/delete (body). */
export const DeploymentName = Type.Object({ name: Str() });
/** GET deployments/search: filter on name / model_name (registry grammar). */
export const SearchDeployments = Type.Object({ filter: Type.Optional(Str()), ...page(DEPLOYMENT_LIMITS.searchMax) });
/** POST deployments/canary. */
export const SetDeploymentCanary = Type.Object({ name: Str(), model_uri: Str(), percent: Type.Number() });
/** POST deployments/ab. */
export const SetDeploymentAb = Type.Object({
  name: Str(),
  variants: Type.Array(Type.Object({ model_uri: Str(), weight: Type.Number() })),
  sticky_key: Type.Optional(Str()),
});
/** POST deployments/shadow. */
export const SetDeploymentShadow = Type.Object({ name: Str(), model_uri: Str(), percent: Type.Number() });
/** POST deployments/promote: model_uri names the A/B variant to promote. */
export const PromoteDeployment = Type.Object({ name: Str(), model_uri: Type.Optional(Str()) });
/** POST deployments/rollback: to the revision before the current one, or to `revision`. */
export const RollbackDeployment = Type.Object({ name: Str(), revision: Type.Optional(Type.Integer()) });
/** GET deployments/history. */
export const DeploymentHistory = Type.Object({ name: Str(), ...page(DEPLOYMENT_LIMITS.historyMax) });
