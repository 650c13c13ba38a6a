import type { AuditEntryInput } from "@cairn/core";

/** An entry input with the given fields replaced. */
export function auditInput(overrides: Partial<AuditEntryInput> = {}): AuditEntryInput {
  return {
    timestamp_ms: 1_000,
    actor: "alice",
    action: "POST /api/2.0/mlflow/registered-models/create",
    resource: "models:/churn",
    request_id: "req-1",
    client: "127.0.0.1",
    summary: { name: "churn" },
    ...overrides,
  };
}
