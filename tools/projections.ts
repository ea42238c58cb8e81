// `npm run projections -- run`: runs every projection until SIGINT/SIGTERM (safe beside other replicas).
// `npm run projections -- rebuild <name|all>`: truncates the read model(s), resets the checkpoint, replays the log.
// HEALTH_PORT (run only): serves /health/live, /health/ready (Postgres, each read model within SF_READY_MAX_LAG_S,
// default 120, of the log) and /metrics; unset = none, 0 = a free port.
import './otel';
import type { Kysely } from 'kysely';
import { createDb, databaseUrlFromEnv, dbPoolMaxFromEnv, migrateToLatest } from '@sf/db';
import { ALL_MIGRATION_SETS, type PlatformDb } from './migration-sets';
import { checkpointName, rebuildProjection, startProjectionRunner } from '@sf/projections';
import { checkpointLag } from '@sf/event-store';
import { projectionEvents, projectionLagEvents, projectionLagSeconds, startProcessMetrics } from '@sf/metrics';
import { ALL_PROJECTIONS, projectionsNamed } from './projection-registry';
import { createLogger } from '@sf/logging';
import { checkPostgres, createBudgetedDb, startHealthServer } from '@sf/service-kit';

const USAGE = 'usage: projections run | projections rebuild <all|' + ALL_PROJECTIONS.map((p) => p.name).join('|') + '>';

const log = createLogger({ name: 'projections', level: process.env['LOG_LEVEL'] || 'info' });

const lagsOf = (db: Kysely<PlatformDb>) => () =>
  Promise.all(
    ALL_PROJECTIONS.map(async (p) => ({ projection: p.name, ...(await checkpointLag(db, checkpointName(p))) })),
  );

const run = async (url: string): Promise<void> => {
  startProcessMetrics('projections');
  // Each projection's loop applies one batch at a time in a transaction; the lag probes beside them.
  const { db } = createBudgetedDb<PlatformDb>(log, {
    url,
    applicationName: 'projections',
    parts: { loops: ALL_PROJECTIONS.length, probes: 2 },
    override: dbPoolMaxFromEnv(),
  });
  await migrateToLatest(db, ALL_MIGRATION_SETS);
  const lags = lagsOf(db);
  projectionLagEvents.source(async () =>
    (await lags()).map((l) => ({ labels: { projection: l.projection }, value: l.events })),
  );
  projectionLagSeconds.source(async () =>
    (await lags()).map((l) => ({ labels: { projection: l.projection }, value: l.seconds })),
  );
  const runner = startProjectionRunner(db, ALL_PROJECTIONS, {
    onBatch: (b) => projectionEvents.inc({ projection: b.projection }, b.events.length),
    onReset: (name) => log.info({ projection: name }, 'new projection or new version, building from position 0'),
    onError: (name, err) => log.error({ projection: name, err }, 'batch failed, will retry'),
  });
  const healthPort = process.env['HEALTH_PORT'];
  const health =
    healthPort === undefined || healthPort === ''
      ? undefined
      : await startHealthServer({
          port: Number(healthPort),
          host: process.env['HOST'] || undefined,
          probe: async () => {
            const maxLag = Number(process.env['SF_READY_MAX_LAG_S'] || 120);
            const behind = await lags().catch(() => null);
            return {
              postgres: await checkPostgres(db),
              // Each read model's loop keeps up with the log.
              ...Object.fromEntries(
                ALL_PROJECTIONS.map((p) => {
                  const l = behind?.find((x) => x.projection === p.name);
                  return [`projection:${p.name}`, l !== undefined && l.seconds <= maxLag ? 'ok' : 'down'] as const;
                }),
              ),
            };
          },
        });
  log.info(
    { projections: ALL_PROJECTIONS.map((p) => p.name), healthPort: health?.port },
    'running every projection (Ctrl-C to stop)',
  );
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await runner.stop();
  await health?.close();
  await db.destroy();
  log.info('stopped');
};

const rebuild = async (url: string, which: string | undefined): Promise<void> => {
  const named = which === 'all' ? ALL_PROJECTIONS : which ? projectionsNamed(which) : [];
  if (named.length === 0) throw new Error(USAGE);
  const db = createDb<PlatformDb>({ url, max: 2, applicationName: 'projections-rebuild' });
  try {
    await migrateToLatest(db, ALL_MIGRATION_SETS);
    for (const p of named) {
      const started = Date.now();
      const { events } = await rebuildProjection(db, p, { batchSize: 1000 });
      log.info({ projection: p.name, events, ms: Date.now() - started }, 'rebuilt');
    }
  } finally {
    await db.destroy();
  }
};

const main = async (): Promise<void> => {
  const [command, arg] = process.argv.slice(2);
  const url = databaseUrlFromEnv();
  if (command === 'run') return run(url);
  if (command === 'rebuild') return rebuild(url, arg);
  throw new Error(USAGE);
};

main().catch((err: unknown) => {
  // Usage errors are ours and say what to type; anything else is logged without its message.
  if (err instanceof Error && err.message === USAGE) process.stderr.write(`${USAGE}\n`);
  else log.fatal({ err }, 'projections failed');
  process.exit(1);
});
