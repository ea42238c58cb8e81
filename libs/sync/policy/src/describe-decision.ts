import { formatWait } from './format-wait';
import { SyncDecision, SyncDecisionMetadata, SyncReason } from './sync-decision';

type Message = (metadata: SyncDecisionMetadata) => string;

/** "<with>" when the wait is known, "<without>" otherwise (a decision built by hand may lack metadata). */
const withWait =
  (ms: (m: SyncDecisionMetadata) => number | undefined, known: (wait: string) => string, unknown: string): Message =>
  (m) => {
    const wait = ms(m);
    return wait === undefined ? unknown : known(formatWait(wait));
  };

const RECONNECT = 'Reconnect Clio to continue syncing';

/** One normalized, user-facing message per reason. Never includes Clio data, tokens or raw errors. */
const MESSAGES: { readonly [R in SyncReason]: Message } = {
  [SyncReason.Ok]: () => 'Sync started',
  [SyncReason.StaleBypass]: () => 'Sync started',
  [SyncReason.StalledRestart]: () => 'Sync restarted from its last checkpoint',
  [SyncReason.AlreadySyncing]: () => 'Sync in progress',
  [SyncReason.AlreadySynced]: () => 'Already synced',
  [SyncReason.NothingToSync]: () => 'Nothing to sync',
  [SyncReason.Cooldown]: withWait(
    (m) => m.cooldownMs,
    (wait) => `Please wait ${wait} before syncing again`,
    'Please wait a moment before syncing again',
  ),
  [SyncReason.BlockedUntil]: withWait(
    (m) => m.retryAfterMs,
    (wait) => `Sync paused by Clio's rate limit; it resumes in ${wait}`,
    "Sync paused by Clio's rate limit; it resumes automatically",
  ),
  [SyncReason.RateBudgetExhausted]: withWait(
    (m) => m.retryAfterMs,
    (wait) => `Clio's rate limit has been reached; try again in ${wait}`,
    "Clio's rate limit has been reached; try again shortly",
  ),
  [SyncReason.RateBudgetReserved]: withWait(
    (m) => m.retryAfterMs,
    (wait) => `Background sync postponed for ${wait} to keep Clio capacity for interactive work`,
    'Background sync postponed to keep Clio capacity for interactive work',
  ),
  [SyncReason.NeedsReauth]: () => RECONNECT,
  [SyncReason.ConnectionRevoked]: () => `Access to Clio was revoked. ${RECONNECT}`,
  [SyncReason.ConnectionMissing]: () => 'Connect Clio to start syncing',
};

/** The message to show a person for a decision, e.g. "Please wait 42 seconds before syncing again". */
export const describeDecision = (decision: SyncDecision): string => MESSAGES[decision.reason](decision.metadata ?? {});
