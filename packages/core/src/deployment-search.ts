import { STRING_LIST_FIELD, NUMBER_FIELD, type SearchGrammar } from "./search/grammar.js";

/**
 * deployments/search: the registry's filter grammar over a deployment's name, model and
 * timestamps, e.g. "model_name = 'churn' AND name LIKE 'churn-%'".
 */
export const DEPLOYMENT_SEARCH: SearchGrammar = {
  subject: "deployments",
  example: "name LIKE 'churn%'",
  defaultEntity: "attribute",
  entities: [
    {
      entity: "attribute",
      label: "attribute",
      prefixes: ["attributes", "attribute", "attr"],
      keys: {
        kind: "fixed",
        fields: { name: STRING_LIST_FIELD, model_name: STRING_LIST_FIELD, creation_timestamp: NUMBER_FIELD, last_updated_timestamp: NUMBER_FIELD },
        aliases: { timestamp: "last_updated_timestamp" },
        orderable: [],
      },
    },
  ],
};
