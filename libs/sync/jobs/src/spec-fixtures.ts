// Test-only builders for the sync-jobs specs (not exported from the lib).
import { newEvent, type CurrentEventData, type EventType } from '@sf/contracts';
import type { BudgetView } from '@sf/sync-policy';
import type { CommandMeta } from './command-meta';
import { EMPTY_JOB_TAIL, jobTailOf, type JobTail } from './job-tail';
import type { ScopeFacts } from './policy-state';
import type { SyncLogEvent } from './sync-log-event';
import { SyncScope } from './sync-scope';

export const FIRM = 'firm-1';
export const MATTER = SyncScope.matter('m-1');
export const NOW = new Date('2026-01-01T12:00:00.000Z');
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;

export const ago = (ms: number): Date => new Date(NOW.getTime() - ms);

let counter = 0;
const uuid = (): string => `00000000-0000-4000-8000-${(++counter).toString(16).padStart(12, '0')}`;

/** A valid catalogue event of `type` decided at `at`. */
export const ev = <K extends EventType>(type: K, data: CurrentEventData[K], at: Date = NOW): SyncLogEvent => {
  const built = newEvent({
    eventId: uuid(),
    type,
    data,
    metadata: { firmId: FIRM, correlationId: 'corr', causationId: null, occurredAt: at.toISOString() },
  });
  if (!built.ok) throw new Error(`fixture ${type} invalid: ${built.reason}`);
  return built.value as SyncLogEvent;
};

export const requested = (
  jobId: string,
  at: Date,
  trigger: CurrentEventData['SyncRequested']['trigger'] = 'manual',
  scope: SyncScope = MATTER,
) => ev('SyncRequested', { jobId, scope, trigger, requestedBy: 'user-1' }, at);
export const completed = (jobId: string, at: Date, scope: SyncScope = MATTER) =>
  ev('SyncJobCompleted', { jobId, scope, counts: { documents: 3 } }, at);
export const failed = (jobId: string, at: Date, scope: SyncScope = MATTER) =>
  ev('SyncJobFailed', { jobId, scope, code: 'clio_unavailable', reason: 'Clio was down' }, at);
export const cancelled = (jobId: string, at: Date, scope: SyncScope = MATTER) =>
  ev('SyncJobCancelled', { jobId, scope, reason: 'Stopped by user' }, at);

/** The same ids on every command, so expected events can be built with the same ids. */
export const EVENT_IDS = [
  '11111111-1111-4111-8111-111111111111',
  '22222222-2222-4222-8222-222222222222',
  '33333333-3333-4333-8333-333333333333',
] as const;

export const meta = (): CommandMeta => ({
  firmId: FIRM,
  correlationId: 'corr',
  causationId: null,
  eventIds: EVENT_IDS,
});

export const budget = (overrides: Partial<BudgetView> = {}): BudgetView => ({
  limit: 50,
  remaining: 50,
  resetAt: NOW.getTime() + 30 * SECOND,
  ...overrides,
});

export const facts = (overrides: Partial<ScopeFacts> = {}): ScopeFacts => ({
  connection: 'active',
  budget: budget(),
  firmScope: null,
  activeJob: null,
  hasSomethingToSync: true,
  ...overrides,
});

/** A job stream whose last event (the `version`-th) is `last`. */
export const tail = (version: number, last: SyncLogEvent | null): JobTail =>
  last === null ? EMPTY_JOB_TAIL : jobTailOf(version, last);
