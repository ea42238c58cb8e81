import type { Kysely } from 'kysely';
import { AccessTokenFailures, type CatalogueEvent } from '@sf/contracts';
import type { ClioClient, PageFailure, SendOutcome, SendRequest } from '@sf/clio-client';
import { CLIO_FIELDS, appendWriteEvents, loadWrite } from '@sf/clio-mirror';
import { decideWrite, type ClioOutcome, type WriteCommand, type WriteState } from '@sf/clio-writes';
import type { FetcherDb } from '../schema/fetcher-schema';
import { clioWriteRequest, RESOURCE_OF } from './clio-write-request';
import { findCreated } from './create-lookup';
import { resolveCreatedTarget } from './created-target';
import { countOutcome, countSent } from './writer-metrics';

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
  /**
   * Attempts of creates (`<writeId>:<attempt>`) this process knows Clio never applied: refused by the rate budget
   * before being sent, or answered 429 (Clio's limiter answers before anything is applied). The next turn sends such
   * a create without looking it up first, so a rate-limited backlog does not spend its budget on lookups. A process
   * that does not know (another replica, a restart) looks up, as for any attempt without an outcome.
   */
  unsent?: Set<string>;
}

/** Clio's answer for a connection the person revoked: nothing will ever send the write (see `tokenFailure`). */
const REVOKED_REASON = `Clio connection is ${AccessTokenFailures.revoked}`;
/** Consecutive 412s merged and resent before the write waits a turn (someone keeps editing the record in Clio). */
const MAX_MERGES = 3;

/** Decides `c` on the write's stream as it is now and appends: the events appended, or null when another won. */
const decide = async (
  d: SendDeps,
  firmId: string,
  writeId: string,
  c: WriteCommand,
): Promise<readonly CatalogueEvent[] | null> => {
  const loaded = await loadWrite(d.db, writeId);
  const decision = decideWrite(loaded.state, c);
  if (decision.rejected) return null;
  const meta = { firmId, correlationId: writeId, causationId: null, at: d.now() };
  return (await appendWriteEvents(d.db, writeId, loaded.version, decision.events, meta)) === false
    ? null
    : decision.events;
};

const outcome = async (d: SendDeps, firmId: string, w: WriteState, o: ClioOutcome): Promise<void> => {
  const appended = await decide(d, firmId, w.writeId, { kind: 'outcome', outcome: o });
  if (appended) countOutcome(w, appended, d.now());
};

const send = (d: SendDeps, w: WriteState, req: SendRequest): Promise<SendOutcome> => {
  countSent(w);
  return d.client.send(req, 'interactive');
};

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
    const { state: loaded } = await loadWrite(d.db, writeId);
    if (loaded === null || loaded.status !== 'pending') return { kind: 'settled' };
    const target = await resolveCreatedTarget(d.db, loaded);
    if (target.kind === 'waiting') return { kind: 'retry', reason: 'its create is not confirmed yet', scope: 'record' };
    if (target.kind === 'abandoned') {
      await outcome(d, firmId, loaded, { kind: 'abandoned', reason: target.reason });
      return { kind: 'settled' };
    }
    const w = target.write;
    if (w.operation === 'create') {
      const knownUnsent = d.unsent?.delete(`${writeId}:${w.attempts}`) ?? false;
      if (w.outcomeUnknown && !knownUnsent) {
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
      if ((await decide(d, firmId, writeId, { kind: 'attempt' })) === null) continue;
    }
    const res = await send(d, w, clioWriteRequest(w, merged));
    if (w.operation === 'create' && !res.ok && res.kind === 'rate_limited')
      d.unsent?.add(`${writeId}:${w.attempts + 1}`);
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
