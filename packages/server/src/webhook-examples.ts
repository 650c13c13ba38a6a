import type { WebhookEvent } from "@cairn/core";

/** Example data per event, shaped as the real payloads are (MLflow's types.py examples). */
const EXAMPLES: Record<string, Record<string, unknown>> = {
  "REGISTERED_MODEL.CREATED": { name: "example_model", tags: { example_key: "example_value" }, description: "An example registered model" },
  "MODEL_VERSION.CREATED": {
    name: "example_model",
    version: "1",
    source: "models:/123",
    run_id: "abcd1234abcd5678",
    tags: { example_key: "example_value" },
    description: "An example model version",
  },
  "MODEL_VERSION.UPDATED": { name: "example_model", version: "1", from_stage: "Staging", to_stage: "Production" },
  "MODEL_VERSION_TAG.SET": { name: "example_model", version: "1", key: "example_key", value: "example_value" },
  "MODEL_VERSION_TAG.DELETED": { name: "example_model", version: "1", key: "example_key" },
  "MODEL_VERSION_ALIAS.CREATED": { name: "example_model", alias: "example_alias", version: "1" },
  "MODEL_VERSION_ALIAS.DELETED": { name: "example_model", alias: "example_alias" },
};

/** The JSON a test delivery sends for an event: the real envelope around example data. */
export function exampleWebhookPayload(event: WebhookEvent, now: number): string {
  const data = EXAMPLES[`${event.entity}.${event.action}`] ?? {};
  return JSON.stringify({ entity: event.entity.toLowerCase(), action: event.action.toLowerCase(), timestamp: new Date(now).toISOString(), data });
}
