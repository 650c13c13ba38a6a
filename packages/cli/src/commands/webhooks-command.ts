import { InvalidArgumentError, type Command } from "commander";
import { VALID_WEBHOOK_EVENTS, WEBHOOK_ENTITIES, type Webhook, type WebhookDelivery, type WebhookEvent } from "@cairn/core";
import { writeJson, writeLine, type CliIo } from "../cli-io.js";
import { deliveryTable, eventName, testResultLine, webhookTable } from "../output/webhook-views.js";
import { clientFor, collectPages, DEFAULT_MAX_RESULTS, examples, noteTruncated, parseMaxResults } from "./shared.js";

/** Every event a webhook may subscribe to, as the CLI spells them (entity.action, lower case). */
export const WEBHOOK_EVENT_NAMES: readonly string[] = WEBHOOK_ENTITIES.flatMap((entity) => VALID_WEBHOOK_EVENTS[entity].map((action) => eventName({ entity, action })));

/** Parses one --event entity.action into MLflow's {entity, action}; anything else is a usage error listing the valid ones. */
export function parseEvent(value: string, previous: WebhookEvent[] = []): WebhookEvent[] {
  const name = value.trim().toLowerCase();
  if (!WEBHOOK_EVENT_NAMES.includes(name)) throw new InvalidArgumentError(`unknown event '${value}'; valid events are: ${WEBHOOK_EVENT_NAMES.join(", ")}.`);
  const [entity, action] = name.toUpperCase().split(".") as [WebhookEvent["entity"], WebhookEvent["action"]];
  return [...previous, { entity, action }];
}

/** `cairn webhooks ...`: registry webhooks and their delivery log. */
export function addWebhooksCommand(program: Command, io: CliIo): void {
  const webhooks = program
    .command("webhooks")
    .description("list, create, delete and test registry webhooks, and show their deliveries")
    .addHelpText(
      "after",
      examples("cairn webhooks list", "cairn webhooks create --name deploy --url https://ci.example.com/hook --event model_version.created", "cairn webhooks deliveries <webhook_id>"),
    );

  webhooks
    .command("list")
    .description("list webhooks, newest first")
    .option("--max-results <n>", "stop after this many webhooks", parseMaxResults, DEFAULT_MAX_RESULTS)
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn webhooks list", "cairn webhooks list --json"))
    .action(async (options: { maxResults: number; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const { items, more } = await collectPages<Webhook>(options.maxResults, async (max_results, page_token) => {
        const page = await client.webhooks.list({ max_results: Math.min(max_results, 1000), page_token });
        return { items: page.webhooks, next_page_token: page.next_page_token };
      });
      if (options.json) writeJson(io.stdout, items);
      else writeLine(io.stdout, items.length === 0 ? "No webhooks found." : webhookTable(items));
      noteTruncated(io, items.length, more);
    });

  webhooks
    .command("create")
    .description("subscribe a URL to registry events")
    .requiredOption("--name <name>", "webhook name")
    .requiredOption("--url <url>", "http:// or https:// URL that receives the POSTs")
    .requiredOption("--event <entity.action>", `an event to subscribe to; repeat for more (${WEBHOOK_EVENT_NAMES.join(", ")})`, parseEvent)
    .option("--secret <secret>", "shared secret the deliveries are signed with (HMAC-SHA256)")
    .option("--description <text>", "what the webhook is for")
    .option("--json", "print the new webhook as JSON")
    .addHelpText(
      "after",
      examples("cairn webhooks create --name deploy --url https://ci.example.com/hook --event model_version.created --event model_version_alias.created --secret s3cret"),
    )
    .action(async (options: { name: string; url: string; event: WebhookEvent[]; secret?: string; description?: string; json?: boolean }, command: Command) => {
      const { webhook } = await clientFor(command, io).webhooks.create({
        name: options.name,
        url: options.url,
        events: options.event,
        ...(options.secret === undefined ? {} : { secret: options.secret }),
        ...(options.description === undefined ? {} : { description: options.description }),
      });
      if (options.json) writeJson(io.stdout, webhook);
      else writeLine(io.stdout, `Created webhook '${webhook.name}' (${webhook.webhook_id}) for ${webhook.events.map(eventName).join(", ")}.`);
    });

  webhooks
    .command("delete")
    .description("delete a webhook and its delivery log")
    .argument("<webhook_id>", "webhook id, as `cairn webhooks list` shows it")
    .addHelpText("after", examples("cairn webhooks delete <webhook_id>"))
    .action(async (webhookId: string, _options: unknown, command: Command) => {
      await clientFor(command, io).webhooks.delete({ webhook_id: webhookId });
      writeLine(io.stdout, `Deleted webhook ${webhookId}.`);
    });

  webhooks
    .command("test")
    .description("send one signed example delivery now and report the answer (exit status 1 if it failed)")
    .argument("<webhook_id>", "webhook id, as `cairn webhooks list` shows it")
    .option("--json", "print {success, response_status, response_body, error_message} as JSON")
    .addHelpText("after", examples("cairn webhooks test <webhook_id>", "cairn webhooks test <webhook_id> --json"))
    .action(async (webhookId: string, options: { json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      // Fetched first so that an unknown id fails before anything is sent, and the message can name the URL.
      const { webhook } = await client.webhooks.get({ webhook_id: webhookId });
      const { result } = await client.webhooks.test({ webhook_id: webhookId });
      if (options.json) writeJson(io.stdout, result);
      else if (result.success) writeLine(io.stdout, testResultLine(webhook, result));
      if (!result.success) throw new Error(options.json ? `test delivery to ${webhook.url} failed.` : testResultLine(webhook, result));
    });

  webhooks
    .command("deliveries")
    .description("show a webhook's delivery log, newest first")
    .argument("<webhook_id>", "webhook id, as `cairn webhooks list` shows it")
    .option("--max-results <n>", "stop after this many deliveries", parseMaxResults, DEFAULT_MAX_RESULTS)
    .option("--json", "print a JSON array instead of a table")
    .addHelpText("after", examples("cairn webhooks deliveries <webhook_id>", "cairn webhooks deliveries <webhook_id> --json"))
    .action(async (webhookId: string, options: { maxResults: number; json?: boolean }, command: Command) => {
      const client = clientFor(command, io);
      const { items, more } = await collectPages<WebhookDelivery>(options.maxResults, async (max_results, page_token) => {
        const page = await client.webhooks.deliveries({ webhook_id: webhookId, max_results: Math.min(max_results, 1000), page_token });
        return { items: page.deliveries, next_page_token: page.next_page_token };
      });
      if (options.json) writeJson(io.stdout, items);
      else writeLine(io.stdout, items.length === 0 ? `Webhook ${webhookId} has no deliveries.` : deliveryTable(items));
      noteTruncated(io, items.length, more);
    });
}
