import { SyncScope } from '@sf/sync-jobs';
import {
  chooseMode,
  clioClockOffsetMs,
  listRequest,
  nextBookmark,
  planEntityTypes,
  scopeFilters,
  scopeKeyOf,
} from './job-plan';

const firm = { kind: 'firm' } as const;
const matter = { kind: 'matter', matterId: '42' } as const;

describe('job plan', () => {
  it('fetches in priority order: small reference data first, documents and activities last', () => {
    expect(planEntityTypes(firm, null)).toEqual([
      'users',
      'custom_fields',
      'matters',
      'contacts',
      'calendar_entries',
      'tasks',
      'folders',
      'documents',
      'activities',
    ]);
    expect(planEntityTypes(firm, ['activities', 'matters', 'bills'])).toEqual(['matters', 'activities']);
  });

  it('covers a matter with its folders and documents only', () => {
    expect(planEntityTypes(matter, null)).toEqual(['folders', 'documents']);
    expect(planEntityTypes(matter, ['documents', 'matters'])).toEqual(['documents']);
    expect(scopeKeyOf(matter)).toBe('matter-42');
    expect(scopeKeyOf(firm)).toBe('firm');
    expect(SyncScope.of({ kind: 'matter' })).toEqual(firm);
  });

  it('lists incrementally only from a bookmark, outside first syncs, maintenance and matter scopes', () => {
    const b = '2026-05-01T00:00:00.000Z';
    expect(chooseMode(firm, 'manual', b)).toBe('incremental');
    expect(chooseMode(firm, 'schedule', b)).toBe('incremental');
    expect(chooseMode(firm, 'manual', null)).toBe('full');
    expect(chooseMode(firm, 'first_login', b)).toBe('full');
    expect(chooseMode(firm, 'maintenance', b)).toBe('full');
    expect(chooseMode(matter, 'manual', b)).toBe('full');
  });

  it('asks for the one field table, the matter filter, and the trash in incremental tree listings', () => {
    const b = '2026-05-01T00:00:00.000Z';
    expect(listRequest('documents', matter, 'full', null, 200)).toEqual({
      resource: 'documents',
      limit: 200,
      filters: { matter_id: '42' },
      fields: [
        'id',
        'etag',
        'created_at',
        'updated_at',
        'deleted_at',
        'name',
        'filename',
        'size',
        'content_type',
        'parent{id}',
        'matter{id}',
        'latest_document_version{id}',
      ],
    });
    expect(listRequest('folders', firm, 'incremental', b, 100).filters).toEqual({
      updated_since: b,
      include_deleted: 'true',
    });
    expect(listRequest('matters', firm, 'incremental', b, 200).filters).toEqual({ updated_since: b });
    expect(listRequest('matters', matter, 'full', null, 200).filters).toEqual({});
    expect(scopeFilters('documents', matter)).toEqual({ matter_id: '42' });
    expect(scopeFilters('tasks', matter)).toEqual({});
  });

  it("takes the next bookmark from the job's start as Clio saw it, minus the overlap", () => {
    expect(nextBookmark('2026-05-01T10:00:00.000Z', '2026-05-01T10:00:03.000Z', 300_000)).toBe(
      '2026-05-01T09:55:00.000Z',
    );
    expect(nextBookmark(null, '2026-05-01T10:00:03.000Z', 60_000)).toBe('2026-05-01T09:59:03.000Z');
  });

  it("moves a local start onto Clio's clock when the job never read it before starting", () => {
    const offset = clioClockOffsetMs('2026-05-01T09:00:00.000Z', new Date('2026-05-01T10:00:00.400Z'));
    expect(offset).toBe(-3_600_400);
    expect(nextBookmark(null, '2026-05-01T10:00:03.000Z', 300_000, offset)).toBe('2026-05-01T08:55:02.600Z');
    expect(nextBookmark('2026-05-01T09:00:00.000Z', '2026-05-01T10:00:03.000Z', 300_000, offset)).toBe(
      '2026-05-01T08:55:00.000Z',
    );
    expect(clioClockOffsetMs(null, new Date())).toBe(0);
  });
});
