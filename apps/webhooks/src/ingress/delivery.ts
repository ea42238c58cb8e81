import { createHash } from 'node:crypto';
import { stableUuid } from '../stable-uuid';

/** A delivery body that reads as Clio's payload: `{"data":{"id":…,…},"meta":{"event":"…","webhook_id":…}}`. */
export interface ParsedDelivery {
  record: Record<string, unknown> & { id: number | string };
  event: string;
  webhookId: string;
}

export type DeliveryParse = { ok: true; delivery: ParsedDelivery } | { ok: false; message: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isId = (v: unknown): v is number | string =>
  (typeof v === 'number' && Number.isSafeInteger(v) && v > 0) || (typeof v === 'string' && /^\d{1,20}$/.test(v));

/** Reads Clio's delivery payload; each refusal names the field and never quotes the value. */
export const parseDelivery = (body: Record<string, unknown>): DeliveryParse => {
  const { data, meta } = body;
  if (!isObject(data)) return { ok: false, message: 'data: must be an object' };
  if (!isId(data.id)) return { ok: false, message: 'data.id: must be a record id' };
  if (!isObject(meta)) return { ok: false, message: 'meta: must be an object' };
  if (typeof meta.event !== 'string' || !/^[a-z_]{1,40}$/.test(meta.event))
    return { ok: false, message: 'meta.event: must be a Clio webhook event name' };
  if (!isId(meta.webhook_id)) return { ok: false, message: 'meta.webhook_id: must be a webhook id' };
  return {
    ok: true,
    delivery: { record: { ...data, id: data.id }, event: meta.event, webhookId: String(meta.webhook_id) },
  };
};

/** SHA-256 hex of the raw body: the same body delivered again is the same delivery. */
export const bodySha256 = (raw: Buffer): string => createHash('sha256').update(raw).digest('hex');

/** The event id of a delivery: the same subscription and body give the same id, so a redelivery is stored once. */
export const deliveryEventId = (subscriptionId: string, sha: string): string =>
  stableUuid('delivery', subscriptionId, sha);
