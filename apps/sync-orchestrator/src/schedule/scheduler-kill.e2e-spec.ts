import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestDatabase, spawnService, uniqueName, waitFor, type TestDatabase } from '@sf/testing';
import { connectFirm, finishJob } from '../testing/orchestrator-fixtures';
import { firmRequests, projectSchedules, startedAt, testScheduler } from '../testing/schedule-fixtures';
import type { OrchestratorDb } from '../schema/orchestrator-schema';
import { ensureRuns } from './schedule-runs';

const MIN = 60_000;
const LEASE_MS = 60_000;

// kill -9 of a scheduler process at the two points where a crash could lose or double a due run.
describe('scheduler killed between claim and request, and between request and completion (e2e)', () => {
  let t: TestDatabase<OrchestratorDb>;
  beforeAll(async () => {
    t = await createTestDatabase<OrchestratorDb>();
  });
  afterAll(async () => t?.drop());

  const killAt = async (hold: 'claim' | 'request', now: number) => {
    const child = spawnService({
      main: 'apps/sync-orchestrator/src/testing/scheduler-child.ts',
      readyLine: 'scheduler child ready',
      label: 'scheduler child',
      env: {
        DATABASE_URL: t.url,
        SCHEDULER_CHILD_HOLD: hold,
        SCHEDULER_CHILD_NOW_MS: String(now),
        LOG_LEVEL: 'silent',
      },
    });
    await child.started;
    await waitFor(
      () => Promise.resolve(child.output.join('')),
      (out) => out.includes(`scheduler child ${hold === 'claim' ? 'claimed' : 'requested'}`),
      { timeoutMs: 60_000, description: `the child to stop after the ${hold}` },
    );
    await child.kill();
  };
  /** Every other run (other firms', this firm's reconciliation) decided and due in a year: the child's batch of 1 is it. */
  const onlyDue = async (firm: string) => {
    await ensureRuns(t.db);
    await sql`
      update sync_schedule_runs r set due_at = now() + interval '1 year', seen_changed_at = s.changed_at
      from sync_schedules s
      where s.firm_id = r.firm_id and not (r.firm_id = ${firm} and r.kind = 'schedule')`.execute(t.db);
  };
  const claimOf = (firmId: string) =>
    t.db
      .selectFrom('sync_schedule_runs')
      .select(['claimed_by', 'run_seq'])
      .where('firm_id', '=', firmId)
      .where('kind', '=', 'schedule')
      .executeTakeFirstOrThrow();

  it('a run claimed by a killed scheduler fires once, on another replica, when the claim expires', async () => {
    const firm = uniqueName('kill_claim');
    await connectFirm(t.db, firm);
    await projectSchedules(t.db);
    const due = (await startedAt(t.db, firm)) + 15 * MIN;
    // Only this firm's schedule run is due at `due` (reconciliations wait for a day): the child's batch of 1 is it.
    await t.db
      .updateTable('sync_schedule_runs')
      .set({ due_at: new Date(due + 365 * 24 * 60 * MIN) })
      .execute();
    await killAt('claim', due);
    expect((await claimOf(firm)).claimed_by).not.toBeNull();
    expect(await firmRequests(t.db, firm)).toEqual([]);

    const clock = { now: due + LEASE_MS - 1 };
    const replica = testScheduler(t.db, clock);
    expect((await replica.tick()).fired.filter((f) => f.firmId === firm)).toEqual([]);
    clock.now = due + LEASE_MS;
    expect((await replica.tick()).fired.filter((f) => f.firmId === firm && f.kind === 'schedule')).toEqual([
      expect.objectContaining({ reason: 'ok' }),
    ]);
    expect(await firmRequests(t.db, firm)).toEqual([['schedule', expect.any(String)]]);
  });

  it('a run whose request committed before the kill is not doubled when another replica fires it again', async () => {
    const firm = uniqueName('kill_request');
    await connectFirm(t.db, firm);
    await projectSchedules(t.db);
    const due = (await startedAt(t.db, firm)) + 15 * MIN;
    await onlyDue(firm);
    await killAt('request', due);
    const requested = await firmRequests(t.db, firm);
    expect(requested).toEqual([['schedule', expect.any(String)]]);
    expect((await claimOf(firm)).run_seq).toBe('0');
    // The job even ended before the re-fire: the policy would start a new one, but the run's first event is in the
    // log already, so the run is done without a second request.
    await finishJob(t.db, firm, requested[0]![1], { kind: 'firm' }, new Date());
    await projectSchedules(t.db);

    const clock = { now: due + LEASE_MS };
    const fired = (await testScheduler(t.db, clock, { owner: randomUUID() }).tick()).fired.filter(
      (f) => f.firmId === firm && f.kind === 'schedule',
    );
    expect(fired).toEqual([expect.objectContaining({ reason: 'already_requested' })]);
    expect(await firmRequests(t.db, firm)).toEqual(requested);
    expect((await claimOf(firm)).run_seq).toBe('1');
  });
});
