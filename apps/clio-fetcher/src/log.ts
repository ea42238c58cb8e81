import pino, { type DestinationStream, type Logger } from 'pino';

/** The fetcher's JSON logger; never given tokens, record contents or document content. */
export const createLogger = (opts: { level?: string; destination?: DestinationStream } = {}): Logger =>
  pino({ name: 'clio-fetcher', level: opts.level ?? 'info', redact: { paths: ['authorization', '*.authorization', 'accessToken', '*.accessToken'], censor: '[redacted]' } }, opts.destination);
