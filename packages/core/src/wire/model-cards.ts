import { Type } from "@sinclair/typebox";

// Request schemas for Cairn's model cards (/api/2.0/cairn/model-cards/...). Lengths and the
// version number are checked by the store, which names the field and the limit.

const Str = () => Type.String();

/** GET model-cards/get and model-cards/html. */
export const ModelCardRef = Type.Object({ name: Str(), version: Str() });
/** POST model-cards/update: only the given fields change. */
export const UpdateModelCard = Type.Object({
  name: Str(),
  version: Str(),
  intended_use: Type.Optional(Str()),
  limitations: Type.Optional(Str()),
  ethical_considerations: Type.Optional(Str()),
  owners: Type.Optional(Type.Array(Str())),
});
