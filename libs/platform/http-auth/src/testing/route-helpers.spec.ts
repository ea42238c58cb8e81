import { fillPath, pathParams } from './http-routes';
import { allowListProblems, entryMatches } from './public-routes';

describe('route helpers', () => {
  it('names and fills path parameters, wildcards and optional groups', () => {
    expect(pathParams('/sync-jobs/:id/stop')).toEqual(['id']);
    expect(pathParams('/a/:firmId/b/:matterId{/:part}/*rest')).toEqual(['firmId', 'matterId', 'part', 'rest']);
    expect(fillPath('/matters/:id/sync', { id: 'a b/c' })).toBe('/matters/a%20b%2Fc/sync');
    expect(fillPath('/a{/:part}/*rest', { part: 'p', rest: 'r' })).toBe('/a/p/r');
    expect(() => fillPath('/matters/:id', {})).toThrow('no value for path parameter id of /matters/:id');
  });

  it('matches allow-list entries exactly, or by prefix with a trailing *', () => {
    expect(entryMatches('GET /health/live', { method: 'GET', path: '/health/live' })).toBe(true);
    expect(entryMatches('GET /health/live', { method: 'POST', path: '/health/live' })).toBe(false);
    expect(entryMatches('GET /health', { method: 'GET', path: '/health/live' })).toBe(false);
    expect(entryMatches('GET /docs*', { method: 'GET', path: '/docs-json' })).toBe(true);
    expect(entryMatches('GET /docs*', { method: 'USE', path: '/docs' })).toBe(false);
  });

  it('accepts only sanctioned kinds of public route on an allow-list', () => {
    expect(
      allowListProblems([
        'GET /health/live',
        'GET /health/ready',
        'GET /metrics',
        'GET /docs*',
        'USE /docs',
        'GET /connections/clio/callback',
        'POST /connections/clio/deauthorize-callback',
      ]),
    ).toEqual([]);
    expect(allowListProblems(['GET /matters/:id', 'health/live', 'GET /healthz'])).toEqual([
      'allow-list entry "GET /matters/:id" is not a kind of route that may be public (health, metrics, docs, OAuth callbacks)',
      'allow-list entry "health/live" is not "METHOD /path"',
      'allow-list entry "GET /healthz" is not a kind of route that may be public (health, metrics, docs, OAuth callbacks)',
    ]);
  });
});
