import type { MirrorSource } from '../mirror-source';
import { isoTime } from './iso-time';

/** When and from where a mirrored record was last written. */
export interface SyncStamp {
  /** Event time of the last write (ISO); null for rows written before the mirror kept it (rebuild to fill). */
  lastSyncedAt: string | null;
  source: MirrorSource;
  /** The sync job whose event last wrote the record; null for other sources. */
  jobId: string | null;
}

/** One mirrored record as the read API serves it. */
export interface MirrorRecordView {
  id: string;
  etag: string;
  createdAt: string | null;
  updatedAt: string | null;
  /** The matter the record belongs to (a matter: itself). */
  matterId: string | null;
  /** Folders and documents: the parent folder. */
  parentId?: string | null;
  /** Soft-deleted: trashed in Clio, or missing from a complete listing. Shown only when asked for. */
  isDeleted: boolean;
  deletedAt: string | null;
  /** Clio redacted the record for this connection's user: it exists, `data` is empty. */
  isRedacted: boolean;
  /** The record as Clio sent it (the requested fields, Clio's names). */
  data: Record<string, unknown>;
  /** Typed data from the detail tables (matter fields, custom field values, contact emails, versions, amounts). */
  details: Record<string, unknown>;
  sync: SyncStamp;
}

/** A row of a mirror list query (columns of the entity table, plus `details`). */
export interface MirrorReadRow {
  id: string;
  etag: string;
  created_at: Date | null;
  updated_at: Date | null;
  matter_id: string | null;
  parent_id?: string | null;
  is_soft_deleted: boolean;
  deleted_at: Date | null;
  is_redacted: boolean;
  data: Record<string, unknown>;
  details: Record<string, unknown> | null;
  last_synced_at: Date | null;
  last_source: string;
  last_job_id: string | null;
}

const iso = (d: Date | null): string | null => (d === null ? null : isoTime(d));
/** Column names are a small closed set: each is converted once. */
const CAMEL = new Map<string, string>();
const camel = (k: string): string => {
  let c = CAMEL.get(k);
  if (c === undefined) {
    c = k.replace(/_([a-z])/g, (_, x: string) => x.toUpperCase());
    CAMEL.set(k, c);
  }
  return c;
};

/** Detail rows arrive as jsonb with column names: the API names them in camelCase, like every other field. */
const camelKeys = (v: unknown): unknown => {
  if (Array.isArray(v)) return v.map(camelKeys);
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const k in v) out[camel(k)] = camelKeys((v as Record<string, unknown>)[k]);
  return out;
};

export const toRecordView = (r: MirrorReadRow): MirrorRecordView => ({
  id: r.id,
  etag: r.etag,
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  matterId: r.matter_id,
  ...(r.parent_id === undefined ? {} : { parentId: r.parent_id }),
  isDeleted: r.is_soft_deleted,
  deletedAt: iso(r.deleted_at),
  isRedacted: r.is_redacted,
  data: r.data,
  details: r.details === null ? {} : (camelKeys(r.details) as Record<string, unknown>),
  sync: {
    lastSyncedAt: iso(r.last_synced_at),
    source: r.last_source as MirrorSource,
    jobId: r.last_source === 'sync' ? r.last_job_id : null,
  },
});
