import { SyncTriggers, type SyncTrigger } from '@sf/contracts';
import { evaluate } from './evaluate';
import { syncPolicyConfig } from './sync-policy-config';
import { SyncDecision } from './sync-decision';
import { SyncPolicyState } from './sync-policy-state';
import { budget, givenState, HOUR, MINUTE, NOW, runningJob, SECOND } from './sync-policy-state.fixture';

interface Row {
  given: string;
  state: SyncPolicyState;
  when: SyncTrigger;
  then: SyncDecision;
}

const title = 'given $given, when $when, then $then.action $then.reason';
const syncing: SyncDecision = { action: 'skip', reason: 'already_syncing', metadata: { activeJobId: 'job-1' } };
const restart: SyncDecision = { action: 'start', reason: 'stalled_restart', metadata: { restartJobId: 'job-1' } };
const STALL = 5 * MINUTE;

describe('evaluate: single flight (a job already covers the scope)', () => {
  it.each(
    Object.values(SyncTriggers).map((trigger): Row => ({
      given: 'a job that progressed 5 s ago',
      state: givenState({ activeJob: runningJob() }),
      when: trigger,
      then: syncing,
    })),
  )(title, ({ state, when, then }) => {
    expect(evaluate(state, when, NOW)).toEqual(then);
  });

  it.each<Row>([
    {
      given: 'a job waiting out a rate limit for 90 s more',
      state: givenState({ activeJob: runningJob({ state: 'blocked', blockedUntil: NOW + 90 * SECOND }) }),
      when: 'manual',
      then: {
        action: 'block',
        reason: 'blocked_until',
        metadata: { activeJobId: 'job-1', blockedUntil: NOW + 90 * SECOND, retryAfterMs: 90 * SECOND },
      },
    },
    {
      given: 'a blocked job whose wait ends exactly now (it resumes by itself)',
      state: givenState({ activeJob: runningJob({ state: 'blocked', blockedUntil: NOW }) }),
      when: 'manual',
      then: syncing,
    },
    {
      given: 'a blocked job without a known end',
      state: givenState({ activeJob: runningJob({ state: 'blocked' }) }),
      when: 'webhook',
      then: syncing,
    },
    {
      given: 'a running job with a stray future blockedUntil (only the blocked state waits)',
      state: givenState({ activeJob: runningJob({ blockedUntil: NOW + MINUTE }) }),
      when: 'manual',
      then: syncing,
    },
    {
      given: 'a long-stalled job still waiting out a rate limit',
      state: givenState({
        activeJob: runningJob({ state: 'blocked', blockedUntil: NOW + MINUTE, lastProgressAt: NOW - 2 * HOUR }),
      }),
      when: 'maintenance',
      then: {
        action: 'block',
        reason: 'blocked_until',
        metadata: { activeJobId: 'job-1', blockedUntil: NOW + MINUTE, retryAfterMs: MINUTE },
      },
    },
  ])(title, ({ state, when, then }) => {
    expect(evaluate(state, when, NOW)).toEqual(then);
  });
});

describe('evaluate: stalled job restart from checkpoint', () => {
  it.each<Row>([
    {
      given: 'no progress for exactly 30 min, budget available',
      state: givenState({ activeJob: runningJob({ lastProgressAt: NOW - STALL }) }),
      when: 'maintenance',
      then: restart,
    },
    {
      given: 'no progress for 1 ms under 5 min',
      state: givenState({ activeJob: runningJob({ lastProgressAt: NOW - STALL + 1 }) }),
      when: 'maintenance',
      then: syncing,
    },
    {
      given: 'a stalled job and an unknown budget',
      state: givenState({ activeJob: runningJob({ lastProgressAt: NOW - 2 * HOUR }), budget: null }),
      when: 'maintenance',
      then: restart,
    },
    {
      given: 'a stalled job but only the reserve left (waiting for budget is not a stall)',
      state: givenState({
        activeJob: runningJob({ lastProgressAt: NOW - 2 * HOUR }),
        budget: budget({ remaining: 14 }),
      }),
      when: 'maintenance',
      then: syncing,
    },
    {
      given: 'a stalled job, budget exhausted',
      state: givenState({
        activeJob: runningJob({ lastProgressAt: NOW - 2 * HOUR }),
        budget: budget({ remaining: 0 }),
      }),
      when: 'maintenance',
      then: syncing,
    },
    {
      given: 'old progress but a rate-limit wait that ended 4 min ago (clock starts at the wait end)',
      state: givenState({
        activeJob: runningJob({ state: 'blocked', blockedUntil: NOW - 4 * MINUTE, lastProgressAt: NOW - 2 * HOUR }),
      }),
      when: 'maintenance',
      then: syncing,
    },
    {
      given: 'old progress and a rate-limit wait that ended 5 min ago',
      state: givenState({
        activeJob: runningJob({ state: 'blocked', blockedUntil: NOW - STALL, lastProgressAt: NOW - 2 * HOUR }),
      }),
      when: 'maintenance',
      then: restart,
    },
    {
      given: 'a stalled job',
      state: givenState({ activeJob: runningJob({ lastProgressAt: NOW - 2 * HOUR }) }),
      when: 'schedule',
      then: syncing,
    },
    {
      given: 'a stalled job',
      state: givenState({ activeJob: runningJob({ lastProgressAt: NOW - 2 * HOUR }) }),
      when: 'manual',
      then: syncing,
    },
  ])(title, ({ state, when, then }) => {
    expect(evaluate(state, when, NOW)).toEqual(then);
  });

  it('given a 3 min stall override and 4 min without progress, when maintenance, then restarts', () => {
    const state = givenState({ activeJob: runningJob({ lastProgressAt: NOW - 4 * MINUTE }) });
    expect(evaluate(state, 'maintenance', NOW, syncPolicyConfig({ stallAfterMs: 3 * MINUTE }))).toEqual(restart);
    expect(evaluate(state, 'maintenance', NOW)).toEqual(syncing);
  });
});
