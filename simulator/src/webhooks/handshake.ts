import type { Clock } from '../clock';
import { post } from './http-post';
import type { WebhookRegistry } from './webhook-registry';
import { HookHeader, WebhookStatus } from './webhook-wire';

/**
 * The `X-Hook-Secret` handshake (Clio's OpenAPI "Identity Confirmation"): POST the secret and the webhook id to the URL; a
 * `200` echoing the same `X-Hook-Secret` enables the webhook at once, anything else leaves it pending until
 * `PUT /webhooks/:id/activate`. Clio does not document the body; we send `{"webhook_id": <id>}`.
 * Returns true when the webhook was enabled.
 */
export const runHandshake = async (
  id: number,
  deps: { registry: WebhookRegistry; clock: Clock; timeoutMs: number },
): Promise<boolean> => {
  const hook = deps.registry.get(id);
  if (!hook || hook.status !== WebhookStatus.Pending) return false;
  const { url, shared_secret: secret } = hook;
  const res = await post(
    url,
    JSON.stringify({ webhook_id: id }),
    { 'content-type': 'application/json', [HookHeader.Secret]: secret },
    deps.timeoutMs,
  );
  const current = deps.registry.get(id);
  // The hook may have been deleted or re-pointed while we waited; only its current secret may enable it.
  if (!current || current.url !== url || current.shared_secret !== secret || current.status !== WebhookStatus.Pending)
    return false;
  if (res.status !== 200 || res.headers?.get(HookHeader.Secret) !== secret) return false;
  deps.registry.setStatus(id, WebhookStatus.Enabled, deps.clock.now());
  return true;
};
