import { Type } from "@sinclair/typebox";

// Request schemas for MLflow's webhook endpoints (mlflow/protos/webhooks.proto) and Cairn's
// delivery log. Entities, actions and URLs are checked by the store, which gives messages a
// person can act on; here only the JSON shape.

const Str = () => Type.String();
const Event = Type.Object({ entity: Str(), action: Str() });
const Page = { max_results: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })), page_token: Type.Optional(Str()) };

/** POST webhooks. */
export const CreateWebhook = Type.Object({
  name: Str(),
  description: Type.Optional(Str()),
  url: Str(),
  events: Type.Array(Event),
  secret: Type.Optional(Str()),
  status: Type.Optional(Str()),
});
/** PATCH webhooks/:webhook_id: any of the create fields. */
export const UpdateWebhook = Type.Partial(CreateWebhook);
/** GET webhooks and GET cairn/webhooks/:webhook_id/deliveries. */
export const WebhookPage = Type.Object(Page);
/** The :webhook_id path parameter. */
export const WebhookIdParams = Type.Object({ webhook_id: Str() });
/** POST webhooks/:webhook_id/test: the event to send an example of (default: the webhook's first). */
export const TestWebhook = Type.Object({ event: Type.Optional(Event) });
/** Input of routes whose whole input is in the path (GET and DELETE of one webhook or logged model). */
export const NoInput = Type.Object({});
