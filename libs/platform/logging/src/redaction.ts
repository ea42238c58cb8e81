/**
 * Field names whose values never reach a log line: credentials in headers, OAuth tokens and codes, passwords and
 * client secrets. Matched case-sensitively as written (HTTP header names arrive lowercased) at the top of a log
 * object and up to two levels down (`req.headers.authorization`, `grant.tokens.refresh_token`), and
 * case-insensitively as query parameter names in logged URLs.
 */
export const SECRET_KEYS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'x-hook-secret',
  'x-sim-control-key',
  'token',
  'accessToken',
  'access_token',
  'refreshToken',
  'refresh_token',
  'idToken',
  'id_token',
  'code',
  'state',
  'password',
  'secret',
  'clientSecret',
  'client_secret',
  'stateSecret',
  'apiKey',
  'api_key',
] as const;

/** What a redacted value is replaced with. */
export const REDACTED = '[redacted]';

const segment = (key: string): string => (/^[A-Za-z_$][\w$]*$/.test(key) ? key : `["${key}"]`);
const join = (prefix: string, key: string): string =>
  segment(key).startsWith('[') ? `${prefix}${segment(key)}` : `${prefix}.${key}`;

/** pino `redact.paths` for every secret key at depth 0, 1 and 2. */
export const REDACT_PATHS: readonly string[] = SECRET_KEYS.flatMap((k) => [segment(k), join('*', k), join('*.*', k)]);

const SECRET_PARAMS = new Set(SECRET_KEYS.map((k) => k.toLowerCase()));

/**
 * The URL with the value of every secret query parameter replaced (the OAuth callback's `code` and `state`,
 * `access_token`, ...); other parameters and the path are kept as sent.
 */
export const redactUrl = (url: string): string => {
  const q = url.indexOf('?');
  if (q < 0) return url;
  const params = url
    .slice(q + 1)
    .split('&')
    .map((pair) => {
      const eq = pair.indexOf('=');
      const name = eq < 0 ? pair : pair.slice(0, eq);
      const decoded = safeDecode(name).toLowerCase();
      return SECRET_PARAMS.has(decoded) ? `${name}=${REDACTED}` : pair;
    });
  return `${url.slice(0, q)}?${params.join('&')}`;
};

const safeDecode = (s: string): string => {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
};
