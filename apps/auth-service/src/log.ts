import pino, { type DestinationStream, type Logger } from 'pino';

/**
 * Key paths pino blanks out if they ever reach a log call. Nothing here logs a token (every call site passes ids and
 * statuses); this is the second line of defence, and the e2e test greps every log line for the tokens it saw.
 */
const REDACT = [
  'accessToken', 'refreshToken', 'access_token', 'refresh_token', 'token', 'code', 'state', 'authorization', 'clientSecret',
  '*.accessToken', '*.refreshToken', '*.access_token', '*.refresh_token', '*.token', '*.authorization', '*.clientSecret',
];

/** The service's JSON logger; `destination` defaults to stdout (tests pass a capturing stream). */
export const createLogger = (opts: { level?: string; destination?: DestinationStream } = {}): Logger =>
  pino({ name: 'auth-service', level: opts.level ?? 'info', redact: { paths: REDACT, censor: '[redacted]' } }, opts.destination);
