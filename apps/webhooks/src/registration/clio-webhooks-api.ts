import type { ClioClient, PageFailure } from '@sf/clio-client';
import { ClioWebhookPath, HookHeader } from '../wire-names';

/** Clio's webhook endpoints through the budgeted client, in the `webhook` lane. Outcomes are values. */

export interface CreatedWebhook {
  clioWebhookId: string;
  secret: string;
  status: string;
  expiresAt: Date;
}

export type WebhookState = { found: false } | { found: true; status: string; expiresAt: Date | null };

const LANE = 'webhook' as const;
const SHOW_FIELDS = ['id', 'status', 'expires_at'];

const dateOf = (v: unknown): Date | null => {
  const t = typeof v === 'string' ? Date.parse(v) : NaN;
  return Number.isNaN(t) ? null : new Date(t);
};

export const createWebhook = async (
  client: ClioClient,
  spec: { url: string; model: string; fields: string; expiresAt: Date },
): Promise<{ ok: true; webhook: CreatedWebhook } | PageFailure> => {
  const r = await client.send(
    {
      method: 'POST',
      path: ClioWebhookPath.collection,
      fields: ['id', 'shared_secret', 'status', 'expires_at'],
      body: {
        data: {
          url: spec.url,
          model: spec.model,
          fields: spec.fields,
          events: ['created', 'updated', 'deleted'],
          expires_at: spec.expiresAt.toISOString(),
        },
      },
    },
    LANE,
  );
  if (!r.ok) return r;
  const rec = r.record ?? {};
  const secret = rec.shared_secret;
  const expiresAt = dateOf(rec.expires_at);
  if (typeof secret !== 'string' || secret === '' || rec.id === undefined || expiresAt === null)
    return { ok: false, kind: 'failed', reason: 'webhook created without id, shared_secret or expires_at' };
  return {
    ok: true,
    webhook: { clioWebhookId: String(rec.id), secret, status: String(rec.status), expiresAt },
  };
};

export const showWebhook = async (
  client: ClioClient,
  id: string,
): Promise<{ ok: true; state: WebhookState } | PageFailure> => {
  const r = await client.send({ method: 'GET', path: ClioWebhookPath.one(id), fields: SHOW_FIELDS }, LANE);
  if (!r.ok) return r.kind === 'failed' && r.status === 404 ? { ok: true, state: { found: false } } : r;
  const rec = r.record ?? {};
  return { ok: true, state: { found: true, status: String(rec.status), expiresAt: dateOf(rec.expires_at) } };
};

export const renewWebhook = async (
  client: ClioClient,
  id: string,
  expiresAt: Date,
): Promise<{ ok: true; expiresAt: Date } | PageFailure> => {
  const r = await client.send(
    {
      method: 'PATCH',
      path: ClioWebhookPath.one(id),
      fields: ['id', 'expires_at'],
      body: { data: { expires_at: expiresAt.toISOString() } },
    },
    LANE,
  );
  if (!r.ok) return r;
  return { ok: true, expiresAt: dateOf(r.record?.expires_at) ?? expiresAt };
};

export const activateWebhook = async (
  client: ClioClient,
  id: string,
  secret: string,
): Promise<{ ok: true } | PageFailure> => {
  const r = await client.send(
    { method: 'PUT', path: ClioWebhookPath.activate(id), fields: ['id'], headers: { [HookHeader.Secret]: secret } },
    LANE,
  );
  return r.ok ? { ok: true } : r;
};

/** Deletes a webhook; one Clio no longer has counts as deleted. */
export const deleteWebhook = async (client: ClioClient, id: string): Promise<{ ok: true } | PageFailure> => {
  const r = await client.send({ method: 'DELETE', path: ClioWebhookPath.one(id) }, LANE);
  if (r.ok || (r.kind === 'failed' && r.status === 404)) return { ok: true };
  return r;
};
