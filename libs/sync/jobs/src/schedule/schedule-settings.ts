import { EventTypes, streamIds, StreamTypes } from '@sf/contracts';
import { makeEvent, type CommandMeta } from '../command-meta';
import { expectationOf, type PlannedAppend } from '../planned-append';
import type { RequestRejection } from '../resync';
import type { SyncLogEvent } from '../sync-log-event';

/** A firm's schedule settings (the fold of its `sync-schedule-<firmId>` stream). */
export interface ScheduleSettings {
  /** Minutes between scheduled syncs while the firm's webhooks are healthy. */
  readonly intervalMinutes: number;
  readonly offPeakOnly: boolean;
  readonly paused: boolean;
}

/** Bounds of `intervalMinutes`: 5 minutes (Clio's budget is shared with people) to 7 days. */
export const SCHEDULE_INTERVAL_BOUNDS = { min: 5, max: 7 * 24 * 60 } as const;

/** What a firm that never changed its settings gets (connect starts the schedule with these). */
export const DEFAULT_SCHEDULE_SETTINGS: ScheduleSettings = { intervalMinutes: 360, offPeakOnly: false, paused: false };

/** Folds one schedule-stream event; other events leave the settings alone. */
export const evolveScheduleSettings = (s: ScheduleSettings, e: SyncLogEvent): ScheduleSettings =>
  e.type === EventTypes.SyncScheduleChanged
    ? { intervalMinutes: e.data.intervalMinutes, offPeakOnly: e.data.offPeakOnly, paused: e.data.paused }
    : s;

export const foldScheduleSettings = (events: readonly SyncLogEvent[], base = DEFAULT_SCHEDULE_SETTINGS) =>
  events.reduce(evolveScheduleSettings, base);

/** A change of some settings; absent fields keep their value. Uses `eventIds[0]`. */
export interface ChangeSchedule extends CommandMeta {
  readonly change: Partial<ScheduleSettings>;
  readonly changedBy: string | null;
}

export type ScheduleChangeOutcome =
  | RequestRejection
  | { readonly rejected: false; readonly settings: ScheduleSettings; readonly appends: readonly PlannedAppend[] };

const checkInterval = (v: number | undefined): RequestRejection | null => {
  if (v === undefined) return null;
  const { min, max } = SCHEDULE_INTERVAL_BOUNDS;
  return Number.isSafeInteger(v) && v >= min && v <= max
    ? null
    : { rejected: true, field: 'intervalMinutes', message: `intervalMinutes must be an integer from ${min} to ${max}` };
};

/**
 * Applies a settings change to the stream's state (`current`, at stream `version`). An unchanged result appends
 * nothing (repeating a change writes one event; an empty change on a new stream leaves the defaults implied).
 */
export const decideScheduleChange = (
  cmd: ChangeSchedule,
  current: ScheduleSettings,
  version: number,
  now: Date,
): ScheduleChangeOutcome => {
  const bad = checkInterval(cmd.change.intervalMinutes);
  if (bad !== null) return bad;
  const settings: ScheduleSettings = { ...current, ...cmd.change };
  const same =
    settings.intervalMinutes === current.intervalMinutes &&
    settings.offPeakOnly === current.offPeakOnly &&
    settings.paused === current.paused;
  if (same) return { rejected: false, settings, appends: [] };
  const event = makeEvent(cmd, 0, EventTypes.SyncScheduleChanged, { ...settings, changedBy: cmd.changedBy }, now);
  const append: PlannedAppend = {
    streamId: streamIds.syncSchedule(cmd.firmId),
    streamType: StreamTypes.syncSchedule,
    expected: expectationOf(version),
    events: [event],
  };
  return { rejected: false, settings, appends: [append] };
};
