// The Postgres server of a Jest run (tools/jest-global-setup.js runs this file in a child process):
// `node -r @swc-node/register tools/test-postgres.ts create <name> <port>` creates and starts a cluster of the run's
// own, migrates the template every test database is copied from, and prints both as one JSON line; `... drop <name>` stops and drops it; `... sweep` drops the clusters
// of runs whose process is gone (a run killed before its teardown).
//
// Why not the shared server on 5432: its max_connections (100) is the machine's default, and four workers each
// starting a stack of services (every one with its pool, lock and listen connections) passed it on CI ("sorry, too
// many clients already"). A cluster of the run's own holds what the run launches, and with fsync off (as every test
// cluster here) commits cost no disk flush. It is still a real Postgres 15; only durability across an OS crash goes.
import { execFileSync } from 'node:child_process';
import { createDb, migrateToLatest } from '@sf/db';
import { createDatabase, createOwnPgCluster, untilNoSessions, withAdmin } from '@sf/testing';
import { ALL_MIGRATION_SETS } from './migration-sets';

/** The run cluster's name, for the tests (set by the global setup beside TEST_ADMIN_DATABASE_URL). */
export const RUN_CLUSTER_ENV = 'SF_TEST_PG_CLUSTER';

/** Run clusters are named `sf_jest_<pid of the Jest process>`. */
const RUN_CLUSTER = /^sf_jest_(\d+)$/;

/** What the run's cluster is sized for: four workers, each a stack of about ten processes at their pool budgets. */
export const RUN_CLUSTER_SETTINGS: Readonly<Record<string, string>> = {
  max_connections: '500',
  shared_buffers: "'256MB'",
  synchronous_commit: 'off',
  full_page_writes: 'off',
};

/** The database test databases are copied from (`createTestDatabase` of @sf/testing). */
export const RUN_TEMPLATE_DATABASE = 'sf_test_template';

/**
 * Creates `name` with every owner's migrations and closes it to connections (a session on a template would make
 * copying it fail), waiting until the server has let the migrating one go.
 */
export const createTemplateDatabase = async (adminUrl: string, name: string): Promise<void> => {
  const url = await createDatabase(adminUrl, name);
  const db = createDb({ url, max: 1, applicationName: 'test-template' });
  try {
    await migrateToLatest(db, ALL_MIGRATION_SETS);
  } finally {
    await db.destroy();
  }
  await withAdmin(adminUrl, async (c) => {
    await c.query(`ALTER DATABASE "${name}" WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
    if (!(await untilNoSessions(c, name))) throw new Error(`template ${name} still has sessions`);
  });
};

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
};

const dropCluster = (name: string): void =>
  void execFileSync('pg_dropcluster', ['--stop', '15', name], { encoding: 'utf8', stdio: 'pipe' });

/** Drops the run clusters whose Jest process has exited; returns their names. */
export const sweepRunClusters = (): string[] => {
  const names = execFileSync('pg_lsclusters', ['--no-header'], { encoding: 'utf8' })
    .split('\n')
    .map((line) => line.trim().split(/\s+/)[1] ?? '');
  const stale = names.filter((n) => {
    const m = RUN_CLUSTER.exec(n);
    return m !== null && !alive(Number(m[1]));
  });
  stale.forEach(dropCluster);
  return stale;
};

if (require.main === module) {
  const [command, name, port] = process.argv.slice(2);
  if (command === 'create' && name && RUN_CLUSTER.test(name) && port) {
    sweepRunClusters();
    const cluster = createOwnPgCluster(name, Number(port), RUN_CLUSTER_SETTINGS);
    createTemplateDatabase(cluster.adminUrl, RUN_TEMPLATE_DATABASE).then(
      () =>
        process.stdout.write(`${JSON.stringify({ adminUrl: cluster.adminUrl, template: RUN_TEMPLATE_DATABASE })}\n`),
      (err: unknown) => {
        cluster.drop();
        throw err;
      },
    );
  } else if (command === 'drop' && name && RUN_CLUSTER.test(name)) {
    dropCluster(name);
  } else if (command === 'sweep') {
    process.stdout.write(`${JSON.stringify({ dropped: sweepRunClusters() })}\n`);
  } else {
    throw new Error('usage: test-postgres.ts create sf_jest_<pid> <port> | drop sf_jest_<pid> | sweep');
  }
}
