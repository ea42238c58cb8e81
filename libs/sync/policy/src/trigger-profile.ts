import { SyncTriggers, type SyncTrigger } from '@sf/contracts';

/** How the policy treats one trigger. Kept as one table so the differences between triggers are visible at a glance. */
export interface TriggerProfile {
  /**
   * May spend the rate-budget reserve. Interactive and webhook-driven work may; backfills (first login, schedule,
   * maintenance) may not, so a person or a fresh change is never starved by a long backfill.
   */
  readonly spendsReserve: boolean;
  /** Subject to the manual cooldown (and its stale-data bypass). */
  readonly hasCooldown: boolean;
  /** Only meaningful for a scope that has never completed a sync; otherwise skipped as `already_synced`. */
  readonly onlyIfNeverSynced: boolean;
  /** May restart a stalled active job from its checkpoint. */
  readonly restartsStalled: boolean;
}

export const TRIGGER_PROFILES: { readonly [T in SyncTrigger]: TriggerProfile } = {
  [SyncTriggers.firstLogin]: {
    spendsReserve: false,
    hasCooldown: false,
    onlyIfNeverSynced: true,
    restartsStalled: false,
  },
  [SyncTriggers.manual]: { spendsReserve: true, hasCooldown: true, onlyIfNeverSynced: false, restartsStalled: false },
  [SyncTriggers.processClick]: {
    spendsReserve: true,
    hasCooldown: false,
    onlyIfNeverSynced: true,
    restartsStalled: false,
  },
  [SyncTriggers.webhook]: { spendsReserve: true, hasCooldown: false, onlyIfNeverSynced: false, restartsStalled: false },
  [SyncTriggers.schedule]: {
    spendsReserve: false,
    hasCooldown: false,
    onlyIfNeverSynced: false,
    restartsStalled: false,
  },
  [SyncTriggers.maintenance]: {
    spendsReserve: false,
    hasCooldown: false,
    onlyIfNeverSynced: false,
    restartsStalled: true,
  },
};
