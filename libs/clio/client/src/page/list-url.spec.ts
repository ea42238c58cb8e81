import { cursorUrl, listUrl, recordUrl } from './list-url';

const BASE = 'https://app.clio.com/api/v4';

describe('listUrl', () => {
  it('builds a cursor-paginated index URL with fields, order, limit and filters', () => {
    const u = listUrl(BASE, {
      resource: 'matters',
      fields: ['id', 'client{id,name}'],
      filters: { updated_since: '2025-01-01T00:00:00Z', 'ids[]': ['1', '2'] },
    });
    expect(u.pathname).toBe('/api/v4/matters.json');
    expect(u.searchParams.get('fields')).toBe('id,client{id,name}');
    expect(u.searchParams.get('order')).toBe('id(asc)');
    expect(u.searchParams.get('limit')).toBe('200');
    expect(u.searchParams.getAll('ids[]')).toEqual(['1', '2']);
    expect(u.searchParams.get('updated_since')).toBe('2025-01-01T00:00:00Z');
  });

  it('sends no order to calendar_entries (the endpoint has none; its default is id order)', () => {
    expect(listUrl(BASE, { resource: 'calendar_entries', fields: ['id'] }).searchParams.has('order')).toBe(false);
  });

  it('refuses limits outside 1..200 and filters that would break paging', () => {
    expect(() => listUrl(BASE, { resource: 'matters', fields: ['id'], limit: 201 })).toThrow(RangeError);
    expect(() => listUrl(BASE, { resource: 'matters', fields: ['id'], limit: 0 })).toThrow(RangeError);
    expect(() => listUrl(BASE, { resource: 'matters', fields: ['id'], filters: { offset: '10' } })).toThrow(RangeError);
    expect(() => listUrl(BASE, { resource: 'matters', fields: ['id'], filters: { order: 'updated_at(asc)' } })).toThrow(
      RangeError,
    );
  });
});

describe('recordUrl / cursorUrl', () => {
  it('builds a show URL and refuses ids that are not plain', () => {
    expect(recordUrl(BASE, 'contacts', '42', ['id', 'name']).toString()).toBe(
      `${BASE}/contacts/42.json?fields=id%2Cname`,
    );
    expect(() => recordUrl(BASE, 'contacts', '../users', [])).toThrow(RangeError);
  });

  it("accepts only cursors on the connection's own API base", () => {
    expect(cursorUrl(BASE, `${BASE}/matters.json?page_token=x`)?.toString()).toBe(`${BASE}/matters.json?page_token=x`);
    expect(cursorUrl(BASE, 'https://evil.example/api/v4/matters.json')).toBeNull();
    expect(cursorUrl(BASE, 'https://app.clio.com/oauth/token')).toBeNull();
    expect(cursorUrl(BASE, 'not a url')).toBeNull();
  });
});
