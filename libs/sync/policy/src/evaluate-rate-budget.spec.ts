import type { SyncTrigger } from '@sf/contracts';
import { evaluate } from './evaluate';
import { SyncPolicyConfig, syncPolicyConfig } from './sync-policy-config';
import { SyncDecision } from './sync-decision';
import { BudgetView } from './sync-policy-state';
import { budget, givenState, NOW, SECOND } from './sync-policy-state.fixture';

interface Row {
  given: string;
  budget: BudgetView | null;
  when: SyncTrigger;
  then: SyncDecision;
}

const title = 'given $given, when $when, then $then.action $then.reason';
const ok: SyncDecision = { action: 'start', reason: 'ok' };
const untilReset = { blockedUntil: NOW + 30 * SECOND, retryAfterMs: 30 * SECOND };
const exhausted: SyncDecision = { action: 'block', reason: 'rate_budget_exhausted', metadata: untilReset };
const reserved: SyncDecision = { action: 'block', reason: 'rate_budget_reserved', metadata: untilReset };
const INTERACTIVE = ['manual', 'webhook', 'process_click'] as const;
const BACKFILL = ['first_login', 'schedule', 'maintenance'] as const;

// Never synced, so first_login and process_click apply; limit 50 -> reserve 10, minimum to start 5.
const run = ({ budget: b, when }: Row, config = syncPolicyConfig()) =>
  evaluate(givenState({ lastSyncedAt: null, budget: b }), when, NOW, config);

describe('evaluate: rate budget, reserve and minimum', () => {
  it.each<Row>([
    ...[...INTERACTIVE, ...BACKFILL].map((when): Row => ({
      given: 'no budget known yet',
      budget: null,
      when,
      then: ok,
    })),
    ...[...INTERACTIVE, ...BACKFILL].map((when): Row => ({
      given: '4 left (under the minimum of 5)',
      budget: budget({ remaining: 4 }),
      when,
      then: exhausted,
    })),
    ...INTERACTIVE.map((when): Row => ({
      given: '5 left (interactive may spend the reserve)',
      budget: budget({ remaining: 5 }),
      when,
      then: ok,
    })),
    ...BACKFILL.map((when): Row => ({
      given: '14 left (only 4 above the reserve of 10)',
      budget: budget({ remaining: 14 }),
      when,
      then: reserved,
    })),
    ...BACKFILL.map((when): Row => ({
      given: '15 left (5 above the reserve)',
      budget: budget({ remaining: 15 }),
      when,
      then: ok,
    })),
    ...[...INTERACTIVE, ...BACKFILL].map((when): Row => ({
      given: '0 left in a window that reset exactly now',
      budget: budget({ remaining: 0, resetAt: NOW }),
      when,
      then: ok,
    })),
    {
      given: 'limit 51 -> reserve rounds up to 11, 15 left',
      budget: budget({ limit: 51, remaining: 15 }),
      when: 'schedule',
      then: reserved,
    },
    {
      given: 'limit 51 -> reserve 11, 16 left',
      budget: budget({ limit: 51, remaining: 16 }),
      when: 'schedule',
      then: ok,
    },
  ])(title, (row) => {
    expect(run(row)).toEqual(row.then);
  });

  it.each<Row & { config: Partial<SyncPolicyConfig> }>([
    {
      given: 'no reserve configured, 5 left',
      config: { reserveShare: 0 },
      budget: budget({ remaining: 5 }),
      when: 'schedule',
      then: ok,
    },
    {
      given: 'minimum 0, 0 left',
      config: { minRemainingToStart: 0 },
      budget: budget({ remaining: 0 }),
      when: 'manual',
      then: ok,
    },
    {
      given: 'minimum 20, 19 left',
      config: { minRemainingToStart: 20 },
      budget: budget({ remaining: 19 }),
      when: 'manual',
      then: exhausted,
    },
  ])('with overrides: $given, when $when, then $then.reason', (row) => {
    expect(run(row, syncPolicyConfig(row.config))).toEqual(row.then);
  });

  it('given a 50 % reserve override (25 of 50), when schedule, then 29 left is reserved and 30 left starts', () => {
    const row: Row = { given: '', budget: budget({ remaining: 29 }), when: 'schedule', then: reserved };
    expect(run(row, syncPolicyConfig({ reserveShare: 0.5 }))).toEqual(reserved);
    expect(run({ ...row, budget: budget({ remaining: 30 }) }, syncPolicyConfig({ reserveShare: 0.5 }))).toEqual(ok);
  });
});
