import { RecentVersions } from './recent-versions';

const v = (id: number, etag: string, at: string) => ({ id, etag, updated_at: at });
const S1 = '2026-12-01T00:00:01+00:00';
const S2 = '2026-12-01T00:00:02+00:00';

describe('RecentVersions', () => {
  it('remembers the version appended per firm, entity type and id, and whether a created delivery carried it', () => {
    const recent = new RecentVersions();
    recent.remember('f1', 'matters', [v(1, '"c"', S1)], new Set(['1']));
    expect(recent.versionOf('f1', 'matters', v(1, '"u"', S1))).toEqual({
      second: Date.parse(S1) / 1000,
      etag: '"c"',
      created: true,
    });
    expect(recent.versionOf('f2', 'matters', v(1, '"u"', S1))).toBeUndefined(); // another firm
    expect(recent.versionOf('f1', 'contacts', v(1, '"u"', S1))).toBeUndefined();
    recent.remember('f1', 'matters', [v(1, '"u"', S1)]);
    expect(recent.versionOf('f1', 'matters', v(1, '"x"', S1))).toMatchObject({ etag: '"u"', created: false });
  });

  it('never goes backwards: an older second, or a created version over another of its second, is not kept', () => {
    const recent = new RecentVersions();
    recent.remember('f1', 'tasks', [v(1, 'b', S2)]);
    recent.remember('f1', 'tasks', [v(1, 'a', S1)]); // a late payload of an older second
    expect(recent.versionOf('f1', 'tasks', v(1, 'x', S2))).toMatchObject({ etag: 'b' });
    recent.remember('f1', 'tasks', [v(1, 'c', S2)], new Set(['1'])); // the created delivery, late
    expect(recent.versionOf('f1', 'tasks', v(1, 'x', S2))).toMatchObject({ etag: 'b', created: false });
  });

  it('forgets the oldest versions beyond its bound', () => {
    const recent = new RecentVersions(2);
    recent.remember('f1', 'tasks', [v(1, 'a', S1), v(2, 'a', S1)]);
    recent.remember('f1', 'tasks', [v(3, 'a', S1)]);
    expect(recent.versionOf('f1', 'tasks', v(1, 'b', S1))).toBeUndefined();
    expect(recent.versionOf('f1', 'tasks', v(3, 'b', S1))).toMatchObject({ etag: 'a' });
  });
});
