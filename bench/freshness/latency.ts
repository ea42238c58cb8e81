// Change in the simulator → mirror row visible, at a steady rate over many firms, with webhooks; and the same changes
// seen by a polling loop (updated_since listings at a fixed interval) for comparison. Counts API calls of each.
import { sql } from 'kysely';
import { createClioClient, type ClioClient } from '@sf/clio-client';
import { listingSourceOf, mirrorTableOf, type ClioEntityType } from '@sf/clio-mirror';
import type { WebhooksHarness } from '../../apps/webhooks/src/testing/webhooks-harness';
import { stageTimes, type StageTimes } from './stages';

/** Resources the activity generator changes that webhooks cover. */
const TYPES = ['matters', 'contacts', 'tasks', 'activities', 'calendar_entries'] as const;
type Tracked = (typeof TYPES)[number];

interface Change {
  firm: number;
  type: Tracked;
  id: number;
  etag: string;
  at: number;
  webhookMs?: number;
  pollMs?: number;
}

export interface LatencyResult {
  changes: number;
  webhookSeen: number;
  pollSeen: number;
  webhookMs: number[];
  pollMs: number[];
  webhookApiCalls: number;
  pollApiCalls: number;
  /** Where the webhook latency went, per change seen. */
  stages: StageTimes;
}

const MIX = {
  notes: { create: 0, update: 0, delete: 0 },
  relationships: { create: 0, update: 0, delete: 0 },
  documents: { create: 0, update: 0, delete: 0 },
  matters: { delete: 0 },
  contacts: { delete: 0 },
  tasks: { delete: 0 },
  activities: { delete: 0 },
  calendar_entries: { delete: 0 },
};

/** Requests the simulators served (the bench uses no control route). */
const served = (h: WebhooksHarness): number => h.firms.reduce((n, f) => n + f.sim.requests.count, 0);

export const measureLatency = async (
  h: WebhooksHarness,
  o: { ratePerS: number; seconds: number; pollIntervalMs: number; settleMs: number },
): Promise<LatencyResult> => {
  const changes: Change[] = [];
  h.firms.forEach((f, firm) =>
    f.sim.store.onChange((c) => {
      if (c.kind === 'deleted' || !(TYPES as readonly string[]).includes(c.resource)) return;
      changes.push({ firm, type: c.resource as Tracked, id: c.id, etag: c.record.etag, at: Date.now() });
    }),
  );
  // start() sets the mix; the bench then steps the generator itself at its own steady rate.
  for (const f of h.firms) {
    f.sim.edge.activity.start({ opsPerMinute: 1, mix: MIX });
    f.sim.edge.activity.stop();
  }

  const clients: ClioClient[] = h.firms.map((f) =>
    createClioClient({ db: h.db, firmId: f.firmId, tokens: tokensOf(h, f.firmId), maxWaitMs: 5_000 }),
  );
  const requestsBefore = served(h);
  let pollCalls = 0;
  let running = true;
  const since = h.firms.map(() => new Date(Date.now() - 2_000).toISOString());
  const poller = (async () => {
    while (running) {
      await new Promise((r) => setTimeout(r, o.pollIntervalMs));
      for (let i = 0; i < h.firms.length; i++) {
        const next = new Date(Date.now() - 2_000).toISOString();
        for (const type of TYPES) {
          const src = listingSourceOf(type as ClioEntityType);
          for await (const page of clients[i]!.pages(
            { resource: src.resource, fields: ['id', 'etag'], filters: { ...src.filters, updated_since: since[i]! } },
            'backfill',
          )) {
            if (!page.ok) break;
            pollCalls += page.apiCalls;
            const now = Date.now();
            const etags = new Set(page.page.records.map((r) => `${String(r.id)} ${String(r.etag)}`));
            for (const c of changes)
              if (c.firm === i && c.type === type && c.pollMs === undefined && etags.has(`${c.id} ${c.etag}`))
                c.pollMs = now - c.at;
          }
        }
        since[i] = next;
      }
    }
  })();

  // One query per entity type over every firm per round: a query per firm and type (100 a round) made the watcher
  // itself seconds late on a loaded machine.
  const webhookWatcher = (async () => {
    while (running) {
      const pending = changes.filter((c) => c.webhookMs === undefined);
      for (const type of TYPES) {
        const mine = pending.filter((c) => c.type === type);
        if (mine.length === 0) continue;
        const rows = await sql<{ firm_id: string; id: string; etag: string }>`
          select firm_id, id, etag from ${sql.table(mirrorTableOf(type))}
          where firm_id = any(${[...new Set(mine.map((c) => h.firms[c.firm]!.firmId))]}::text[])
            and id = any(${[...new Set(mine.map((c) => String(c.id)))]}::text[])`.execute(h.t.db);
        const now = Date.now();
        const have = new Set(rows.rows.map((r) => `${r.firm_id} ${r.id} ${r.etag}`));
        for (const c of mine) if (have.has(`${h.firms[c.firm]!.firmId} ${c.id} ${c.etag}`)) c.webhookMs = now - c.at;
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  })();

  // Steady rate: one operation every 1/rate s, round robin over the firms.
  const start = Date.now();
  let n = 0;
  while (Date.now() - start < o.seconds * 1000) {
    const due = Math.floor(((Date.now() - start) / 1000) * o.ratePerS);
    while (n < due) h.firms[n++ % h.firms.length]!.sim.edge.activity.step(1);
    await new Promise((r) => setTimeout(r, 5));
  }
  const deadline = Date.now() + o.settleMs;
  while (Date.now() < deadline && changes.some((c) => c.webhookMs === undefined || c.pollMs === undefined))
    await new Promise((r) => setTimeout(r, 100));
  running = false;
  await Promise.all([poller, webhookWatcher]);
  const total = served(h) - requestsBefore;
  const stages = await stageTimes(
    h.t.db,
    changes.map((c) => ({
      firmId: h.firms[c.firm]!.firmId,
      type: c.type,
      id: c.id,
      etag: c.etag,
      at: c.at,
      ...(c.webhookMs === undefined ? {} : { seenAt: c.at + c.webhookMs }),
    })),
  );
  return {
    stages,
    changes: changes.length,
    webhookSeen: changes.filter((c) => c.webhookMs !== undefined).length,
    pollSeen: changes.filter((c) => c.pollMs !== undefined).length,
    webhookMs: changes.flatMap((c) => (c.webhookMs === undefined ? [] : [c.webhookMs])),
    pollMs: changes.flatMap((c) => (c.pollMs === undefined ? [] : [c.pollMs])),
    webhookApiCalls: Math.max(0, total - pollCalls),
    pollApiCalls: pollCalls,
  };
};

const tokensOf = (h: WebhooksHarness, firmId: string) => {
  const f = h.firms.find((x) => x.firmId === firmId)!;
  return {
    getToken: async () => {
      const t = f.sim.edge.issueToken();
      return {
        ok: true as const,
        accessToken: t.access_token,
        expiresAt: new Date(Date.now() + t.expires_in * 1000).toISOString(),
        region: 'us' as const,
        apiBaseUrl: f.sim.baseUrl(),
        connectionId: f.connectionId,
      };
    },
  };
};
