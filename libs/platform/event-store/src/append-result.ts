import type { RecordedEvent } from '@sf/contracts';
import type { ExpectedVersion } from './expected-version';

/**
 * The outcome of an append. Both failures are expected outcomes, returned as values:
 * - `version_conflict`: the stream was not at the expected version; `actual` is its version when checked.
 * - `duplicate_event_ids`: some (not all) of the event ids are already in the log, or they are stored on
 *   another stream. Nothing was written: a retried command that decided differently is a caller bug to surface,
 *   not something to half-apply. `expected`/`actual` are filled as for a conflict so callers can log them alike.
 *
 * `idempotent: true` means every event id was already stored in this stream (a retry of an append that
 * committed): nothing was written and `events`/`nextVersion` are those of the original append.
 */
export type AppendResult =
  | { ok: true; nextVersion: number; events: RecordedEvent[]; idempotent: boolean }
  | { ok: false; reason: 'version_conflict'; expected: ExpectedVersion; actual: number }
  | { ok: false; reason: 'duplicate_event_ids'; expected: ExpectedVersion; actual: number; eventIds: string[] };
