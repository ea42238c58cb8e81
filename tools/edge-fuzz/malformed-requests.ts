import fc from 'fast-check';
import { signJwt } from '@sf/http-auth';
import { pathParams, type HttpRoute } from '@sf/http-auth/testing';

// Generators of hostile requests for tools/edge-fuzz.e2e-spec.ts. Every value an attacker controls carries MARK,
// so an answer that quotes input is caught; MARK has a space, so it never looks like a field name.

export const MARK = 'ZQX ';
export const JWT_SECRET = 'edge-fuzz-secret-of-at-least-32-bytes-long';
export const FIRM = 'fuzz-firm';

const sign = (claims: Record<string, unknown>): string =>
  `Bearer ${signJwt({ sub: 'user-1', firm_id: FIRM, exp: Math.floor(Date.now() / 1000) + 3600, ...claims }, { alg: 'HS256', secret: JWT_SECRET })}`;

/** The Authorization header: a good token only when something else in the request is malformed. */
const AUTH: Record<string, string | undefined> = {
  good: sign({}),
  none: undefined,
  garbage: `Bearer ${MARK}garbage`,
  notBearer: `Basic ${Buffer.from(`${MARK}:x`).toString('base64')}`,
  firmWithSpace: sign({ firm_id: `${MARK}firm` }),
  firmWithDot: sign({ firm_id: 'firm.x' }),
  firmTooLong: sign({ firm_id: 'f'.repeat(1_000) }),
  firmWithNul: sign({ firm_id: 'f\u0000x' }),
  subWithDot: sign({ sub: 'user.x' }),
  subWithSurrogate: sign({ sub: 'u\ud800' }),
  expired: sign({ exp: 1_000 }),
  otherSecret: `Bearer ${signJwt({ sub: 'u', firm_id: FIRM, exp: 9_999_999_999 }, { alg: 'HS256', secret: 'another-secret-of-at-least-32-bytes!!' })}`,
};

/** Path parameter values, already URL-encoded. */
const PARAMS: Record<string, string> = {
  plain: 'p-1',
  nul: 'a%00b',
  surrogate: 'a%ED%A0%80b',
  badPercent: 'a%zzb',
  marked: encodeURIComponent(`${MARK}id`),
  dot: 'a.b',
  long: 'x'.repeat(1_000),
  unicode: encodeURIComponent('é☃𝄞'),
};

const QUERIES: Record<string, string> = {
  none: '',
  nul: '?folder_id=%00',
  surrogate: '?region=%ED%A0%80',
  marked: `?region=${encodeURIComponent(MARK)}`,
  nested: '?a[b][c]=1',
  proto: '?__proto__[x]=1',
  array: '?folder_id[]=1&folder_id[]=2',
  badKey: `?${encodeURIComponent(MARK)}=1`,
};

const nested = (depth: number): string => `${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}`;
const JSON_TYPE = { 'content-type': 'application/json' };

/** Bodies: headers and bytes. `none` sends nothing. */
const BODIES: Record<string, { headers: Record<string, string>; body?: string | Buffer }> = {
  none: { headers: {} },
  empty: { headers: JSON_TYPE, body: '{}' },
  invalidJson: { headers: JSON_TYPE, body: `{"reason": ${MARK}` },
  array: { headers: JSON_TYPE, body: `["${MARK}"]` },
  notUtf8: { headers: JSON_TYPE, body: Buffer.from([0x7b, 0xff, 0xfe, 0x7d]) },
  text: { headers: { 'content-type': 'text/plain' }, body: `reason=${MARK}` },
  form: { headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `reason=${MARK}` },
  noType: { headers: {}, body: `{"reason":"${MARK}"}` },
  gzip: { headers: { ...JSON_TYPE, 'content-encoding': 'gzip' }, body: `{"reason":"${MARK}"}` },
  deep: { headers: JSON_TYPE, body: nested(100) },
  big: { headers: JSON_TYPE, body: `{"reason":"${MARK}${'x'.repeat(64 * 1024)}"}` },
  nul: { headers: JSON_TYPE, body: `{"reason":"${MARK}\\u0000"}` },
  surrogate: { headers: JSON_TYPE, body: `{"reason":"${MARK}\\ud800"}` },
  proto: { headers: JSON_TYPE, body: `{"__proto__":{"reason":"${MARK}"}}` },
  ctor: { headers: JSON_TYPE, body: `{"constructor":{"prototype":{"x":"${MARK}"}}}` },
  unknownKey: { headers: JSON_TYPE, body: `{"${MARK}key":1}` },
  wrongTypes: { headers: JSON_TYPE, body: `{"reason":42,"scope":"${MARK}","matterId":[],"folderId":{},"client_id":7}` },
  longReason: { headers: JSON_TYPE, body: `{"reason":"${MARK}${'r'.repeat(2_000)}"}` },
  nullValues: { headers: JSON_TYPE, body: '{"reason":null,"client_id":null,"user_id":null,"access_token":null}' },
};

export interface FuzzRequest {
  base: string;
  route: HttpRoute;
  path: string;
  method: string;
  headers: Record<string, string>;
  body?: string | Buffer;
  /** The generator's labels, for failure reports. */
  labels: string;
}

const keys = <T extends object>(o: T) => fc.constantFrom(...(Object.keys(o) as Array<keyof T & string>));

/** A malformed request to one of `targets`: at least one of auth, path, query and body is not the benign choice. */
export const malformedRequest = (
  targets: ReadonlyArray<{ base: string; route: HttpRoute }>,
): fc.Arbitrary<FuzzRequest> =>
  fc
    .record({
      target: fc.constantFrom(...targets),
      auth: keys(AUTH),
      param: keys(PARAMS),
      query: keys(QUERIES),
      body: keys(BODIES),
    })
    .filter(
      (r) =>
        r.auth !== 'good' ||
        r.query !== 'none' ||
        r.body !== 'none' ||
        (r.param !== 'plain' && pathParams(r.target.route.path).length > 0),
    )
    .map(({ target, auth, param, query, body }) => {
      const path =
        target.route.path.replace(/[{}]/g, '').replace(/[:*][A-Za-z_$][\w$]*/g, PARAMS[param]!) + QUERIES[query]!;
      const b = BODIES[body]!;
      const headers: Record<string, string> = { ...b.headers };
      const authorization = AUTH[auth];
      if (authorization !== undefined) headers['authorization'] = authorization;
      return {
        base: target.base,
        route: target.route,
        path,
        method: target.route.method === 'USE' ? 'GET' : target.route.method,
        headers,
        ...(b.body === undefined ? {} : { body: b.body }),
        labels: `${target.route.method} ${target.route.path} auth=${auth} param=${param} query=${query} body=${body}`,
      };
    });
