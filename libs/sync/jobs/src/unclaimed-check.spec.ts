import { foldScope } from './scope-state';
import { EMPTY_JOB_TAIL, jobTailOf } from './job-tail';
import { decideUnclaimed, type CheckUnclaimed } from './unclaimed-check';
import { MATTER, MINUTE, NOW, ago, completed, ev, meta, requested } from './spec-fixtures';

const check = (over: Partial<CheckUnclaimed> = {}): CheckUnclaimed => ({
  ...meta(),
  scope: MATTER,
  jobId: 'j1',
  tail: EMPTY_JOB_TAIL,
  unclaimedAfterMs: 10 * MINUTE,
  ...over,
});

describe('decideUnclaimed', () => {
  it('fails a job no worker started within the threshold, with an actionable reason, and fences a late start', () => {
    const scope = foldScope([requested('j1', ago(11 * MINUTE))]);
    const appends = decideUnclaimed(check(), scope, NOW);
    expect(appends?.map((a) => [a.streamId, a.expected, a.events.map((e) => e.type)])).toEqual([
      ['sync-scope-firm-1-matter-m-1', 1, ['SyncJobFailed']],
      ['sync-job-j1', 'no_stream', ['SyncJobPaused']],
    ]);
    expect(appends?.[0]?.events[0]?.data).toEqual({
      jobId: 'j1',
      scope: MATTER,
      code: 'stalled',
      reason: 'No sync worker started the job within 600 s. Request the sync again',
    });
    expect(appends?.[0]?.events[0]?.metadata.occurredAt).toBe(NOW.toISOString());
  });

  it.each<[string, ReturnType<typeof foldScope>, Partial<CheckUnclaimed>]>([
    ['younger than the threshold', foldScope([requested('j1', ago(9 * MINUTE))]), {}],
    [
      'a worker started it (its job stream has events)',
      foldScope([requested('j1', ago(60 * MINUTE))]),
      {
        tail: jobTailOf(
          1,
          ev('SyncJobStarted', { jobId: 'j1', scope: MATTER, entityTypes: [], estimatedTotal: null }, ago(59 * MINUTE)),
        ),
      },
    ],
    ['it ended meanwhile', foldScope([requested('j1', ago(60 * MINUTE)), completed('j1', ago(MINUTE))]), {}],
    ['another job is the active one', foldScope([requested('j2', ago(60 * MINUTE))]), {}],
  ])('does nothing when %s', (_title, scope, over) => {
    expect(decideUnclaimed(check(over), scope, NOW)).toBeNull();
  });
});
