import { FetchCause } from './delivery-plan';
import { settleSameSecond, type SameSecondFacts } from './same-second';

const SECOND = Date.parse('2026-12-01T00:00:01Z') / 1000;
const record = { id: 1, etag: '"u"', updated_at: '2026-12-01T00:00:01+00:00' };
const facts = (over: Partial<SameSecondFacts>): SameSecondFacts => ({
  record,
  created: false,
  appended: undefined,
  mirrorEtag: undefined,
  ...over,
});
const created = { second: SECOND, etag: '"c"', created: true };
const updated = { second: SECOND, etag: '"v"', created: false };

describe('settleSameSecond', () => {
  it('writes a payload no known version shares its second with', () => {
    expect(settleSameSecond(facts({}))).toEqual({ kind: 'write' });
    expect(settleSameSecond(facts({ appended: { ...updated, etag: '"u"' } }))).toEqual({ kind: 'write' }); // itself
    expect(settleSameSecond(facts({ appended: { ...updated, second: SECOND - 1 } }))).toEqual({ kind: 'write' });
  });

  it('supersedes the created version of its second, appended lately or already in the mirror', () => {
    expect(settleSameSecond(facts({ appended: created }))).toEqual({ kind: 'supersede', etag: '"c"' });
    expect(settleSameSecond(facts({ appended: created, mirrorEtag: '"c"' }))).toEqual({
      kind: 'supersede',
      etag: '"c"',
    });
  });

  it('fetches when the version of its second is not known to be the first', () => {
    const fetch = (cause: FetchCause) => ({ kind: 'fetch', cause });
    expect(settleSameSecond(facts({ appended: updated }))).toEqual(fetch(FetchCause.recentTie));
    expect(settleSameSecond(facts({ mirrorEtag: '"c"' }))).toEqual(fetch(FetchCause.mirrorTie)); // memory lost
    // The mirror holds a third version of the second (a listing read it): the payload cannot be ordered against it.
    expect(settleSameSecond(facts({ appended: created, mirrorEtag: '"v"' }))).toEqual(fetch(FetchCause.mirrorTie));
  });

  it('writes a created payload as it is: never newer than another version of its second, the mirror keeps it', () => {
    const c = { ...record, etag: '"c"' };
    expect(settleSameSecond(facts({ record: c, created: true, appended: updated }))).toEqual({ kind: 'write' });
    expect(settleSameSecond(facts({ record: c, created: true, mirrorEtag: '"v"' }))).toEqual({ kind: 'write' });
  });
});
