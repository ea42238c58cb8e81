import { foldScope } from './scope-state';
import { decideStallRestart, type CheckStall } from './stall-check';
import { MATTER, MINUTE, NOW, ago, budget, completed, ev, facts, meta, requested, tail } from './spec-fixtures';
import type { ScopeFacts } from './policy-state';

const progressAt = (at: Date, jobId = 'j1'): ScopeFacts['activeJob'] => ({
  jobId,
  tail: tail(3, ev('SyncProgressed', { jobId, entityType: 'documents', fetched: 1, total: 2 }, at)),
});
const check = (f: Partial<ScopeFacts>, jobId = 'j1'): CheckStall => ({
  ...meta(),
  scope: MATTER,
  jobId,
  facts: facts(f),
});
const open = foldScope([requested('j1', ago(2 * 60 * MINUTE))]);

describe('decideStallRestart', () => {
  it('restarts the job when it made no progress for the stall threshold while budget is available', () => {
    const outcome = decideStallRestart(check({ activeJob: progressAt(ago(31 * MINUTE)) }), open, NOW);
    expect(outcome?.decision.reason).toBe('stalled_restart');
    expect(outcome?.appends.map((a) => [a.streamId, a.expected, a.events.map((e) => e.type)])).toEqual([
      ['sync-job-j1', 3, ['SyncJobStalled', 'SyncJobResumed']],
    ]);
  });

  it.each<[string, ReturnType<typeof foldScope>, CheckStall]>([
    ['recent progress', open, check({ activeJob: progressAt(ago(2 * MINUTE)) })],
    [
      'no budget to run on: waiting, not stalled',
      open,
      check({ activeJob: progressAt(ago(31 * MINUTE)), budget: budget({ remaining: 8 }) }),
    ],
    [
      'the job ended meanwhile (never opens a new one)',
      foldScope([requested('j1', ago(60 * MINUTE)), completed('j1', ago(MINUTE))]),
      check({ activeJob: null }),
    ],
    [
      'another job is now the active one',
      foldScope([requested('j2', ago(60 * MINUTE))]),
      check({ activeJob: progressAt(ago(31 * MINUTE), 'j2') }),
    ],
    [
      'the connection needs re-authorisation',
      open,
      check({ activeJob: progressAt(ago(31 * MINUTE)), connection: 'needs_reauth' }),
    ],
  ])('does nothing when %s', (_name, scope, cmd) => {
    expect(decideStallRestart(cmd, scope, NOW)).toBeNull();
  });
});
