import type { HttpRoute } from './http-routes';

/** What a probe got back. `body` is the parsed JSON, or `{ text }` when the answer was not JSON. */
export interface ProbeAnswer {
  status: number;
  body: unknown;
  /** The `WWW-Authenticate` header, or null. */
  challenge: string | null;
}

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * One request to `path` with the route's method (GET for mounted middleware), redirects not followed, an empty
 * JSON object as the body of POST/PUT/PATCH. `authorization` undefined sends no Authorization header.
 */
export const probeRoute = async (
  baseUrl: string,
  route: HttpRoute,
  path: string,
  authorization?: string,
): Promise<ProbeAnswer> => {
  const method = route.method === 'USE' ? 'GET' : route.method;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(authorization === undefined ? {} : { authorization }),
      ...(WITH_BODY.has(method) ? { 'content-type': 'application/json' } : {}),
    },
    ...(WITH_BODY.has(method) ? { body: '{}' } : {}),
  });
  const text = await res.text();
  let body: unknown;
  try {
    body = text === '' ? {} : JSON.parse(text);
  } catch {
    body = { text: text.slice(0, 200) };
  }
  return { status: res.status, body, challenge: res.headers.get('www-authenticate') };
};
