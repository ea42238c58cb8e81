import { execFileSync, spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { sql } from 'kysely';
import { migrationTableOf } from '@sf/db';
import { ADMIN_DATABASE_URL, createOwnPgCluster, createTestDatabase, freePort, withAdmin } from '@sf/testing';
import { ALL_MIGRATION_SETS } from './migration-sets';
import { RUN_CLUSTER_ENV, RUN_CLUSTER_SETTINGS, RUN_TEMPLATE_DATABASE, sweepRunClusters } from './test-postgres';

const clusters = (): string[] =>
  execFileSync('pg_lsclusters', ['-h'], { encoding: 'utf8' })
    .split('\n')
    .filter(Boolean)
    .map((line) => line.split(/\s+/).slice(1, 3).join(':'));

const runCluster = process.env[RUN_CLUSTER_ENV] ?? 'none: the global setup made no cluster';

// SF_TEST_PG=shared runs the tests on the shared server by choice: then there is no run cluster to check.
const describeRunCluster = process.env['SF_TEST_PG'] === 'shared' ? describe.skip : describe;

describeRunCluster("the run's own Postgres (tools/test-postgres.ts, started by the Jest global setup)", () => {
  it('is where the tests create their databases: a cluster named after the Jest process, sized for the run', async () => {
    expect(clusters()).toContain(`${runCluster}:${new URL(ADMIN_DATABASE_URL).port}`);
    const c = new Client({ connectionString: ADMIN_DATABASE_URL });
    await c.connect();
    try {
      const { rows } = await c.query<{ max_connections: string }>('show max_connections');
      expect(rows[0]?.max_connections).toBe(RUN_CLUSTER_SETTINGS['max_connections']);
    } finally {
      await c.end();
    }
  });

  it('copies every test database from the migrated template instead of migrating it again', async () => {
    const template = await withAdmin(ADMIN_DATABASE_URL, async (c) => {
      const { rows } = await c.query<{ datistemplate: boolean; datallowconn: boolean }>(
        'select datistemplate, datallowconn from pg_database where datname = $1',
        [RUN_TEMPLATE_DATABASE],
      );
      return rows[0];
    });
    expect(template).toEqual({ datistemplate: true, datallowconn: false });
    const started = new Date();
    const t = await createTestDatabase();
    try {
      for (const set of ALL_MIGRATION_SETS) {
        const { rows } = await sql<{ name: string; timestamp: string }>`
          select name, timestamp from ${sql.table(migrationTableOf(set.owner))}`.execute(t.db);
        expect(rows.map((r) => r.name).sort()).toEqual(Object.keys(set.migrations).sort());
        // Applied when the template was made, before this test began: copied, not run again.
        for (const r of rows) expect(new Date(r.timestamp).getTime()).toBeLessThan(started.getTime());
      }
    } finally {
      await t.drop();
    }
  });

  it("sweeps the cluster of a run whose process is gone, and keeps the live run's", async () => {
    const gone = spawnSync('true').pid;
    const name = `sf_jest_${gone}`;
    const port = await freePort();
    createOwnPgCluster(name, port);
    try {
      expect(clusters()).toContain(`${name}:${port}`);
      expect(sweepRunClusters()).toContain(name);
      expect(clusters().map((c) => c.split(':')[0])).not.toContain(name);
      expect(clusters().map((c) => c.split(':')[0])).toContain(runCluster);
    } finally {
      if (clusters().some((c) => c.startsWith(`${name}:`))) execFileSync('pg_dropcluster', ['--stop', '15', name]);
    }
  });
});
