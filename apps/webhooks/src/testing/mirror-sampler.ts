// Test-only: samples every mirror row's `updated_at` in a loop, to show that no record ever moves backwards while
// webhooks (in any order, some lost, some twice) and syncs write the mirror.
import { sql, type Kysely } from 'kysely';
import { MIRROR_TABLES } from '@sf/clio-mirror';

export interface MirrorSampler {
  /** Stops sampling; resolves with `<table>/<firm>/<id>` of every row seen with an older `updated_at` than before. */
  stop(): Promise<string[]>;
  /** Rows sampled at least once, and full passes over the tables so far. */
  rows(): number;
  rounds(): number;
}

export const mirrorSampler = <DB>(db: Kysely<DB>, everyMs = 50): MirrorSampler => {
  const seen = new Map<string, number>();
  const backwards: string[] = [];
  let rounds = 0;
  let sampling = true;
  const loop = (async () => {
    while (sampling) {
      for (const table of MIRROR_TABLES) {
        const rows = await sql<{ firm_id: string; id: string; updated_at: Date | null }>`
          select firm_id, id, updated_at from ${sql.table(table)}`.execute(db);
        for (const r of rows.rows) {
          const key = `${table}/${r.firm_id}/${r.id}`;
          const t = r.updated_at?.getTime() ?? 0;
          const before = seen.get(key) ?? 0;
          if (t < before) backwards.push(key);
          seen.set(key, Math.max(t, before));
        }
      }
      rounds++;
      await new Promise((r) => setTimeout(r, everyMs));
    }
  })();
  return {
    stop: async () => {
      sampling = false;
      await loop;
      return backwards;
    },
    rows: () => seen.size,
    rounds: () => rounds,
  };
};
