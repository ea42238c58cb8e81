import fc from 'fast-check';
import { checkRecord, clioIdOf, instantOf } from './mirror-row';

const doc = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  id: 5001,
  etag: '"e1"',
  created_at: '2026-01-02T03:04:05+00:00',
  updated_at: '2026-01-03T00:00:00+00:00',
  deleted_at: null,
  name: 'Brief.pdf',
  matter: { id: 11 },
  parent: { id: 70 },
  ...over,
});

describe('checkRecord', () => {
  it('maps a document to its mirror columns, times normalised to UTC ms', () => {
    expect(checkRecord('documents', doc())).toEqual({
      ok: true,
      row: {
        id: '5001',
        isRedacted: false,
        etag: '"e1"',
        createdAt: '2026-01-02T03:04:05.000Z',
        updatedAt: '2026-01-03T00:00:00.000Z',
        deletedAt: null,
        isSoftDeleted: false,
        matterId: '11',
        parentId: '70',
        data: doc(),
      },
    });
  });

  it('takes a redacted record as a live, redacted row with nothing but its id', () => {
    expect(checkRecord('contacts', { id: 77, redacted: true })).toEqual({
      ok: true,
      row: {
        id: '77',
        etag: '',
        createdAt: null,
        updatedAt: null,
        deletedAt: null,
        isSoftDeleted: false,
        isRedacted: true,
        matterId: null,
        parentId: null,
        data: { id: 77, redacted: true },
      },
    });
    expect(checkRecord('contacts', { redacted: true })).toMatchObject({ ok: false, id: null });
  });

  it('marks a trashed document soft-deleted and accepts documents outside any matter', () => {
    const r = checkRecord('documents', doc({ deleted_at: '2026-02-01T00:00:00-05:00', matter: null }));
    expect(r).toMatchObject({
      ok: true,
      row: { isSoftDeleted: true, deletedAt: '2026-02-01T05:00:00.000Z', matterId: null },
    });
  });

  it('ignores tree fields on other entity types, and keys every record to its matter', () => {
    expect(
      checkRecord('matters', { id: 'm-1', etag: 'x', updated_at: '2026-01-01T00:00:00Z', deleted_at: 'garbage' }),
    ).toMatchObject({
      ok: true,
      row: { id: 'm-1', matterId: 'm-1', parentId: null, isSoftDeleted: false, createdAt: null },
    });
    const task = { id: 3, etag: 'x', updated_at: '2026-01-01T00:00:00Z', matter: { id: 9 }, parent: { id: 4 } };
    expect(checkRecord('tasks', task)).toMatchObject({ ok: true, row: { matterId: '9', parentId: null } });
    expect(checkRecord('contact_notes', { ...task, matter: null })).toMatchObject({ row: { matterId: null } });
  });

  it.each([
    [{ id: undefined }, null, 'id: must be an integer or a non-empty string'],
    [{ id: 1.5 }, null, 'id: must be an integer or a non-empty string'],
    [{ etag: 7 }, '5001', 'etag: must be a non-empty string'],
    [
      { etag: undefined, updated_at: 'yesterday' },
      '5001',
      'etag: must be a non-empty string; updated_at: must be an ISO-8601 instant',
    ],
    [{ deleted_at: 12 }, '5001', 'deleted_at: must be an ISO-8601 instant or null'],
    [{ matter: { name: 'x' } }, '5001', 'matter: must be an object with an id, or null'],
    [{ parent: [1] }, '5001', 'parent: must be an object with an id, or null'],
  ])('flags %j with the field name only', (over, id, reason) => {
    expect(checkRecord('documents', doc(over))).toEqual({ ok: false, id, reason });
  });

  it('flags non-objects', () => {
    expect(checkRecord('users', 'x')).toEqual({ ok: false, id: null, reason: 'record: must be an object' });
    expect(checkRecord('users', [1])).toEqual({ ok: false, id: null, reason: 'record: must be an object' });
  });
});

describe('clioIdOf / instantOf', () => {
  it('accepts safe integers and short strings as ids', () => {
    expect(clioIdOf(42)).toBe('42');
    expect(clioIdOf('text_line-1')).toBe('text_line-1');
    expect(clioIdOf('')).toBeNull();
    expect(clioIdOf(2 ** 60)).toBeNull();
    expect(clioIdOf('x'.repeat(201))).toBeNull();
  });

  it('accepts ISO instants only', () => {
    expect(instantOf('2026-01-01T00:00:00+01:00')).toBe('2025-12-31T23:00:00.000Z');
    expect(instantOf('Jan 1 2026')).toBeNull();
    expect(instantOf('2026-13-45T00:00:00Z')).toBeNull();
    expect(instantOf(null)).toBeNull();
  });

  it('formats every UTC instant exactly as a Date would, out-of-range fields included', () => {
    const slow = (v: string): string | null => {
      const ms = Date.parse(v);
      return Number.isNaN(ms) ? null : new Date(ms).toISOString();
    };
    const two = (max: number) => fc.integer({ min: 0, max }).map((n) => String(n).padStart(2, '0'));
    const instant = fc
      .tuple(
        fc.integer({ min: 0, max: 9999 }).map((n) => String(n).padStart(4, '0')),
        two(13),
        two(32),
        two(24),
        two(60),
        two(60),
        fc.option(
          fc.integer({ min: 0, max: 999 }).map((n) => `.${String(n).padStart(3, '0')}`),
          { nil: '' },
        ),
        fc.constantFrom('Z', '+00:00', '-00:00'),
      )
      .map(([y, mo, d, h, mi, s, ms, z]) => `${y}-${mo}-${d}T${h}:${mi}:${s}${ms}${z}`);
    fc.assert(
      fc.property(instant, (v) => instantOf(v) === slow(v)),
      { numRuns: 5_000 },
    );
    expect(instantOf('2024-02-29T23:59:59+00:00')).toBe('2024-02-29T23:59:59.000Z');
    expect(instantOf('2025-02-29T00:00:00Z')).toBe(slow('2025-02-29T00:00:00Z'));
  });
});
