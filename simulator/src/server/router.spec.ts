import { Router } from './router';

const h = (name: string) => Object.assign(() => undefined, { label: name });

describe('Router', () => {
  const router = new Router();
  const list = h('list');
  const show = h('show');
  const whoami = h('whoami');
  const versions = h('versions');
  router.add('GET', '/api/v4/matters', list);
  router.add('GET', '/api/v4/matters/:id', show);
  router.add('GET', '/api/v4/users/who_am_i', whoami);
  router.add('GET', '/api/v4/users/:id', show);
  router.add('GET', '/api/v4/documents/:id/versions', versions);
  router.add('POST', '/oauth/token', list);

  it('matches with and without the .json suffix', () => {
    expect(router.match('GET', '/api/v4/matters.json')?.handler).toBe(list);
    expect(router.match('GET', '/api/v4/matters')?.handler).toBe(list);
    expect(router.match('GET', '/api/v4/matters/12.json')?.params).toEqual({ id: '12' });
    expect(router.match('GET', '/api/v4/documents/7/versions.json')?.params).toEqual({ id: '7' });
  });

  it('prefers a static segment over a param', () => {
    expect(router.match('GET', '/api/v4/users/who_am_i.json')?.handler).toBe(whoami);
    expect(router.match('GET', '/api/v4/users/3')?.handler).toBe(show);
  });

  it('distinguishes methods and misses cleanly', () => {
    expect(router.match('POST', '/api/v4/matters.json')).toBeUndefined();
    expect(router.match('GET', '/api/v4/nothing.json')).toBeUndefined();
    expect(router.match('GET', '/api/v4/matters/1/extra')).toBeUndefined();
  });

  it('derives the scope from the prefix', () => {
    expect(router.match('GET', '/api/v4/matters')?.scope).toBe('api');
    expect(router.match('POST', '/oauth/token')?.scope).toBe('oauth');
    expect(router.match('GET', '/api/v4/matters')?.pattern).toBe('/api/v4/matters');
  });

  it('decodes params', () => {
    expect(router.match('GET', '/api/v4/matters/a%20b')?.params).toEqual({ id: 'a b' });
  });
});
