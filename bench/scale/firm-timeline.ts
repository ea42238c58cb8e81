// Where a firm's wall time went, from its job stream: the wait for its first page, the Clio calls made in each 60 s
// from the first page (a window of 50 that carries fewer left units unspent), the times the job blocked on its budget,
// and the tail from the last page to completion (deletion checks, the completion append).
import { sql, type Kysely } from 'kysely';
import { streamIds } from '@sf/contracts';
import type { PlatformDb } from '../../tools/migration-sets';
import type { FirmRun } from './firm-runs';

export const firmTimeline = async (db: Kysely<PlatformDb>, run: FirmRun): Promise<string> => {
  const { rows } = await sql<{ type: string; at: Date; calls: number | null }>`
    select e.event_type as type, (e.metadata->>'occurredAt')::timestamptz as at,
           (e.data->>'apiCalls')::int as calls
    from es_events e where e.stream_id = ${streamIds.syncJob(run.jobId)}
      and e.event_type in ('SyncProgressed', 'SyncJobBlocked')
    order by e.stream_position`.execute(db);
  const pages = rows.filter((r) => r.type === 'SyncProgressed' && r.calls !== null);
  if (pages.length === 0) return `${run.firmId}: no pages`;
  const first = new Date(pages[0]!.at).getTime();
  const last = new Date(pages.at(-1)!.at).getTime();
  const perMinute: number[] = [];
  for (const p of pages) {
    const i = Math.floor((new Date(p.at).getTime() - first) / 60_000);
    perMinute[i] = (perMinute[i] ?? 0) + (p.calls ?? 0);
  }
  const s = (ms: number): string => (ms / 1000).toFixed(1);
  return (
    `wall ${run.wallS.toFixed(1)} s: first page +${s(first - run.startedAt)} s, calls per minute from it ` +
    `[${Array.from(perMinute, (n) => n ?? 0).join(', ')}], blocked ${rows.filter((r) => r.type === 'SyncJobBlocked').length}x, ` +
    `last page +${s(last - run.startedAt)} s, tail ${s(run.completedAt - last)} s`
  );
};
