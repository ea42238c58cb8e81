// Test-only: one scheduler tick in its own process, stopping for good right after the claim commits
// (`SCHEDULER_CHILD_HOLD=claim`) or right after the sync request returns (`=request`), so a test can kill -9 it there.
import { createDb } from '@sf/db';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import { createScheduler } from '../schedule/scheduler';
import { createSyncService, syncDeps } from '../sync/sync-service';

const hold = process.env['SCHEDULER_CHILD_HOLD'];
const clock = Number(process.env['SCHEDULER_CHILD_NOW_MS']);
const forever = (line: string) => {
  process.stdout.write(`${line}\n`);
  return new Promise<void>(() => setInterval(() => undefined, 60_000));
};

const main = async (): Promise<void> => {
  const db = createDb<OrchestratorDb>({ url: process.env['DATABASE_URL']!, max: 2 });
  const scheduler = createScheduler({
    db,
    service: createSyncService(syncDeps(db)),
    now: () => new Date(clock),
    batch: 1,
    hooks: {
      afterClaim: async () => (hold === 'claim' ? forever('scheduler child claimed') : undefined),
      afterRequest: async () => (hold === 'request' ? forever('scheduler child requested') : undefined),
    },
  });
  process.stdout.write('scheduler child ready\n');
  await scheduler.tick();
  process.stdout.write('scheduler child tick done\n');
  await db.destroy();
};

void main();
