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
  "APPROVAL_REQUEST.CREATED": approvalExample("PENDING"),
  "APPROVAL_REQUEST.APPROVED": approvalExample("APPROVED"),
  "APPROVAL_REQUEST.REJECTED": approvalExample("REJECTED"),
  "APPROVAL_REQUEST.CANCELLED": approvalExample("CANCELLED"),
};

/** An approval request as its events carry it (the API's request shape) in the given status. */
function approvalExample(status: string): Record<string, unknown> {
  const request = {
    request_id: "0123456789abcdef0123456789abcdef",
    name: "example_model",
    version: "1",
    kind: "alias",
    target: "champion",
    archive_existing_versions: false,
    status,
    requested_by: "alice",
    comment: "Beats the current champion on the holdout set",
    creation_timestamp: 1767225600000,
  };
  if (status === "PENDING") return request;
  const decided = { ...request, decided_by: status === "CANCELLED" ? "alice" : "bob", decided_timestamp: 1767229200000 };
  if (status === "CANCELLED") return decided;
  return { ...decided, decision_comment: status === "REJECTED" ? "Needs a fairness review first" : "Looks good" };
}

/** The JSON a test delivery sends for an event: the real envelope around example data. */
export function exampleWebhookPayload(event: WebhookEvent, now: number): string {
  const data = EXAMPLES[`${event.entity}.${event.action}`] ?? {};
  return JSON.stringify({ entity: event.entity.toLowerCase(), action: event.action.toLowerCase(), timestamp: new Date(now).toISOString(), data });
}
