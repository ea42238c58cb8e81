import { randomUUID } from 'node:crypto';
import { currentVersionOf, isEventType, type RecordedEvent } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';
import { countsOf, EMPTY_JOB, foldJob, foldOnto, restartPointOf } from './job-state';

let pos = 0;
const ev = (type: string, data: Record<string, unknown>, occurredAt = '2026-05-01T10:00:00.000Z'): RecordedEvent => {
  pos += 1;
  return {
    eventId: randomUUID(),
    type,
    version: isEventType(type) ? currentVersionOf(type) : 1,
    data: { jobId: 'j', ...data },
    metadata: { firmId: 'f', correlationId: 'c', causationId: null, occurredAt },
    streamId: 'sync-job-j',
    streamPosition: pos,
    globalPosition: String(100 + pos),
    transactionId: String(7 + pos),
  };
};
const page = (entityType: string, fetched: number, cursor: string | null, mode = 'full'): RecordedEvent[] => [
  ev('ClioRecordsFetched', { entityType, records: [{ id: fetched }] }),
  ev('SyncProgressed', { entityType, fetched, total: 400, cursor, mode }),
];

describe('foldJob', () => {
  beforeEach(() => {
    pos = 0;
  });

  it('is empty for an empty stream', () => {
    expect(foldJob([])).toEqual(EMPTY_JOB);
  });

  it('tracks the start, the page cursor of each entity type, where each listing began, and the version', () => {
    const started = ev('SyncJobStarted', {
      scope: { kind: 'firm' },
      entityTypes: ['users', 'matters', 'nonsense'],
      estimatedTotal: null,
      clioStartedAt: '2026-05-01T09:59:58.000Z',
    });
    const users = page('users', 8, null);
    const matters = [
      ...page('matters', 200, 'https://clio/matters?page_token=a', 'incremental'),
      ...page('matters', 400, 'https://clio/matters?page_token=b', 'incremental'),
    ];
    const s = foldJob([started, ...users, ...matters]);
    expect(s).toMatchObject({
      version: 7,
      started: true,
      startedAt: '2026-05-01T10:00:00.000Z',
      clioStartedAt: '2026-05-01T09:59:58.000Z',
      entityTypes: ['users', 'matters'],
      paused: false,
      blockedUntil: null,
    });
    expect(s.progress.users).toMatchObject({ fetched: 8, cursor: null, complete: true, mode: 'full', swept: false });
    expect(s.progress.matters).toMatchObject({
      fetched: 400,
      cursor: 'https://clio/matters?page_token=b',
      complete: false,
      mode: 'incremental',
    });
    // The listing starts at its first page's first event: rows that page wrote are never sweep candidates.
    expect(s.progress.matters!.listingStart).toEqual(LogPosition.of(matters[0]!));
    expect(s.lastPosition).toEqual(LogPosition.of(matters[3]!));
    expect(countsOf(s)).toEqual({ users: 8, matters: 400 });
  });

  it('starts a listing at its page cursor when a page had no valid record', () => {
    const only = ev('SyncProgressed', { entityType: 'tasks', fetched: 0, total: 0, cursor: null, mode: 'incremental' });
    expect(foldJob([only]).progress.tasks).toMatchObject({ listingStart: LogPosition.of(only), complete: true });
  });

  it('marks sweeps (documents by default) and follows blocks, pauses and resumes', () => {
    const base = foldJob([...page('documents', 5, null), ...page('folders', 2, null)]);
    const s1 = foldOnto(base, [
      ev('RecordsSwept', { matterId: 'm', listed: 5, softDeletedIds: [], restoredIds: [], heldForReview: false }),
    ]);
    expect(s1.progress.documents!.swept).toBe(true);
    expect(s1.progress.folders!.swept).toBe(false);
    const s2 = foldOnto(s1, [
      ev('RecordsSwept', {
        entityType: 'folders',
        listed: 2,
        softDeletedIds: [],
        restoredIds: [],
        heldForReview: true,
      }),
    ]);
    expect(s2.progress.folders!.swept).toBe(true);
    const blocked = foldOnto(s2, [ev('SyncJobBlocked', { reason: 'r', blockedUntil: '2026-05-01T10:01:00.000Z' })]);
    expect(blocked.blockedUntil).toBe('2026-05-01T10:01:00.000Z');
    const paused = foldOnto(blocked, [ev('SyncJobPaused', { reason: 'Stopped by user' })]);
    expect(paused.paused).toBe(true);
    const resumed = foldOnto(paused, [ev('SyncJobResumed', {})]);
    expect(resumed).toMatchObject({ paused: false, blockedUntil: null, version: 9 });
  });

  it('ignores progress without a page cursor and unknown entity types', () => {
    const s = foldJob([
      ev('SyncProgressed', { entityType: 'matters', fetched: 10, total: null }),
      ev('SyncProgressed', { entityType: 'bills', fetched: 1, total: null, cursor: null }),
    ]);
    expect(s.progress).toEqual({});
    expect(s.version).toBe(2);
  });

  it('completes a forbidden entity type without a sweep, and restarts a listing whose cursor was refused', () => {
    const s = foldJob([
      ...page('contacts', 200, 'https://clio/contacts?page_token=a'),
      ev('SyncListingRestarted', { entityType: 'contacts', afterId: '4711', reason: 'page_token refused: HTTP 400' }),
      ev('SyncEntityForbidden', { entityType: 'activities', reason: 'r', detail: 'HTTP 403 ForbiddenError' }),
    ]);
    expect(s.progress.contacts).toMatchObject({
      cursor: null,
      complete: false,
      fetched: 200,
      restartAfterId: '4711',
      restarts: 1,
    });
    expect(s.progress.activities).toMatchObject({ complete: true, swept: true, forbidden: true, cursor: null });
  });

  it("restarts a recent window's listing on its own, keeping the complete listing's progress", () => {
    const s = foldJob([
      ev('SyncProgressed', {
        entityType: 'documents',
        fetched: 200,
        total: null,
        cursor: 'https://c/w?page_token=a',
        mode: 'full',
        window: 'recent',
      }),
      ev('SyncListingRestarted', { entityType: 'documents', afterId: '900', reason: 'r', window: 'recent' }),
      ev('SyncProgressed', {
        entityType: 'documents',
        fetched: 250,
        total: null,
        cursor: 'https://c/w?page_token=b',
        mode: 'full',
        window: 'recent',
      }),
    ]);
    expect(s.recent.documents).toEqual({
      fetched: 250,
      cursor: 'https://c/w?page_token=b',
      complete: false,
      restartAfterId: '900',
    });
    expect(restartPointOf(s, 'documents', 'recent')).toBe('900');
    expect(restartPointOf(s, 'documents', null)).toBeNull();
    expect(s.progress.documents?.restarts).toBe(1);
  });
});
