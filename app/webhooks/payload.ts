/**
 * What a webhook says. Every body has Slack's `text` (and `blocks`), so an endpoint can be a
 * Slack incoming webhook; the JSON format adds the event's type, data and a link, for your
 * own systems. Pure: the delivery job sends exactly the string built here.
 */
export type WebhookEvent = {
  /** "<area>.<what happened>", e.g. "anomaly.detected". */
  type: string;
  /** One line for people. */
  text: string;
  /** Absolute URL of the page that shows it, if any. */
  link?: string;
  /** Facts for machines; never secrets. */
  data: Record<string, unknown>;
};

export type WebhookFormat = "JSON" | "SLACK";

export function webhookBody(event: WebhookEvent, format: WebhookFormat, delivery: { id: string; createdAt: Date }) {
  const blocks = [
    { type: "section", text: { type: "mrkdwn", text: escapeSlack(event.text) } },
    ...(event.link
      ? [{ type: "context", elements: [{ type: "mrkdwn", text: `<${event.link}|Open in APIMarketplace Pro>` }] }]
      : []),
  ];
  const slack = { text: event.text, blocks };
  if (format === "SLACK") return JSON.stringify(slack);
  return JSON.stringify({
    ...slack,
    id: delivery.id,
    event: event.type,
    createdAt: delivery.createdAt.toISOString(),
    link: event.link ?? null,
    data: event.data,
  });
}

/** Slack's mrkdwn treats &, < and > as markup. */
function escapeSlack(text: string) {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}
