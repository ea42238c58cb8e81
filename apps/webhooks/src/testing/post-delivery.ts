import { signBody } from '../ingress/signature';
import { ingressUrlOf } from '../registration/firm-registrar';

/** Posts a delivery to an ingress (`baseUrl`) as Clio does: `{data, meta}` signed with the subscription's secret. */
export const postDelivery = (
  baseUrl: string,
  sub: { subscriptionId: string; clioWebhookId: string | null },
  secret: string,
  data: Record<string, unknown>,
  event = 'updated',
): Promise<Response> => {
  const body = JSON.stringify({ data, meta: { event, webhook_id: Number(sub.clioWebhookId) } });
  return fetch(ingressUrlOf(baseUrl, sub.subscriptionId), {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-hook-signature': signBody(secret, body) },
    body,
  });
};
