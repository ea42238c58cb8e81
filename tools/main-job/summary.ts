// The closing report: every mirror table against the simulator's ground truth, API usage, and where to look next.
import type { Kysely } from 'kysely';
import { sql } from 'kysely';

export interface GroundTruth {
  counts: Record<string, number>;
  records: Record<string, { id: number | string; etag: string }[]>;
}

export interface MirrorCheck {
  entityType: string;
  clio: number;
  mirror: number;
  exact: boolean;
}

/** Mirror tables holding a Clio resource, where they are not `clio_<resource>`: notes are listed by kind. */
const TABLES_OF: Readonly<Record<string, readonly string[]>> = {
  notes: ['clio_matter_notes', 'clio_contact_notes'],
  // Only each document's latest version is synced (nested in the document); the e2e tests compare those.
  document_versions: [],
};

/** Compares (id, etag) sets of each mirror table (rows not soft-deleted) with Clio's ground truth. */
export const checkMirror = async <DB>(db: Kysely<DB>, firmId: string, truth: GroundTruth): Promise<MirrorCheck[]> => {
  const out: MirrorCheck[] = [];
  for (const [entityType, records] of Object.entries(truth.records)) {
    const tables = TABLES_OF[entityType] ?? [`clio_${entityType}`];
    const rows: Array<{ id: string; etag: string }> = [];
    let found = false;
    for (const table of tables) {
      const exists = await sql<{ t: string | null }>`select to_regclass(${table})::text as t`.execute(db);
      if (!exists.rows[0]?.t) continue;
      found = true;
      const r = await sql<{ id: string; etag: string }>`
        select id::text as id, etag from ${sql.table(table)} where firm_id = ${firmId} and not is_soft_deleted`.execute(
        db,
      );
      rows.push(...r.rows);
    }
    if (!found) continue;
    const mirror = new Map(rows.map((r) => [r.id, r.etag]));
    const exact = mirror.size === records.length && records.every((r) => mirror.get(String(r.id)) === r.etag);
    out.push({ entityType, clio: records.length, mirror: mirror.size, exact });
  }
  return out;
};

export const renderSummary = (s: {
  checks: MirrorCheck[];
  apiCalls: number;
  r429: number;
  seconds: number;
  jobId: string;
  firmId: string;
  urls: Record<string, string>;
  logDir: string;
}): string[] => {
  const width = Math.max(...s.checks.map((c) => c.entityType.length), 10);
  const allExact = s.checks.every((c) => c.exact);
  return [
    '',
    `Sync ${s.jobId} finished in ${s.seconds.toFixed(1)} s with ${s.apiCalls} Clio API calls and ${s.r429} HTTP 429 responses.`,
    '',
    `  ${'entity type'.padEnd(width)}  ${'in Clio'.padStart(8)}  ${'mirrored'.padStart(8)}  check`,
    ...s.checks.map(
      (c) =>
        `  ${c.entityType.padEnd(width)}  ${String(c.clio).padStart(8)}  ${String(c.mirror).padStart(8)}  ${c.exact ? 'exact (ids and etags match)' : 'MISMATCH'}`,
    ),
    '',
    allExact ? 'The mirror equals Clio for every entity type.' : 'The mirror does NOT equal Clio: see the logs.',
    '',
    'Where to look next:',
    ...Object.entries(s.urls).map(([k, v]) => `  ${k.padEnd(18)} ${v}`),
    `  logs               ${s.logDir}`,
    `  the mirror         psql "$DATABASE_URL" -c "select count(*) from clio_matters where firm_id = '${s.firmId}'"`,
    '  every event        psql "$DATABASE_URL" -c "select event_type, count(*) from es_events group by event_type"',
    '  docs               README.md, docs/architecture.md, docs/asyncapi.yaml',
  ];
};
