import { TREE_ENTITY_TYPES, type ClioEntityType } from './entity-types';

/** The mirror columns a Clio record maps to (everything but the firm and the log position). */
export interface MirrorRecord {
  id: string;
  etag: string;
  /** ISO instants (ms precision, UTC) or null. */
  createdAt: string | null;
  /** Null only for a redacted record (Clio sends no timestamps for it). */
  updatedAt: string | null;
  deletedAt: string | null;
  /** Clio sent the record redacted (`{"id": …, "redacted": true}`): live, without data. */
  isRedacted: boolean;
  /** Trashed in Clio (`deleted_at` set); only documents and folders can be. */
  isSoftDeleted: boolean;
  /** The matter the record belongs to (a matter: itself; records without a matter: null). */
  matterId: string | null;
  /** Documents and folders only (null elsewhere). */
  parentId: string | null;
  data: Record<string, unknown>;
}

export type RecordCheck = { ok: true; row: MirrorRecord } | { ok: false; id: string | null; reason: string };

const ID_MAX = 200;

/** Clio ids are integers (a few resources use strings); the mirror keys them as text. */
export const clioIdOf = (v: unknown): string | null => {
  if (typeof v === 'number' && Number.isSafeInteger(v)) return String(v);
  if (typeof v === 'string' && v.length > 0 && v.length <= ID_MAX) return v;
  return null;
};

const UTC_INSTANT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})(?:\.(\d{3}))?(?:Z|[+-]00:00)$/;
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;

/**
 * A UTC instant with every field in range, already in the mirror's form but for the offset and the milliseconds:
 * what Clio sends for almost every timestamp. Formatting it through a Date (toISOString) was most of instantOf's
 * cost, three times per record in the fetcher and again in the mirror.
 */
const utcFastPath = (v: string): string | null => {
  const m = UTC_INSTANT.exec(v);
  if (m === null) return null;
  const [, y, mo, d, h, mi, se, ms] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || Number(h) > 23 || Number(mi) > 59 || Number(se) > 59 || day < 1) return null;
  if (day > (month === 2 && isLeap(year) ? 29 : DAYS_IN_MONTH[month - 1]!)) return null;
  return `${y}-${mo}-${d}T${h}:${mi}:${se}.${ms ?? '000'}Z`;
};

/** Clio sends `2025-01-31T09:15:00+00:00`; the mirror keeps ms-precision UTC ISO so rebuilds equal live rows. */
export const instantOf = (v: unknown): string | null => {
  if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}T/.test(v)) return null;
  const fast = utcFastPath(v);
  if (fast !== null) return fast;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : new Date(ms).toISOString();
};

type Check = (r: Record<string, unknown>) => string | null;

const optionalInstant =
  (field: string): Check =>
  (r) =>
    r[field] === null || r[field] === undefined || instantOf(r[field]) !== null
      ? null
      : `${field}: must be an ISO-8601 instant or null`;

const optionalRef =
  (field: string): Check =>
  (r) => {
    const v = r[field];
    if (v === null || v === undefined) return null;
    return typeof v === 'object' && !Array.isArray(v) && clioIdOf((v as Record<string, unknown>)['id']) !== null
      ? null
      : `${field}: must be an object with an id, or null`;
  };

const COMMON: readonly Check[] = [
  (r) => (clioIdOf(r['id']) === null ? 'id: must be an integer or a non-empty string' : null),
  (r) => (typeof r['etag'] === 'string' && r['etag'].length > 0 ? null : 'etag: must be a non-empty string'),
  (r) => (instantOf(r['updated_at']) === null ? 'updated_at: must be an ISO-8601 instant' : null),
  optionalInstant('created_at'),
];
const TREE: readonly Check[] = [optionalInstant('deleted_at'), optionalRef('matter'), optionalRef('parent')];

const refId = (v: unknown): string | null =>
  typeof v === 'object' && v !== null ? clioIdOf((v as Record<string, unknown>)['id']) : null;

/**
 * Validates one fetched record (id, etag, timestamps, and for documents/folders the trash date and tree refs)
 * and maps it to its mirror columns. Reasons name the field, never its value (values may be client data).
 */
export const checkRecord = (entityType: ClioEntityType, record: unknown): RecordCheck => {
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return { ok: false, id: null, reason: 'record: must be an object' };
  const r = record as Record<string, unknown>;
  // Only `{"id": …, "redacted": true}` stands for a whole record; a record with more fields and `redacted: true` had
  // some values removed (an activity's rate or hours) and is stored as fetched.
  if (r['redacted'] === true && Object.keys(r).every((k) => k === 'id' || k === 'redacted'))
    return redactedRecord(entityType, r);
  const tree = TREE_ENTITY_TYPES.has(entityType);
  const reasons = [...COMMON, ...(tree ? TREE : [])].map((check) => check(r)).filter((x): x is string => x !== null);
  const id = clioIdOf(r['id']);
  if (reasons.length > 0 || id === null) return { ok: false, id, reason: reasons.join('; ') };
  const deletedAt = tree ? instantOf(r['deleted_at']) : null;
  return {
    ok: true,
    row: {
      id,
      etag: r['etag'] as string,
      createdAt: instantOf(r['created_at']),
      updatedAt: instantOf(r['updated_at']) as string,
      deletedAt,
      isSoftDeleted: deletedAt !== null,
      isRedacted: false,
      matterId: entityType === 'matters' ? id : refId(r['matter']),
      parentId: tree ? refId(r['parent']) : null,
      data: r,
    },
  };
};

/**
 * A record Clio redacted for this user (Contacts Visibility, role or scope): only its id is known. It is stored as a
 * live, redacted row (never flagged, never taken for a deletion); its earlier data is not kept.
 */
const redactedRecord = (entityType: ClioEntityType, r: Record<string, unknown>): RecordCheck => {
  const id = clioIdOf(r['id']);
  if (id === null) return { ok: false, id: null, reason: 'id: must be an integer or a non-empty string' };
  return {
    ok: true,
    row: {
      id,
      etag: '',
      createdAt: null,
      updatedAt: null,
      deletedAt: null,
      isSoftDeleted: false,
      isRedacted: true,
      matterId: entityType === 'matters' ? id : null,
      parentId: null,
      data: { id: r['id'], redacted: true },
    },
  };
};
