import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { ClioClient } from '@sf/clio-client';
import { CLIO_FIELDS } from '@sf/clio-mirror';
import { EventTypes, WebhookRemovalReasons, type WebhookRemovalReason } from '@sf/contracts';
import type { Keyring } from '@sf/token-vault';
import type { WebhooksDb } from '../schema/webhooks-schema';
import { WEBHOOK_MODELS, type WebhookModel } from '@sf/sync-webhooks';
import { INGRESS_PATH } from '../wire-names';
import { activateWebhook, createWebhook, deleteWebhook, renewWebhook, showWebhook } from './clio-webhooks-api';
import { decideSubscription, type RenewalPolicy } from './renewal-policy';
import {
  activateSubscription,
  claimRegistration,
  liveSubscriptions,
  removeSubscription,
  renewSubscription,
  type Subscription,
} from './subscription-repository';
import { openSecret, sealSecret } from './subscription-secret';
import { appendSubscriptionEvent } from './webhook-events';

export interface RegistrarDeps {
  db: Kysely<WebhooksDb>;
  keyring: Keyring;
  clientFor(firmId: string): ClioClient;
  /** Public origin of the ingress, e.g. `https://hooks.example.com` (Clio requires https). */
  publicUrl: string;
  /** Clio's clock, as far as we know it (the simulator's in tests): expiry and renewal are on it. */
  clock: () => Date;
  /** This machine's clock, epoch ms: the age of our own rows. */
  wallClock: () => number;
  policy: RenewalPolicy;
}

/** What one pass over a firm did, per model. */
export type RegistrarStep =
  'registered' | 'renewed' | 'activated' | 'kept' | 'replaced' | 'removed' | 'busy' | 'failed';

export const ingressUrlOf = (publicUrl: string, subscriptionId: string): string =>
  `${publicUrl.replace(/\/+$/, '')}/${INGRESS_PATH}/${subscriptionId}`;

/**
 * Makes Clio hold exactly one enabled, unexpired webhook per mirrored model for the firm: registers missing ones,
 * renews those close to expiry, confirms pending ones, replaces suspended, deleted or expired ones. Every change is
 * an event on the firm's clio-webhooks stream, committed with its subscription row.
 */
export const reconcileFirmWebhooks = async (
  deps: RegistrarDeps,
  firmId: string,
): Promise<Partial<Record<WebhookModel, RegistrarStep>>> => {
  const client = deps.clientFor(firmId);
  const live = new Map((await liveSubscriptions(deps.db, firmId)).map((s) => [s.model, s]));
  const out: Partial<Record<WebhookModel, RegistrarStep>> = {};
  for (const model of Object.keys(WEBHOOK_MODELS) as WebhookModel[]) {
    const sub = live.get(model);
    out[model] = sub ? await checkOne(deps, client, sub) : await register(deps, client, firmId, model);
  }
  return out;
};

const checkOne = async (deps: RegistrarDeps, client: ClioClient, sub: Subscription): Promise<RegistrarStep> => {
  const now = deps.clock();
  if (sub.status === 'registering' || sub.clioWebhookId === null) {
    // A registrar died between claiming and storing: its webhook (if Clio made one) has no secret we can use.
    if (deps.wallClock() - sub.updatedAt.getTime() < deps.policy.staleRegistrationMs) return 'busy';
    await end(deps, sub, WebhookRemovalReasons.missing);
    return (await register(deps, client, sub.firmId, sub.model as WebhookModel)) === 'registered'
      ? 'replaced'
      : 'failed';
  }
  const shown = await showWebhook(client, sub.clioWebhookId);
  if (!shown.ok) return 'failed';
  const action = decideSubscription(shown.state, now, deps.policy);
  switch (action) {
    case 'keep':
      return 'kept';
    case 'renew': {
      const r = await renewWebhook(client, sub.clioWebhookId, new Date(now.getTime() + deps.policy.ttlMs));
      if (!r.ok) return 'failed';
      await deps.db.transaction().execute(async (trx) => {
        await renewSubscription(trx, sub.subscriptionId, r.expiresAt);
        await appendSubscriptionEvent(
          trx,
          sub.firmId,
          EventTypes.ClioWebhookRenewed,
          {
            subscriptionId: sub.subscriptionId,
            clioWebhookId: sub.clioWebhookId as string,
            expiresAt: r.expiresAt.toISOString(),
          },
          now,
        );
      });
      return 'renewed';
    }
    case 'activate': {
      const secret = sub.sealedSecret && openSecret(deps.keyring, sub.subscriptionId, sub.sealedSecret);
      if (!secret) return 'failed';
      return (await activateWebhook(client, sub.clioWebhookId, secret)).ok ? 'activated' : 'failed';
    }
    case 'replace_suspended':
    case 'replace_missing': {
      if (action === 'replace_suspended') await deleteWebhook(client, sub.clioWebhookId);
      await end(
        deps,
        sub,
        action === 'replace_suspended' ? WebhookRemovalReasons.suspended : WebhookRemovalReasons.missing,
      );
      return (await register(deps, client, sub.firmId, sub.model as WebhookModel)) === 'registered'
        ? 'replaced'
        : 'failed';
    }
  }
};

const register = async (
  deps: RegistrarDeps,
  client: ClioClient,
  firmId: string,
  model: WebhookModel,
): Promise<RegistrarStep> => {
  const entityType = WEBHOOK_MODELS[model];
  const subscriptionId = randomUUID();
  if (!(await claimRegistration(deps.db, { subscriptionId, firmId, model, entityType }))) return 'busy';
  const now = deps.clock();
  const created = await createWebhook(client, {
    url: ingressUrlOf(deps.publicUrl, subscriptionId),
    model,
    fields: CLIO_FIELDS[entityType].join(','),
    expiresAt: new Date(now.getTime() + deps.policy.ttlMs),
  });
  if (!created.ok) {
    await deps.db.deleteFrom('webhook_subscriptions').where('subscription_id', '=', subscriptionId).execute();
    return 'failed';
  }
  const w = created.webhook;
  await deps.db.transaction().execute(async (trx) => {
    await activateSubscription(trx, subscriptionId, {
      clioWebhookId: w.clioWebhookId,
      sealedSecret: sealSecret(deps.keyring, subscriptionId, w.secret),
      expiresAt: w.expiresAt,
    });
    await appendSubscriptionEvent(
      trx,
      firmId,
      EventTypes.ClioWebhookRegistered,
      {
        subscriptionId,
        clioWebhookId: w.clioWebhookId,
        model,
        entityType,
        expiresAt: w.expiresAt.toISOString(),
      },
      now,
    );
  });
  // Clio's handshake raced the commit above and the ingress could not answer it yet: confirm it now.
  if (w.status !== 'enabled') await activateWebhook(client, w.clioWebhookId, w.secret);
  return 'registered';
};

const end = async (deps: RegistrarDeps, sub: Subscription, reason: WebhookRemovalReason): Promise<void> => {
  await deps.db.transaction().execute(async (trx) => {
    await removeSubscription(trx, sub.subscriptionId);
    if (sub.clioWebhookId !== null)
      await appendSubscriptionEvent(
        trx,
        sub.firmId,
        EventTypes.ClioWebhookRemoved,
        {
          subscriptionId: sub.subscriptionId,
          clioWebhookId: sub.clioWebhookId,
          reason,
        },
        deps.clock(),
      );
  });
};

/**
 * The firm disconnected: delete its webhooks in Clio while a token still works (best effort), and end every
 * subscription, so the ingress answers 410 to anything Clio still sends (which disables the webhook in Clio).
 */
export const removeFirmWebhooks = async (deps: RegistrarDeps, firmId: string): Promise<{ deletedInClio: number }> => {
  const client = deps.clientFor(firmId);
  let deletedInClio = 0;
  for (const sub of await liveSubscriptions(deps.db, firmId)) {
    if (sub.clioWebhookId !== null && (await deleteWebhook(client, sub.clioWebhookId)).ok) deletedInClio++;
    await end(deps, sub, WebhookRemovalReasons.disconnected);
  }
  return { deletedInClio };
};
