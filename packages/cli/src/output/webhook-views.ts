import type { Webhook, WebhookDelivery, WebhookEvent, WebhookTestResult } from "@cairn/core";
import { formatTime } from "./format.js";
import { renderTable } from "./table.js";

/** An event as the CLI spells it: entity.action in lower case, e.g. model_version.created. */
export function eventName(event: WebhookEvent): string {
  return `${event.entity}.${event.action}`.toLowerCase();
}

/** Webhooks as a table: id, name, status, events, URL and creation time. */
export function webhookTable(webhooks: readonly Webhook[]): string {
  return renderTable(
    ["ID", "NAME", "STATUS", "EVENTS", "URL", "CREATED"],
    webhooks.map((w) => [w.webhook_id, w.name, w.status, w.events.map(eventName).join(","), w.url, formatTime(w.creation_timestamp)]),
  );
}

/** A webhook's delivery log as a table, newest first as the server returns it. */
export function deliveryTable(deliveries: readonly WebhookDelivery[]): string {
  return renderTable(
    ["DELIVERY ID", "EVENT", "STATUS", "ATTEMPTS", "LAST RESPONSE", "LAST ERROR", "CREATED"],
    deliveries.map((d) => [
      d.delivery_id,
      eventName(d.event),
      d.status,
      String(d.attempts),
      d.last_response_status === undefined ? "-" : String(d.last_response_status),
      oneLine(d.last_error) || "-",
      formatTime(d.created_at),
    ]),
  );
}

/** One sentence describing a test delivery's outcome. */
export function testResultLine(webhook: Webhook, result: WebhookTestResult): string {
  const status = result.response_status === undefined ? "" : `HTTP ${result.response_status}`;
  if (result.success) return `Test delivery to ${webhook.url} succeeded (${status || "no status"}).`;
  const why = [status, oneLine(result.error_message)].filter(Boolean).join(": ");
  return `Test delivery to ${webhook.url} failed${why ? ` (${why})` : ""}.`;
}

/** Collapses whitespace so a multi-line error keeps a table row on one line. */
function oneLine(text: string | undefined): string {
  return (text ?? "").replace(/\s+/g, " ").trim();
}
