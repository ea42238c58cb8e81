import type { Kysely } from 'kysely';
import { AccessTokenFailures } from '@sf/contracts';
import type { ClioClient, PageFailure, SendOutcome } from '@sf/clio-client';
import { CLIO_FIELDS, appendWriteEvents, loadWrite } from '@sf/clio-mirror';
import { decideWrite, type ClioOutcome, type WriteCommand, type WriteState } from '@sf/clio-writes';
import type { FetcherDb } from '../schema/fetcher-schema';
import { clioWriteRequest, RESOURCE_OF } from './clio-write-request';
import { findCreated } from './create-lookup';

/** What became of one turn of a write: settled (an outcome is in its stream), or to be tried again later. */
export type WriteTurn =
  | { kind: 'settled' }
  /**
   * A transient failure: Clio unreachable (no answer: the firm's records all wait, one probes) or a 5xx/408 of this
   * request (this record waits, the firm's other records go on).
   */
  | { kind: 'retry'; reason: string; scope: 'firm' | 'record' }
  /** The firm cannot write now (rate limited until `untilMs`, or its connection needs re-authorisation). */
  | { kind: 'firm_wait'; untilMs: number | null; reason: string };

export interface SendDeps {
  db: Kysely<FetcherDb>;
  client: ClioClient;
  now: () => Date;
}

/** Clio's answer for a connection the person revoked: nothing will ever send the write (see `tokenFailure`). */
const REVOKED_REASON = `Clio connection is ${AccessTokenFailures.revoked}`;
/** Consecutive 412s merged and resent before the write waits a turn (someone keeps editing the record in Clio). */
const MAX_MERGES = 3;

const decide = async (d: SendDeps, firmId: string, writeId: string, c: WriteCommand): Promise<boolean> => {
  const loaded = await loadWrite(d.db, writeId);
  const decision = decideWrite(loaded.state, c);
  if (decision.rejected) return false;
  const meta = { firmId, correlationId: writeId, causationId: null, at: d.now() };
  return (await appendWriteEvents(d.db, writeId, loaded.version, decision.events, meta)) !== false;
};

const outcome = (d: SendDeps, firmId: string, w: WriteState, o: ClioOutcome): Promise<boolean> =>
  decide(d, firmId, w.writeId, { kind: 'outcome', outcome: o });

/** A failure that says nothing of the write itself: the firm waits, or the record retries. */
const waitOn = (f: PageFailure): WriteTurn | null => {
  if (f.kind === 'rate_limited') return { kind: 'firm_wait', untilMs: f.retryAt, reason: f.reason };
  if (f.kind === 'needs_reauth' || f.kind === 'not_connected')
    return f.reason === REVOKED_REASON ? null : { kind: 'firm_wait', untilMs: null, reason: f.reason };
  if (f.kind === 'failed' && f.status === undefined) return { kind: 'retry', reason: f.reason, scope: 'firm' };
  const status = f.kind === 'failed' ? (f.status ?? 0) : 0;
  if (status >= 500 || status === 429 || status === 408) return { kind: 'retry', reason: f.reason, scope: 'record' };
  return null;
};

const idOf = (record: Record<string, unknown> | null, fallback: string | null): string =>
  String(record?.['id'] ?? fallback ?? '');

/**
 * One turn of a pending write: reads its stream (the truth), sends it, and records the outcome. A create is recorded
 * as attempted before it is sent; one attempted before without an outcome is first looked up in Clio (it may have
 * been applied with its answer lost), so it is never created twice. After a 412 the current record is fetched and
 * the write either goes again against the new etag (merge) or becomes a conflict.
 */
export const sendWrite = async (d: SendDeps, firmId: string, writeId: string): Promise<WriteTurn> => {
  let merged: { values: Record<string, unknown>; etag: string } | undefined;
  for (let turn = 0; turn <= MAX_MERGES; turn++) {
    const { state: w } = await loadWrite(d.db, writeId);
    if (w === null || w.status !== 'pending') return { kind: 'settled' };
    if (w.operation === 'create') {
      if (w.outcomeUnknown) {
        const found = await findCreated(d.db, d.client, firmId, w);
        if (found.kind === 'unavailable')
          return waitOn(found.failure) ?? { kind: 'retry', reason: found.failure.reason, scope: 'record' };
        if (found.kind === 'found') {
          await outcome(d, firmId, w, {
            kind: 'applied',
            recordId: idOf(found.record, null),
            record: found.record,
            how: 'adopted',
          });
          return { kind: 'settled' };
        }
      }
      if (!(await decide(d, firmId, writeId, { kind: 'attempt' }))) continue;
    }
    const res: SendOutcome = await d.client.send(clioWriteRequest(w, merged), 'interactive');
    if (res.ok) {
      const how = merged ? 'merged' : 'sent';
      await outcome(d, firmId, w, { kind: 'applied', recordId: idOf(res.record, w.recordId), record: res.record, how });
      return { kind: 'settled' };
    }
    if (res.kind === 'failed' && res.status === 404 && w.operation === 'delete') {
      await outcome(d, firmId, w, { kind: 'applied', recordId: w.recordId ?? '', record: null, how: 'gone' });
      return { kind: 'settled' };
    }
    if (res.kind === 'failed' && res.status === 412) {
      const current = await d.client.get(
        RESOURCE_OF[w.entityType],
        w.recordId ?? '',
        [...CLIO_FIELDS[w.entityType]],
        'interactive',
      );
      if (!current.ok) return waitOn(current) ?? { kind: 'retry', reason: current.reason, scope: 'record' };
      const decision = decideWrite(w, {
        kind: 'outcome',
        outcome: { kind: 'precondition_failed', current: current.record },
      });
      if (!decision.rejected && decision.resend) {
        merged = { values: decision.resend.values, etag: decision.resend.etag };
        continue;
      }
      await outcome(d, firmId, w, { kind: 'precondition_failed', current: current.record });
      return { kind: 'settled' };
    }
    const wait = waitOn(res);
    if (wait) return wait;
    if (res.kind === 'needs_reauth' || res.kind === 'not_connected') {
      await outcome(d, firmId, w, { kind: 'revoked', reason: 'the Clio connection was revoked' });
      return { kind: 'settled' };
    }
    const status = 'status' in res && typeof res.status === 'number' ? res.status : 400;
    await outcome(d, firmId, w, { kind: 'refused', status, reason: `Clio refused the write: ${res.reason}` });
    return { kind: 'settled' };
  }
  return { kind: 'retry', reason: 'the record keeps changing in Clio', scope: 'record' };
};
