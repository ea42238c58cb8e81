import pino, { type DestinationStream, type Logger } from 'pino';

/** The processor's JSON logger; never given tokens or document content. */
export const createLogger = (opts: { level?: string; destination?: DestinationStream } = {}): Logger =>
  pino({ name: 'document-processor', level: opts.level ?? 'info', redact: { paths: ['authorization', '*.authorization', 'accessToken', '*.accessToken'], censor: '[redacted]' } }, opts.destination);
