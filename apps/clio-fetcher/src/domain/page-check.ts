import { checkRecord, type ClioEntityType } from '@sf/clio-mirror';

export interface FlaggedRecord {
  id: string | null;
  reason: string;
}

export interface CheckedPage {
  /** Records to append as fetched (exactly as Clio sent them). */
  valid: Array<Record<string, unknown>>;
  flagged: FlaggedRecord[];
}

/** Splits a page into records the mirror can take and records to flag for review (the sync carries on). */
export const checkPage = (entityType: ClioEntityType, records: readonly Record<string, unknown>[]): CheckedPage => {
  const valid: Array<Record<string, unknown>> = [];
  const flagged: FlaggedRecord[] = [];
  for (const r of records) {
    const c = checkRecord(entityType, r);
    if (c.ok) valid.push(r);
    else flagged.push({ id: c.id, reason: c.reason.slice(0, 1000) });
  }
  return { valid, flagged };
};
