import pino, { type DestinationStream, type Logger } from 'pino';

/** The service's JSON logger; `destination` defaults to stdout (tests pass a capturing stream). */
export const createLogger = (opts: { level?: string; destination?: DestinationStream } = {}): Logger =>
  pino({ name: 'sync-orchestrator', level: opts.level ?? 'info', redact: { paths: ['authorization', '*.authorization'], censor: '[redacted]' } }, opts.destination);
