import { execFileSync, spawnSync } from 'node:child_process';
import { Client } from 'pg';
import { ADMIN_DATABASE_URL, createOwnPgCluster, freePort } from '@sf/testing';
import { RUN_CLUSTER_ENV, RUN_CLUSTER_SETTINGS, sweepRunClusters } from './test-postgres';

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
