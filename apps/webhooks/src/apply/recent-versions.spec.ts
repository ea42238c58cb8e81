import { RecentVersions } from './recent-versions';

const v = (id: number, etag: string, at: string) => ({ id, etag, updated_at: at });

describe('RecentVersions', () => {
  it('names a payload that shares its second with a version appended lately under another etag', () => {
    const recent = new RecentVersions();
    recent.remember('f1', 'matters', [v(1, '"c"', '2026-12-01T00:00:01+00:00')]);
    expect(recent.conflicts('f1', 'matters', v(1, '"u"', '2026-12-01T00:00:01Z'))).toBe(true);
    expect(recent.conflicts('f1', 'matters', v(1, '"c"', '2026-12-01T00:00:01Z'))).toBe(false); // a redelivery
    expect(recent.conflicts('f1', 'matters', v(1, '"u"', '2026-12-01T00:00:02Z'))).toBe(false); // a newer second
    expect(recent.conflicts('f2', 'matters', v(1, '"u"', '2026-12-01T00:00:01Z'))).toBe(false); // another firm
    expect(recent.conflicts('f1', 'contacts', v(1, '"u"', '2026-12-01T00:00:01Z'))).toBe(false);
  });

  it('forgets the oldest versions beyond its bound', () => {
    const recent = new RecentVersions(2);
    recent.remember('f1', 'tasks', [v(1, 'a', '2026-12-01T00:00:01Z'), v(2, 'a', '2026-12-01T00:00:01Z')]);
    recent.remember('f1', 'tasks', [v(3, 'a', '2026-12-01T00:00:01Z')]);
    expect(recent.conflicts('f1', 'tasks', v(1, 'b', '2026-12-01T00:00:01Z'))).toBe(false);
    expect(recent.conflicts('f1', 'tasks', v(3, 'b', '2026-12-01T00:00:01Z'))).toBe(true);
  });
});
