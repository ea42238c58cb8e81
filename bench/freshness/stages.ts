// Where a webhook change's latency goes: change in the simulator → delivery recorded by the ingress
// (`ClioWebhookReceived`) → applied by the applier (`ClioRecordsObserved`) → row seen in the mirror. Read from the log
// after the run (each event's `recorded_at`), so the measurement adds nothing to the path it measures.
import { sql, type Kysely } from 'kysely';

/** A change the bench made and, if seen, when its row showed in the mirror (epoch ms of this process's clock). */
export interface TimedChange {
  firmId: string;
  type: string;
  id: number;
  etag: string;
  at: number;
  seenAt?: number;
}

export interface StageTimes {
  /** Change → delivery recorded (simulator dispatch, HTTP, verification, group commit). */
  ingressMs: number[];
  /** Recorded → applied (applier poll, plan, any fetch, append). */
  applierMs: number[];
  /** Applied → row seen (mirror projection, and the bench's own watcher). */
  projectionMs: number[];
}

const keyOf = (firmId: string, type: string, id: string, etag: string): string => `${firmId} ${type} ${id} ${etag}`;

export const stageTimes = async <DB>(db: Kysely<DB>, changes: readonly TimedChange[]): Promise<StageTimes> => {
  const rows = await sql<{ type: string; firm: string; entity: string; id: string; etag: string; at: number }>`
    select e.event_type as type, e.metadata->>'firmId' as firm, e.data->>'entityType' as entity, r->>'id' as id,
      r->>'etag' as etag, (extract(epoch from e.recorded_at) * 1000)::float8 as at
    from es_events e cross join lateral jsonb_array_elements(e.data->'records') r
    where e.event_type in ('ClioWebhookReceived', 'ClioRecordsObserved')`.execute(db);
  const first = (type: string) => {
    const m = new Map<string, number>();
    for (const r of rows.rows) {
      if (r.type !== type) continue;
      const k = keyOf(r.firm, r.entity, r.id, r.etag);
      m.set(k, Math.min(m.get(k) ?? Infinity, Number(r.at)));
    }
    return m;
  };
  const received = first('ClioWebhookReceived');
  const observed = first('ClioRecordsObserved');
  const out: StageTimes = { ingressMs: [], applierMs: [], projectionMs: [] };
  for (const c of changes) {
    const k = keyOf(c.firmId, c.type, String(c.id), c.etag);
    const r = received.get(k);
    const o = observed.get(k);
    if (r === undefined || o === undefined || c.seenAt === undefined) continue;
    out.ingressMs.push(r - c.at);
    out.applierMs.push(o - r);
    out.projectionMs.push(c.seenAt - o);
  }
  return out;
};
