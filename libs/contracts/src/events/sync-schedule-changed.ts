import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

/** The firm's schedule settings after the change (every field, not a patch: the stream's last event is the state). */
export class SyncScheduleChangedV1 {
  /** Minutes between scheduled syncs while the firm's webhooks are healthy (shortened when they are not). */
  @Field.integer({}, 1) intervalMinutes!: number;
  /** Scheduled syncs (and a deferred initial sync) run only in the off-peak hours of the firm's Clio region. */
  @Field.bool() offPeakOnly!: boolean;
  /** No scheduled or reconciliation sync while paused (manual, webhook and stall restarts are unaffected). */
  @Field.bool() paused!: boolean;
  /** Platform user who changed the settings; absent or null for operators and tools. */
  @Field.id({ optional: true, nullable: true }) changedBy?: string | null;
}

export const syncScheduleChanged = defineEvent({
  type: EventTypes.SyncScheduleChanged,
  description: "The firm's sync schedule settings changed (interval, off-peak only, paused).",
  streamType: StreamTypes.syncSchedule,
  currentVersion: 1,
  versions: { 1: SyncScheduleChangedV1 },
  upcasters: {},
  examples: { 1: { intervalMinutes: 60, offPeakOnly: false, paused: false, changedBy: 'user-7' } },
});
