import type { Transaction } from 'kysely';
import { appendToStream } from '@sf/event-store';
import type { PlannedAppend } from '@sf/sync-jobs';
import type { OrchestratorDb } from '../schema/orchestrator-schema';

/** Thrown inside a command's transaction to roll it back and decide again: another writer moved a stream. */
export class ConcurrentWrite extends Error {
  readonly code = 'SYNC.CONCURRENT_WRITE';
  constructor(readonly streamId: string) {
    super(`${streamId} moved while deciding`);
    this.name = 'ConcurrentWrite';
  }
}

/**
 * Thrown inside a command's transaction to roll it back: some of its event ids are already in the log, so the
 * command (a consumer's derived ids) was decided and committed before, and this attempt, deciding from a later
 * state, differs from it. The repeat must change nothing; the caller answers with what was committed.
 */
export class RepeatedCommand extends Error {
  readonly code = 'SYNC.REPEATED_COMMAND';
  constructor(
    readonly streamId: string,
    readonly storedIds: readonly string[],
  ) {
    super(`append to ${streamId} repeats event ids of a committed command: ${storedIds.join(', ')}`);
    this.name = 'RepeatedCommand';
  }
}

export const isRepeatedCommand = (e: unknown): e is RepeatedCommand =>
  typeof e === 'object' && e !== null && (e as { code?: unknown }).code === 'SYNC.REPEATED_COMMAND';

// Two transactions appending to the same two streams in opposite orders deadlock; Postgres aborts one (40P01).
// Serialization failures (40001) are the same story. Both mean "someone else wrote": decide again.
const RETRYABLE_PG_CODES = new Set(['40P01', '40001']);

export const isConcurrentWrite = (e: unknown): boolean =>
  e instanceof ConcurrentWrite ||
  (typeof e === 'object' && e !== null && RETRYABLE_PG_CODES.has(String((e as { code?: unknown }).code)));

/**
 * Performs a decision's appends, in order, inside `trx`: each at the version the decision expected. A version
 * conflict throws {@link ConcurrentWrite} (the caller's transaction rolls back, then it re-reads and re-decides).
 * An append whose events are all stored already is a repeat of a committed decision and counts as done; one whose
 * events are stored in part throws {@link RepeatedCommand} (roll back: the command was carried out before).
 */
export const applyPlannedAppends = async (
  trx: Transaction<OrchestratorDb>,
  appends: readonly PlannedAppend[],
): Promise<void> => {
  for (const a of appends) {
    const r = await appendToStream(trx, a.streamId, a.streamType, a.expected, [...a.events]);
    if (r.ok) continue;
    if (r.reason === 'version_conflict') throw new ConcurrentWrite(a.streamId);
    throw new RepeatedCommand(a.streamId, r.eventIds);
  }
};
