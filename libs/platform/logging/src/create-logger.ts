import pino, { type DestinationStream, type Level, type Logger } from 'pino';
import { safeErrorFields } from './safe-error';
import { currentLogFields } from './log-context';
import { REDACTED, REDACT_PATHS } from './redaction';

export interface LoggerOptions {
  /** The process, e.g. `auth-service`, `relay`: the `name` field of every line. */
  name: string;
  /** Default `info`; `silent` writes nothing. */
  level?: Level | 'silent' | string;
  /** Default stdout; tests pass a capturing stream (`{ write(line) }`). */
  destination?: DestinationStream;
}

/**
 * The one logger factory of every process: JSON lines with an ISO `time`, the process `name`, the current
 * correlation and trace ids (see `withLogContext`), secrets redacted at any of {@link REDACT_PATHS}, and errors
 * under `err` reduced to their class, code and stack frame locations (never their message).
 */
export const createLogger = (opts: LoggerOptions): Logger =>
  pino(
    {
      name: opts.name,
      level: opts.level ?? 'info',
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: [...REDACT_PATHS], censor: REDACTED },
      // Error objects lose their message; strings and ids logged under `err` stay as written.
      serializers: { err: (v: unknown) => (v instanceof Error ? safeErrorFields(v) : v) },
      mixin: currentLogFields,
    },
    opts.destination,
  );
