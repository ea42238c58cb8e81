import { CLIO_FIELDS } from '@sf/clio-mirror';
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
      'relationships',
      'matter_notes',
      'contact_notes',
      'calendar_entries',
      'tasks',
      'folders',
      'documents',
      'activities',
    ]);
    expect(planEntityTypes(firm, ['activities', 'matters', 'bills'])).toEqual(['matters', 'activities']);
  });

  it('covers a matter with every type that belongs to it', () => {
    expect(planEntityTypes(matter, null)).toEqual([
      'matters',
      'relationships',
      'matter_notes',
      'calendar_entries',
      'tasks',
      'folders',
      'documents',
      'activities',
    ]);
    expect(planEntityTypes(matter, ['documents', 'contacts'])).toEqual(['documents']);
    expect(scopeKeyOf(matter)).toBe('matter-42');
    expect(scopeKeyOf(firm)).toBe('firm');
    expect(SyncScope.of({ kind: 'matter' })).toEqual(firm);
  });

  it("lists incrementally only from the scope's bookmark, outside first syncs and maintenance", () => {
    const b = '2026-05-01T00:00:00.000Z';
    expect(chooseMode(firm, 'manual', b)).toBe('incremental');
    expect(chooseMode(firm, 'schedule', b)).toBe('incremental');
    expect(chooseMode(firm, 'manual', null)).toBe('full');
    expect(chooseMode(firm, 'first_login', b)).toBe('full');
    expect(chooseMode(firm, 'maintenance', b)).toBe('full');
    expect(chooseMode(matter, 'manual', b)).toBe('incremental');
    expect(chooseMode(matter, 'webhook', null)).toBe('full');
  });

  it('asks for the one field table, the matter filter, and the trash in incremental tree listings', () => {
    const b = '2026-05-01T00:00:00.000Z';
    expect(listRequest('documents', matter, 'full', null, 200)).toEqual({
      resource: 'documents',
      limit: 200,
      filters: { matter_id: '42' },
      fields: CLIO_FIELDS.documents,
    });
    expect(listRequest('folders', firm, 'incremental', b, 100).filters).toEqual({
      updated_since: b,
      include_deleted: 'true',
    });
    expect(listRequest('matters', firm, 'incremental', b, 200).filters).toEqual({ updated_since: b });
    expect(listRequest('matters', matter, 'full', null, 200).filters).toEqual({ 'ids[]': '42' });
    expect(scopeFilters('documents', matter)).toEqual({ matter_id: '42' });
    expect(scopeFilters('tasks', matter)).toEqual({ matter_id: '42' });
    expect(scopeFilters('tasks', firm)).toEqual({});
  });

  it('lists matter notes and contact notes from the one notes resource, by type', () => {
    expect(listRequest('matter_notes', matter, 'full', null, 200)).toMatchObject({
      resource: 'notes',
      filters: { type: 'Matter', matter_id: '42' },
    });
    expect(listRequest('contact_notes', firm, 'full', null, 200)).toMatchObject({
      resource: 'notes',
      filters: { type: 'Contact' },
    });
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
