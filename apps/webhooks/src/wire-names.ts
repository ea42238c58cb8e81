/** Wire names of the webhooks service, verbatim and in one place. */

/** Clio posts deliveries and handshakes to `<public base>/webhooks/clio/<subscriptionId>`. */
export const INGRESS_PATH = 'webhooks/clio';

/** Clio's webhook headers (Clio's OpenAPI, Webhooks tag), lower-cased as Node presents them. */
export const HookHeader = { Secret: 'x-hook-secret', Signature: 'x-hook-signature' } as const;

/**
 * `meta.event` values (Clio's OpenAPI): only `deleted` removes a record; the rest carry it as it now is, `created`
 * its first version (which any other version of the record follows).
 */
export const DeliveryEvent = { Created: 'created', Deleted: 'deleted' } as const;

/**
 * Clio's own API paths for webhooks (`/api/v4/webhooks.json`, `/webhooks/{id}.json`, `/webhooks/{id}/activate`),
 * without the `.json` the client adds.
 */
export const ClioWebhookPath = {
  collection: 'webhooks',
  one: (id: string): string => `webhooks/${encodeURIComponent(id)}`,
  activate: (id: string): string => `webhooks/${encodeURIComponent(id)}/activate`,
} as const;
