import type { Kysely } from 'kysely';
import type { ClioClient } from '@sf/clio-client';
import { CLIO_FIELDS, listingSourceOf } from '@sf/clio-mirror';
import { fieldValueOf, sameJson, type WriteState } from '@sf/clio-writes';
import type { FetcherDb } from '../schema/fetcher-schema';
import { RESOURCE_OF } from './clio-write-request';

/** How far before the request a lookup starts: Clio's clock and ours may disagree by this much. */
const CLOCK_SKEW_MS = 10 * 60_000;

const INSTANT = /^\d{4}-\d{2}-\d{2}T/;

/** A written value equals Clio's: references by id, instants as instants (Clio formats them its own way). */
const matches = (record: Record<string, unknown>, field: string, wanted: unknown): boolean => {
  const theirs = fieldValueOf(record, field, wanted);
  const mine = field === 'custom_field_values' ? fieldValueOf({ [field]: wanted }, field, wanted) : wanted;
  if (typeof mine === 'string' && typeof theirs === 'string' && INSTANT.test(mine) && INSTANT.test(theirs))
    return Date.parse(mine) === Date.parse(theirs);
  if (mine !== null && typeof mine === 'object' && 'id' in mine && theirs !== null && typeof theirs === 'object')
    return String((mine as { id: unknown }).id) === String((theirs as { id?: unknown }).id);
  return sameJson(theirs, mine);
};

export type LookupOutcome =
  | { kind: 'found'; record: Record<string, unknown> }
  | { kind: 'absent' }
  | { kind: 'unavailable'; failure: Exclude<Awaited<ReturnType<ClioClient['fetchPage']>>, { ok: true }> };

/**
 * A create that was sent without a recorded answer may be in Clio already. It is looked for among the records of its
 * parent created since just before the request: one whose every written field equals the write's, and that no
 * other write of ours has claimed (applied), is that create's record. Only then is it never sent twice.
 */
export const findCreated = async (
  db: Kysely<FetcherDb>,
  client: ClioClient,
  firmId: string,
  w: WriteState,
): Promise<LookupOutcome> => {
  const source = listingSourceOf(w.entityType);
  const filters: Record<string, string> = {
    ...source.filters,
    created_since: new Date(Date.parse(w.requestedAt) - CLOCK_SKEW_MS).toISOString(),
    ...(w.matterId === null ? {} : { matter_id: w.matterId }),
    ...(w.contactId === null ? {} : { contact_id: w.contactId }),
  };
  const candidates: Array<Record<string, unknown>> = [];
  const req = { resource: RESOURCE_OF[w.entityType], fields: [...CLIO_FIELDS[w.entityType]], filters };
  for await (const page of client.pages(req, 'interactive')) {
    if (!page.ok) return { kind: 'unavailable', failure: page };
    for (const r of page.page.records)
      if (Object.entries(w.values).every(([f, v]) => matches(r, f, v))) candidates.push(r);
  }
  if (candidates.length === 0) return { kind: 'absent' };
  const claimed = new Set(
    (
      await db
        .selectFrom('clio_pending_writes')
        .select('record_id')
        .where('firm_id', '=', firmId)
        .where('entity_type', '=', w.entityType)
        .where('status', '=', 'applied')
        .where('write_id', '!=', w.writeId)
        .where(
          'record_id',
          'in',
          candidates.map((c) => String(c['id'])),
        )
        .execute()
    ).map((r) => r.record_id),
  );
  const mine = candidates.find((c) => !claimed.has(String(c['id'])));
  return mine ? { kind: 'found', record: mine } : { kind: 'absent' };
};
