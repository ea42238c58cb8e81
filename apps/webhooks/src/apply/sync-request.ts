import type { NatsConnection } from '@nats-io/nats-core';
import { RpcSubjects, SyncTriggers, type SyncRequestReply, type SyncRequestRpc } from '@sf/contracts';
import { rebaseSubject } from '@sf/messaging';

/** Asks the orchestrator's one entrypoint for a webhook-triggered firm sync (the policy decides: start, skip, block). */
export type WebhookSyncRequester = (firmId: string) => Promise<SyncRequestReply | null>;

export const natsWebhookSyncRequester =
  (nc: NatsConnection, namespace: string, timeoutMs = 10_000): WebhookSyncRequester =>
  async (firmId) => {
    const req: SyncRequestRpc = { firmId, scope: { kind: 'firm' }, trigger: SyncTriggers.webhook, requestedBy: null };
    try {
      const msg = await nc.request(rebaseSubject(namespace, RpcSubjects.syncRequest), JSON.stringify(req), {
        timeout: timeoutMs,
      });
      return msg.json<SyncRequestReply>();
    } catch {
      // No orchestrator answered: the scheduler's next reconciliation covers the firm anyway.
      return null;
    }
  };
