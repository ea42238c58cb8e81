import type { HttpRoute } from './http-routes';

/** What a probe got back. `body` is the parsed JSON, or `{ text }` when the answer was not JSON. */
export interface ProbeAnswer {
  status: number;
  body: unknown;
  /** The `WWW-Authenticate` header, or null. */
  challenge: string | null;
}

/**
 * One request to `path` with the route's method (GET for mounted middleware), redirects not followed, no body: every
 * route reads an absent body as `{}`, and a route that takes none refuses even `{}` (400) before it looks at the id.
 * `authorization` undefined sends no Authorization header; `send`, when given, is sent as the JSON body.
 */
export const probeRoute = async (
  baseUrl: string,
  route: HttpRoute,
  path: string,
  authorization?: string,
  send?: unknown,
): Promise<ProbeAnswer> => {
  const method = route.method === 'USE' ? 'GET' : route.method;
  const res = await fetch(`${baseUrl}${path}`, {
    method,
    redirect: 'manual',
    headers: {
      ...(authorization === undefined ? {} : { authorization }),
      ...(send === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(send === undefined ? {} : { body: JSON.stringify(send) }),
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
