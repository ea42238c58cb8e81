import { randomUUID } from 'node:crypto';
import {
  decideOnboarding,
  isRejection,
  onboardingSettingOf,
  SyncScope,
  type OnboardingOptions,
  type RequestRejection,
} from '@sf/sync-jobs';
import { withConflictRetry } from './conflict-retry';
import { lockFirmRequests } from './firm-lock';
import { applyPlannedAppends } from './planned-appends';
import { readScope } from './stream-reads';
import type { SyncDeps } from './sync-deps';

/** A firm's onboarding setting as the API shows it: the one in force, and whether the firm stored it. */
export interface OnboardingSettingView extends OnboardingOptions {
  /** `stored`: set for this firm (`OnboardingSettingChanged`); `default`: the platform's defaults. */
  source: 'stored' | 'default';
}

export interface SetOnboardingInput {
  firmId: string;
  options: OnboardingOptions;
  changedBy: string | null;
}

const viewOf = (o: OnboardingOptions, stored: boolean): OnboardingSettingView => ({
  phased: o.phased,
  recentMonths: o.recentMonths,
  source: stored ? 'stored' : 'default',
});

/** The firm's onboarding setting, folded from its firm scope stream. */
export const readOnboardingSetting = async (deps: SyncDeps, firmId: string): Promise<OnboardingSettingView> => {
  const firm = await readScope(deps.db, firmId, SyncScope.firm());
  return viewOf(onboardingSettingOf(firm), firm.onboarding !== null);
};

/**
 * Stores a firm's onboarding setting: decided against the firm scope stream as read and appended at that version,
 * under the firm's request lock, so it serialises with sync requests (the next `first_login` sync sees it).
 */
export const storeOnboardingSetting = (
  deps: SyncDeps,
  input: SetOnboardingInput,
): Promise<OnboardingSettingView | RequestRejection> =>
  withConflictRetry(deps.maxAttempts, () =>
    deps.db.transaction().execute(async (trx) => {
      await lockFirmRequests(trx, input.firmId, SyncScope.firm());
      const firm = await readScope(trx, input.firmId, SyncScope.firm());
      const outcome = decideOnboarding(
        {
          firmId: input.firmId,
          correlationId: randomUUID(),
          causationId: null,
          eventIds: [deps.newId()],
          options: input.options,
          changedBy: input.changedBy,
        },
        firm,
        deps.now(),
      );
      if (isRejection(outcome)) return outcome;
      await applyPlannedAppends(trx, outcome.appends);
      return viewOf(outcome.setting, true);
    }),
  );
