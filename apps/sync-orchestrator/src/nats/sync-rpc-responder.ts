import type { Msg, NatsConnection, Subscription } from '@nats-io/nats-core';
import type { Logger } from 'pino';
import { SyncRequestFailures, type SyncRequestReply } from '@sf/contracts';
import { traceIdsOf, withLogContext } from '@sf/logging';
import { SyncScope } from '@sf/sync-jobs';
import { contextFromHeaders } from '@sf/telemetry';
import type { SyncService } from '../sync/sync-service';
import { SYNC_RPC_QUEUE } from '../wire-names';
import { parseSyncRequestRpc } from './sync-request-dto';

export interface SyncRpcResponderOptions {
  nc: NatsConnection;
  /** `sf.rpc.sync.request`, rebased onto the deployment's namespace. */
  subject: string;
  service: Pick<SyncService, 'request'>;
  log: Logger;
}

export interface SyncRpcResponder {
  /** Stops taking requests and waits for the ones in flight to be answered. */
  stop(): Promise<void>;
}

const answer = async (o: SyncRpcResponderOptions, raw: string): Promise<SyncRequestReply> => {
  const req = parseSyncRequestRpc(raw);
  if (!req.ok) return { ok: false, reason: SyncRequestFailures.invalidRequest, message: req.reason };
  const { firmId, scope, trigger, requestedBy } = req.value;
  try {
    const r = await o.service.request({
      firmId,
      scope: SyncScope.of(scope),
      trigger,
      requestedBy: requestedBy ?? null,
    });
    const { cooldownMs, retryAfterMs, blockedUntil } = r.decision.metadata ?? {};
    return {
      ok: true,
      ...(r.jobId === null ? {} : { jobId: r.jobId }),
      decision: {
        action: r.decision.action,
        reason: r.decision.reason,
        message: r.message,
        ...(cooldownMs === undefined ? {} : { cooldownMs }),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
        ...(blockedUntil === undefined ? {} : { blockedUntil }),
      },
    };
  } catch (e) {
    o.log.error({ firmId, err: e instanceof Error ? e.name : 'unknown' }, 'sync request RPC failed');
    return {
      ok: false,
      reason: SyncRequestFailures.unavailable,
      message: 'The sync orchestrator could not decide; retry',
    };
  }
};

/**
 * Answers `sf.rpc.sync.request` in queue group `sync-orchestrator` (one replica answers each request) with the
 * same decision the HTTP API gives. Internal callers are trusted with any trigger and any matter id.
 */
export const startSyncRpcResponder = (o: SyncRpcResponderOptions): SyncRpcResponder => {
  const inflight = new Set<Promise<void>>();
  const handle = (msg: Msg): void => {
    const p = withLogContext(traceIdsOf(contextFromHeaders(msg.headers)), () => answer(o, msg.string()))
      .then((reply) => void msg.respond(JSON.stringify(reply)))
      .catch((e: unknown) =>
        o.log.error({ err: e instanceof Error ? e.name : 'unknown' }, 'could not answer a sync request'),
      )
      .finally(() => inflight.delete(p));
    inflight.add(p);
  };
  const sub: Subscription = o.nc.subscribe(o.subject, {
    queue: SYNC_RPC_QUEUE,
    callback: (err, msg) => {
      if (!err && msg.reply) handle(msg);
    },
  });
  return {
    stop: async () => {
      if (!sub.isClosed()) await sub.drain();
      await Promise.allSettled([...inflight]);
    },
  };
};
