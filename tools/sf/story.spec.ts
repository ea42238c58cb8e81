import { tellStory, type StoryEvent } from './story';

let n = 0;
const ev = (type: string, data: Record<string, unknown>, at = '2026-12-03T10:00:00.000Z'): StoryEvent => ({
  type,
  data: { jobId: 'j1', ...data },
  occurredAt: at,
  position: String(++n).padStart(5, '0'),
});

describe('tellStory', () => {
  it('tells request, pages with counts, a block and its resume, a takeover, deletions and completion', () => {
    const story = tellStory([
      ev('SyncRequested', { trigger: 'manual', scope: { kind: 'firm' }, requestedBy: 'u1' }),
      ev('SyncJobStarted', { entityTypes: ['matters', 'contacts'], estimatedTotal: 300 }),
      ev('ClioRecordsFetched', { entityType: 'matters' }),
      ev('SyncProgressed', { entityType: 'matters', fetched: 200, total: 250, cursor: 'next', apiCalls: 1 }),
      ev('SyncJobBlocked', { reason: 'rate limit', blockedUntil: '2026-12-03T10:01:00.000Z' }),
      ev('SyncJobResumed', {}),
      ev(
        'SyncProgressed',
        { entityType: 'matters', fetched: 250, total: 250, cursor: null, apiCalls: 3 },
        '2026-12-03T10:01:05.000Z',
      ),
      ev('SyncJobResumed', {}, '2026-12-03T10:01:15.000Z'),
      ev('SyncProgressed', { entityType: 'contacts', fetched: 50, total: null, cursor: null }),
      ev('RecordsSwept', { entityType: 'matters', listed: 250, softDeletedIds: ['7', '8'], restoredIds: [] }),
      ev('SyncJobCompleted', { counts: { matters: 250, contacts: 50 } }),
    ]);
    expect(story.lines.map((l) => l.text)).toEqual([
      'requested (manual) for the firm by u1; policy decision: start',
      'started: 2 entity types, estimated 300 records',
      'page of matters: +200 records (200 of 250), 1 API call',
      'blocked until 2026-12-03T10:01:00.000Z: rate limit',
      'resumed after the block',
      'page of matters: +50 records (250 of 250), 3 API calls, listing done',
      'TAKEOVER: a new worker resumed the job from its checkpoint; the previous worker stopped (killed or restarted), 10 s after its last progress',
      'page of contacts: +50 records (50), listing done',
      "deletion check of matters: 2 deleted (not in Clio's complete listing of 250), 0 restored",
      'completed: matters 250, contacts 50',
    ]);
    expect(story.summary).toEqual({
      state: 'completed',
      pages: { matters: 2, contacts: 1 },
      records: { matters: 250, contacts: 50 },
      apiCalls: 4,
      deleted: 2,
      blocks: 1,
      stalls: 0,
      takeovers: 1,
      errors: [],
    });
  });

  it('tells a stall restart apart from a takeover, and records failures', () => {
    const story = tellStory([
      ev('SyncJobStarted', { entityTypes: ['matters'], estimatedTotal: null }),
      ev('SyncJobStalled', { lastProgressAt: '2026-12-03T10:00:00.000Z', stalledForMs: 300_000 }),
      ev('SyncJobResumed', {}),
      ev('SyncJobFailed', { code: 'auth_failed', reason: 'Reconnect Clio' }),
    ]);
    expect(story.lines.map((l) => l.text)).toEqual([
      'started: 1 entity types, estimated unknown records',
      'stalled: no progress for 300 s since 2026-12-03T10:00:00.000Z',
      'restarted from its checkpoint after the stall',
      'failed (auth_failed): Reconnect Clio',
    ]);
    expect(story.summary).toMatchObject({
      state: 'failed',
      stalls: 1,
      takeovers: 0,
      errors: ['auth_failed: Reconnect Clio'],
    });
  });
});
