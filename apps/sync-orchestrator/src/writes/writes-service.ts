import { createHash, randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import type { WriteEntityType, WriteOperation, WriteResolution } from '@sf/contracts';
import {
  appendWriteEvents,
  listWrites,
  loadWrite,
  openWritesOfRecordKey,
  pendingWritesProjection,
  recordKeyOf,
} from '@sf/clio-mirror';
import { tryCatchUp } from '@sf/projections';
import type { LogPosition } from '@sf/event-store';
import { decideWrite, fieldValueOf, type WriteState, type WriteStatus } from '@sf/clio-writes';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import type { WriteTarget } from './write-targets';

export interface WriteInput {
  firmId: string;
  userId: string;
  /** The client's `Idempotency-Key`, or undefined (one is generated: a retry without it is a new write). */
  idempotencyKey: string | undefined;
  entityType: WriteEntityType;
  operation: WriteOperation;
  /** The record changed (null for a create): mirrored, or created here and not confirmed yet. */
  target: WriteTarget | null;
  matterId: string | null;
  contactId: string | null;
  values: Record<string, unknown>;
  /** The etag the person saw; default the mirror's. */
  etag: string | undefined;
}

/** The write id of (firm, idempotency key): a UUID-shaped SHA-256 prefix, so a repeated key finds its stream. */
export const writeIdOf = (firmId: string, key: string): string => {
  const h = createHash('sha256').update(`${firmId}\u0000${key}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-8${h.slice(17, 20)}-${h.slice(20, 32)}`;
};

/**
 * What the person saw of the fields they change: the mirror's values with this app's earlier writes of the record
 * that are still on their way laid over them (the read API shows those values at once; for a record created here and
 * not confirmed yet, its create's values), when the etag they sent is the mirror's (or they sent none). Otherwise
 * nothing is known of it, and a 412 makes every differing field a conflict.
 */
const baseValuesOf = (
  target: WriteTarget,
  etag: string | undefined,
  values: Record<string, unknown>,
  earlier: readonly WriteState[],
): Record<string, unknown> | null => {
  if (etag !== undefined && etag !== target.etag) return null;
  const base: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(values)) {
    const seen = earlier.reduce<unknown>(
      (acc, w) => (w.status === 'pending' && field in w.values ? w.values[field] : acc),
      field === 'custom_field_values' ? (target.data[field] ?? []) : fieldValueOf(target.data, field, v),
    );
    base[field] = seen;
  }
  return base;
};

/**
 * Longest the 202 waits for its pending row to be readable. A log reader sees an event only once every older
 * transaction on the server has ended, so a busy Postgres (another service's long transaction) can hold it back for
 * seconds; the 202 stays quick when it is not, and the read-your-write promise holds through a few slow seconds.
 */
const OWN_WRITE_WAIT_MS = 10_000;

/**
 * Read your own write: brings the pending-writes read model up to this append before answering, for up to
 * {@link OWN_WRITE_WAIT_MS}; past it (or while another runner holds the projection) the row follows within its poll.
 */
const seeOwnWrite = async (db: Kysely<OrchestratorDb>, at: LogPosition): Promise<void> => {
  const until = Date.now() + OWN_WRITE_WAIT_MS;
  while (!(await tryCatchUp(db, pendingWritesProjection, at)) && Date.now() < until) await sleep(25);
};

/**
 * Records a write (`ClioWriteRequested`) before it is answered. The same idempotency key again returns the write it
 * made first, whatever the body (the stream exists: the decider appends nothing).
 */
export const requestWrite = async (
  db: Kysely<OrchestratorDb>,
  input: WriteInput,
  now: Date,
): Promise<{ write: WriteState; repeated: boolean }> => {
  const key = input.idempotencyKey ?? randomUUID();
  const writeId = writeIdOf(input.firmId, key);
  const { target } = input;
  const createWriteId = target?.createWriteId ?? null;
  const keyed = { ...input, writeId, recordId: target?.recordId ?? null, createWriteId };
  // The writes that go before this one (the same record's queue): their values are what the person saw.
  const earlier = target === null ? [] : await openWritesOfRecordKey(db, input.firmId, recordKeyOf(keyed));
  for (;;) {
    const loaded = await loadWrite(db, writeId);
    const decision = decideWrite(loaded.state, {
      kind: 'request',
      request: {
        writeId,
        idempotencyKey: key,
        entityType: input.entityType,
        operation: input.operation,
        recordId: target?.recordId ?? null,
        matterId: input.matterId,
        contactId: input.contactId,
        values: input.values,
        baseEtag: target === null ? null : (input.etag ?? target.etag),
        baseValues: target === null ? null : baseValuesOf(target, input.etag, input.values, earlier),
        requestedBy: input.userId,
        ...(createWriteId === null ? {} : { createWriteId }),
      },
    });
    if (decision.rejected) throw new Error(`a write request cannot be refused: ${decision.reason}`);
    if (loaded.state !== null) return { write: loaded.state, repeated: true };
    const meta = { firmId: input.firmId, correlationId: writeId, causationId: null, at: now };
    const at = await appendWriteEvents(db, writeId, loaded.version, decision.events, meta);
    if (at !== false) {
      // Read your own write: the pending row is in the read model before the 202, unless another runner holds the
      // projection (then it follows within its poll).
      if (at !== null) await seeOwnWrite(db, at);
      const after = await loadWrite(db, writeId);
      if (after.state) return { write: after.state, repeated: false };
    }
  }
};

/** The firm's write, read from its stream (always current, even before the read model has it), or null. */
export const readWrite = async (db: Kysely<OrchestratorDb>, firmId: string, writeId: string) => {
  const loaded = await loadWrite(db, writeId);
  return loaded.firmId === firmId ? loaded.state : null;
};

export const writesInStatus = (db: Kysely<OrchestratorDb>, firmId: string, status: WriteStatus, limit: number) =>
  listWrites(db, { firmId, status, limit });

export type ResolveResult =
  { ok: true; write: WriteState } | { ok: false; reason: 'not_found' | 'not_conflicted' | 'values_required' };

/** A person resolves a conflicted write of their firm (keep mine, keep Clio's, or edit). */
export const resolveWrite = async (
  db: Kysely<OrchestratorDb>,
  input: {
    firmId: string;
    writeId: string;
    userId: string;
    resolution: WriteResolution;
    values: Record<string, unknown> | null;
  },
  now: Date,
): Promise<ResolveResult> => {
  for (;;) {
    const loaded = await loadWrite(db, input.writeId);
    if (loaded.firmId !== input.firmId || loaded.state === null) return { ok: false, reason: 'not_found' };
    const d = decideWrite(loaded.state, {
      kind: 'resolve',
      resolution: input.resolution,
      values: input.values,
      by: input.userId,
    });
    if (d.rejected) return { ok: false, reason: d.reason };
    const meta = { firmId: input.firmId, correlationId: input.writeId, causationId: null, at: now };
    const at = await appendWriteEvents(db, input.writeId, loaded.version, d.events, meta);
    if (at !== false) {
      if (at !== null) await seeOwnWrite(db, at);
      const after = await loadWrite(db, input.writeId);
      return { ok: true, write: after.state ?? loaded.state };
    }
  }
};
