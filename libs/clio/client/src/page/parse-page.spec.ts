import { checkPage, checkRecord, requestedLimit } from './parse-page';

const url = (q: string) => new URL(`https://app.clio.com/api/v4/matters.json?${q}`);
const recs = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1 }));
const NEXT = 'https://app.clio.com/api/v4/matters.json?limit=3&page_token=abc';

describe('checkPage', () => {
  it('accepts a full page with a next link and reports next and meta.records', () => {
    const r = checkPage({ data: recs(3), meta: { paging: { next: NEXT }, records: 7 } }, url('limit=3'));
    expect(r).toEqual({
      ok: true,
      page: { records: recs(3), nextUrl: NEXT, url: url('limit=3').toString(), total: 7 },
    });
  });

  it('accepts a short last page and a page without meta.records', () => {
    expect(checkPage({ data: recs(1), meta: { paging: {}, records: 7 } }, url('limit=3&page_token=x'))).toMatchObject({
      ok: true,
      page: { nextUrl: null, total: 7 },
    });
    expect(checkPage({ data: recs(2), meta: { paging: {} } }, url('limit=3'))).toMatchObject({
      ok: true,
      page: { total: null },
    });
  });

  it('accepts short pages with a next link (permission-filtered) and a meta.records that disagrees with the page', () => {
    expect(checkPage({ data: recs(1), meta: { paging: { next: NEXT } } }, url('limit=3'))).toMatchObject({
      ok: true,
      page: { records: recs(1), nextUrl: NEXT },
    });
    expect(checkPage({ data: [], meta: { paging: { next: NEXT } } }, url('limit=3'))).toMatchObject({ ok: true });
    expect(checkPage({ data: recs(2), meta: { paging: {}, records: 4 } }, url(''))).toMatchObject({
      ok: true,
      page: { total: 4 },
    });
  });
  it('rejects a broken cursor', () => {
    expect(checkPage({ data: recs(3), meta: { paging: { next: 'not a url' } } }, url('limit=3'))).toEqual({
      ok: false,
      reason: 'broken cursor: meta.paging.next is not a URL',
    });
    expect(checkPage({ data: recs(3), meta: { paging: { next: 7 } } }, url('limit=3'))).toMatchObject({ ok: false });
  });
  it('rejects bodies without a data array, with non-object entries, or with more than limit records', () => {
    expect(checkPage({ meta: {} }, url(''))).toMatchObject({ ok: false, reason: 'page without a data array' });
    expect(checkPage([], url(''))).toMatchObject({ ok: false });
    expect(checkPage({ data: [1] }, url(''))).toMatchObject({
      ok: false,
      reason: 'page data holds a non-object entry',
    });
    expect(checkPage({ data: recs(4) }, url('limit=3'))).toMatchObject({
      ok: false,
      reason: 'page holds 4 records, more than limit 3',
    });
  });

  it('reads the requested limit, defaulting to 200', () => {
    expect(requestedLimit(url('limit=25'))).toBe(25);
    expect(requestedLimit(url(''))).toBe(200);
    expect(requestedLimit(url('limit=abc'))).toBe(200);
  });
});

describe('checkRecord', () => {
  it('takes the data object of a show response', () => {
    expect(checkRecord({ data: { id: 1 } })).toEqual({ ok: true, record: { id: 1 } });
    expect(checkRecord({ data: [] })).toMatchObject({ ok: false });
  });
});
