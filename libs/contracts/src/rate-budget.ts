/**
 * Share of Clio's rate limit that backfill work leaves to interactive and webhook-driven work (20 %): the policy
 * refuses to start a backfill into it, the Clio client's `backfill` lane stops at it, and the ETA assumes it. Here,
 * in the shared contracts, because both the Clio client and the sync policy read it (neither may import the other).
 */
export const BACKFILL_RESERVE_SHARE = 0.2;
