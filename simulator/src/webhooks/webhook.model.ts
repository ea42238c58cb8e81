import { defineModel, isoTime, key, one, val, type Model } from '../models/model';
import { UserModel } from '../models/user.models';
import type { WebhookRecord } from './webhook-registry';

/** Clio's OpenAPI `Webhook`: `Webhook_base` plus `user`. */
export const WebhookModel: Model<WebhookRecord> = defineModel<WebhookRecord>('Webhook', {
  id: key('id'),
  etag: key('etag'),
  url: key('url'),
  fields: key('fields'),
  shared_secret: key('shared_secret'),
  model: key('model'),
  status: key('status'),
  events: val((r) => [...r.events]),
  expires_at: val((r) => isoTime(r.expires_at)),
  created_at: val((r) => isoTime(r.created_at)),
  updated_at: val((r) => isoTime(r.updated_at)),
  user: one(
    () => UserModel,
    (r, env) => env.store.get('users', r.user_id),
    ['users'],
  ),
});
