// `npm run projections -- run`: runs every projection until SIGINT/SIGTERM (safe beside other replicas).
// `npm run projections -- rebuild <name|all>`: truncates the read model(s), resets the checkpoint, replays the log.
import { createDb, databaseUrlFromEnv, migrateToLatest } from '@sf/db';
import { ALL_MIGRATION_SETS } from './migration-sets';
import { rebuildProjection, startProjectionRunner, type Projection } from '@sf/projections';
import { ALL_PROJECTIONS, projectionNamed } from './projection-registry';

const USAGE = 'usage: projections run | projections rebuild <all|' + ALL_PROJECTIONS.map((p) => p.name).join('|') + '>';

const errorText = (err: unknown): string => (err instanceof Error ? err.message : String(err));

const run = async (url: string): Promise<void> => {
  const db = createDb({ url, max: ALL_PROJECTIONS.length + 2, applicationName: 'projections' });
  await migrateToLatest(db, ALL_MIGRATION_SETS);
  const runner = startProjectionRunner(db, ALL_PROJECTIONS, {
    onReset: (name) => console.log(`${name}: new projection or new version, building from position 0`),
    onError: (name, err) => console.error(`${name}: batch failed, will retry: ${errorText(err)}`),
  });
  console.log(`running ${ALL_PROJECTIONS.map((p) => p.name).join(', ')} (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await runner.stop();
  await db.destroy();
  console.log('stopped');
};

const rebuild = async (url: string, which: string | undefined): Promise<void> => {
  const named = which === 'all' ? ALL_PROJECTIONS : [which && projectionNamed(which)].filter((p): p is Projection => !!p);
  if (named.length === 0) throw new Error(USAGE);
  const db = createDb({ url, max: 2, applicationName: 'projections-rebuild' });
  try {
    await migrateToLatest(db, ALL_MIGRATION_SETS);
    for (const p of named) {
      const started = Date.now();
      const { events } = await rebuildProjection(db, p, { batchSize: 1000 });
      console.log(`${p.name}: rebuilt from ${events} events in ${Date.now() - started} ms`);
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
  console.error(errorText(err));
  process.exit(1);
});
