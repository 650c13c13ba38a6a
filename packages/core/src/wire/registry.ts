import { Type } from "@sinclair/typebox";
import { LIMITS } from "../limits.js";

// Request schemas for MLflow's model registry endpoints (mlflow/protos/model_registry.proto).
// Versions are strings on the wire, as in the proto; names, stages and aliases are checked by
// the store, which gives the messages a person can act on.

const Str = (options = {}) => Type.String(options);
// MLflow's clients always send a value; a missing one is the proto default, "".
const TagList = Type.Array(Type.Object({ key: Str(), value: Type.Optional(Str()) }));
const maxResults = (max: number) => Type.Optional(Type.Integer({ minimum: 1, maximum: max }));
const Search = (max: number) =>
  Type.Object({
    filter: Type.Optional(Str()),
    max_results: maxResults(max),
    order_by: Type.Optional(Type.Array(Str())),
    page_token: Type.Optional(Str()),
  });

/** POST registered-models/create. */
export const CreateRegisteredModel = Type.Object({ name: Str(), tags: Type.Optional(TagList), description: Type.Optional(Str()) });
/** registered-models/get (query) and registered-models/delete (body): the model's name. */
export const RegisteredModelName = Type.Object({ name: Str() });
/** PATCH registered-models/update. */
export const UpdateRegisteredModel = Type.Object({ name: Str(), description: Type.Optional(Str()) });
/** POST registered-models/rename. */
export const RenameRegisteredModel = Type.Object({ name: Str(), new_name: Str() });
/** GET registered-models/search (max_results up to 1,000). */
export const SearchRegisteredModels = Search(LIMITS.searchRegisteredModelsMax);
/** POST or GET registered-models/get-latest-versions. */
export const GetLatestVersions = Type.Object({ name: Str(), stages: Type.Optional(Type.Array(Str())) });
/** POST registered-models/set-tag. */
export const SetRegisteredModelTag = Type.Object({ name: Str(), key: Str(), value: Type.Optional(Str()) });
/** DELETE registered-models/delete-tag. */
export const DeleteRegisteredModelTag = Type.Object({ name: Str(), key: Str() });
/** POST registered-models/alias. */
export const SetRegisteredModelAlias = Type.Object({ name: Str(), alias: Str(), version: Str() });
/** GET and DELETE registered-models/alias: the model and the alias. */
export const RegisteredModelAliasRef = Type.Object({ name: Str(), alias: Str() });
/** POST model-versions/create. */
export const CreateModelVersion = Type.Object({
  name: Str(),
  source: Str(),
  run_id: Type.Optional(Str()),
  tags: Type.Optional(TagList),
  run_link: Type.Optional(Str()),
  description: Type.Optional(Str()),
  model_id: Type.Optional(Str()),
});
/** model-versions/get, get-download-uri (query) and delete (body): the model and the version. */
export const ModelVersionRef = Type.Object({ name: Str(), version: Str() });
/** PATCH model-versions/update. */
export const UpdateModelVersion = Type.Object({ name: Str(), version: Str(), description: Type.Optional(Str()) });
/** POST model-versions/transition-stage. */
export const TransitionModelVersionStage = Type.Object({
  name: Str(),
  version: Str(),
  stage: Str(),
  archive_existing_versions: Type.Optional(Type.Boolean()),
});
/** GET model-versions/search (max_results up to 200,000). */
export const SearchModelVersions = Search(LIMITS.searchModelVersionsMax);
/** POST model-versions/set-tag. */
export const SetModelVersionTag = Type.Object({ name: Str(), version: Str(), key: Str(), value: Type.Optional(Str()) });
/** DELETE model-versions/delete-tag. */
export const DeleteModelVersionTag = Type.Object({ name: Str(), version: Str(), key: Str() });
