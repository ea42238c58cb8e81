import type { RecordedEvent } from '@sf/contracts';
import { LogPosition } from '@sf/event-store';
import { safeErrorFields } from '@sf/logging';

export const RelayRole = { Starting: 'starting', Standby: 'standby', Active: 'active', Stopped: 'stopped' } as const;
export type RelayRole = (typeof RelayRole)[keyof typeof RelayRole];

/** What a relay reports about itself (health endpoints, logs, tests). */
export interface RelayStatus {
  name: string;
  /** `standby` waits for the lock another replica holds; only `active` publishes. */
  role: RelayRole;
  /** Checkpoint the relay has stored (or loaded), `LogPosition.format` form; null before it has one. */
  position: string | null;
  /** Events published and checkpointed by this process (duplicates included). */
  eventsPublished: number;
  /** Events the stream dropped as already stored (re-published after a crash). */
  duplicatesDropped: number;
  /** ISO-8601 instant of the last checkpointed batch; null before the first. */
  lastPublishedAt: string | null;
  /** True when the last read of the log found nothing new. */
  caughtUp: boolean;
  /**
   * Lag in ms: age (from `occurredAt`) of the newest event in the last batch when its checkpoint was stored;
   * 0 once caught up; null before the first read.
   */
  lagMs: number | null;
  /** Last recovered failure: its class and code (never its message); null after a successful batch. */
  lastError: string | null;
}

/** Mutable status of one relay; `snapshot()` hands out copies. */
export class RelayState {
  role: RelayRole = RelayRole.Starting;
  private s: Omit<RelayStatus, 'name' | 'role'> = {
    position: null,
    eventsPublished: 0,
    duplicatesDropped: 0,
    lastPublishedAt: null,
    caughtUp: false,
    lagMs: null,
    lastError: null,
  };

  constructor(private readonly name: string) {}

  positionAt(p: LogPosition): void {
    this.s.position = LogPosition.format(p);
  }

  caughtUp(): void {
    this.s.caughtUp = true;
    this.s.lagMs = 0;
  }

  published(batch: ReadonlyArray<Pick<RecordedEvent, 'metadata'>>, p: LogPosition, duplicates: number): void {
    const now = Date.now();
    const newest = Date.parse(batch[batch.length - 1]!.metadata.occurredAt);
    this.s = {
      ...this.s,
      position: LogPosition.format(p),
      eventsPublished: this.s.eventsPublished + batch.length,
      duplicatesDropped: this.s.duplicatesDropped + duplicates,
      lastPublishedAt: new Date(now).toISOString(),
      caughtUp: false,
      lagMs: Number.isNaN(newest) ? null : Math.max(0, now - newest),
      lastError: null,
    };
  }

  failed(err: unknown): void {
    // Class and code only: the status is logged every few seconds, and a driver's message can quote a URL.
    const f = safeErrorFields(err);
    this.s.lastError = f.errCode ? `${f.type} (${f.errCode})` : f.type;
  }

  snapshot(): RelayStatus {
    return { name: this.name, role: this.role, ...this.s };
  }
}
