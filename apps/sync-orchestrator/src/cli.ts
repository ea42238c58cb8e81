// `npm run sync -- <command>`: the sync service from a terminal, against DATABASE_URL (no HTTP, no NATS). Requests
// and controls go through the same SyncService functions as the API; the orchestrator's read models are caught up
// first, so it works whether or not an orchestrator is running. Prints JSON; exit 2 = usage, 3 = refused/not found.
// `npm run sync -- --help` prints the usage.
import { createDb, databaseUrlFromEnv, migrateToLatest } from '@sf/db';
import { ORCHESTRATOR_MIGRATION_SETS, type OrchestratorDb } from './schema/orchestrator-schema';
import { projectionByName } from '@sf/sync-read-models';
import { catchUp } from '@sf/projections';
import { isRejection, SyncScope } from '@sf/sync-jobs';
import { parseCliArgs, USAGE, type CliCommand } from './cli-args';
import { createSyncService, syncDeps, type SyncService } from './sync/sync-service';

const print = (value: unknown): void => {
  process.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
};

const run = async (service: SyncService, c: Exclude<CliCommand, { kind: 'help' }>): Promise<number> => {
  switch (c.kind) {
    case 'request': {
      const scope = c.matterId === null ? SyncScope.firm() : SyncScope.matter(c.matterId);
      const { firmId, trigger, requestedBy, onboarding } = c;
      print(await service.request({ firmId, scope, trigger, requestedBy, onboarding }));
      return 0;
    }
    case 'resync': {
      const r = await service.resync({ firmId: c.firmId, entityType: c.entityType, requestedBy: c.requestedBy });
      if (!isRejection(r)) {
        print(r);
        return 0;
      }
      process.stderr.write(`--${r.field === 'entityType' ? 'entity-type' : r.field}: ${r.message}\n`);
      return 2;
    }
    case 'onboarding': {
      const r = await service.setOnboarding({ firmId: c.firmId, options: c.options, changedBy: c.changedBy });
      if (!isRejection(r)) {
        print(r);
        return 0;
      }
      process.stderr.write(`--${r.field === 'recentMonths' ? 'recent-months' : r.field}: ${r.message}\n`);
      return 2;
    }
    case 'status': {
      const job = await service.job(null, c.jobId);
      print(job ?? { error: 'sync job not found' });
      return job === null ? 3 : 0;
    }
    case 'control': {
      const r = await service.control({
        firmId: null,
        jobId: c.jobId,
        control: c.control,
        requestedBy: null,
        ...(c.reason === null ? {} : { reason: c.reason }),
      });
      print(r);
      return r.kind === 'done' ? 0 : 3;
    }
  }
};

const main = async (): Promise<number> => {
  const parsed = parseCliArgs(process.argv.slice(2));
  if (!parsed.ok) {
    process.stderr.write(`${parsed.message}\n\n${USAGE}\n`);
    return 2;
  }
  if (parsed.command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const db = createDb<OrchestratorDb>({ url: databaseUrlFromEnv(), max: 2, applicationName: 'sync-cli' });
  try {
    await migrateToLatest(db, ORCHESTRATOR_MIGRATION_SETS);
    for (const name of ['sync_jobs', 'firm_connections']) {
      const p = projectionByName(name);
      if (p) await catchUp(db, p);
    }
    return await run(createSyncService(syncDeps(db)), parsed.command);
  } finally {
    await db.destroy();
  }
};

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
