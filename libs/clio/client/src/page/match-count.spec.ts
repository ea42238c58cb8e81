import { matchCount } from './match-count';

const FIRST = 'https://app.clio.com/api/v4/matters.json?limit=1';
const LATER = 'https://app.clio.com/api/v4/matters.json?limit=1&page_token=x';
const NEXT = LATER;
const recs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));

describe('matchCount', () => {
  it('counts a first page without next itself, whatever meta.records says', () => {
    expect(matchCount({ records: recs(1), nextUrl: null, url: FIRST, total: 57 })).toEqual({ known: true, total: 1 });
    expect(matchCount({ records: [], nextUrl: null, url: FIRST, total: null })).toEqual({ known: true, total: 0 });
  });
  it('trusts meta.records only when the page cannot contradict it', () => {
    expect(matchCount({ records: recs(1), nextUrl: NEXT, url: FIRST, total: 57 })).toEqual({ known: true, total: 57 });
    expect(matchCount({ records: recs(1), nextUrl: null, url: LATER, total: 5 }, 4)).toEqual({ known: true, total: 5 });
  });
  it('is unknown, with the reason, when meta.records is absent or means something else', () => {
    expect(matchCount({ records: recs(1), nextUrl: NEXT, url: FIRST, total: null })).toEqual({
      known: false,
      reason: 'Clio sent no meta.records',
    });
    // A page count (the official example's reading), not a total: more pages follow.
    expect(matchCount({ records: recs(1), nextUrl: NEXT, url: FIRST, total: 1 })).toMatchObject({ known: false });
    expect(matchCount({ records: recs(1), nextUrl: null, url: LATER, total: 1 }, 4)).toMatchObject({ known: false });
  });
});
