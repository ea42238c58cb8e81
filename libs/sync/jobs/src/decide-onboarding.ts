import { EventTypes, StreamTypes, streamIds } from '@sf/contracts';
import { makeEvent, type CommandMeta } from './command-meta';
import { DEFAULT_ONBOARDING, MAX_RECENT_MONTHS, type OnboardingOptions } from './onboarding';
import { expectationOf, type PlannedAppend } from './planned-append';
import type { RequestRejection } from './resync';
import type { ScopeState } from './scope-state';
import { SyncScope } from './sync-scope';

/** Store a firm's onboarding setting. Uses `eventIds[0]` (OnboardingSettingChanged). */
export interface SetOnboarding extends CommandMeta {
  readonly options: OnboardingOptions;
  readonly changedBy: string | null;
}

/** The setting in force and what it takes to store it (nothing when it is already the setting). */
export interface OnboardingOutcome {
  readonly setting: OnboardingOptions;
  readonly appends: readonly PlannedAppend[];
}

/** The firm's onboarding setting: stored, or the defaults. */
export const onboardingSettingOf = (firmScope: ScopeState): OnboardingOptions =>
  firmScope.onboarding ?? DEFAULT_ONBOARDING;

/** Why a setting cannot be stored, or null. Messages name the field, never echo the value. */
export const checkOnboarding = (o: OnboardingOptions): RequestRejection | null => {
  const r = o.recentMonths;
  if (r !== null && !(Number.isInteger(r) && r >= 1 && r <= MAX_RECENT_MONTHS))
    return {
      rejected: true,
      field: 'recentMonths',
      message: `recentMonths must be an integer from 1 to ${MAX_RECENT_MONTHS}, or null`,
    };
  if (!o.phased && r !== null)
    return { rejected: true, field: 'recentMonths', message: 'recentMonths needs a phased sync (phased must be true)' };
  return null;
};

/**
 * Decides a change of the firm's onboarding setting against the firm scope stream as read (`firmScope`): appended
 * at that version, so it serialises with sync requests; the same setting again appends nothing. Pure.
 */
export const decideOnboarding = (
  cmd: SetOnboarding,
  firmScope: ScopeState,
  now: Date,
): OnboardingOutcome | RequestRejection => {
  const rejected = checkOnboarding(cmd.options);
  if (rejected !== null) return rejected;
  const current = firmScope.onboarding;
  const setting = { phased: cmd.options.phased, recentMonths: cmd.options.recentMonths };
  if (current !== null && current.phased === setting.phased && current.recentMonths === setting.recentMonths)
    return { setting, appends: [] };
  return {
    setting,
    appends: [
      {
        streamId: streamIds.syncScope(cmd.firmId, SyncScope.firm()),
        streamType: StreamTypes.syncScope,
        expected: expectationOf(firmScope.version),
        events: [
          makeEvent(
            cmd,
            0,
            EventTypes.OnboardingSettingChanged,
            { scope: SyncScope.firm(), ...setting, changedBy: cmd.changedBy },
            now,
          ),
        ],
      },
    ],
  };
};
