import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';
import { SyncScope } from './sync-scope';

/**
 * A firm's stored onboarding setting, appended to the firm's scope stream (`sync-scope-<firmId>-firm`): how its
 * firm-wide initial sync runs when the request does not say (the `first_login` sync after OAuth never does).
 */
export class OnboardingSettingChangedV1 {
  /** Always the firm scope: the setting is the firm's (a scope-stream event names its scope). */
  @Field.nested(() => SyncScope) scope!: SyncScope;
  /** Run the initial sync in phases (core, supporting, historical), each usable when it completes. */
  @Field.bool() phased!: boolean;
  /** With `phased`: documents and activities of the last N months first (recent-first); null: no recent window. */
  @Field.integer({ nullable: true }, 1) recentMonths!: number | null;
  /** User who changed it; absent or null for operators and tools. */
  @Field.id({ optional: true, nullable: true }) changedBy?: string | null;
}

export const onboardingSettingChanged = defineEvent({
  type: EventTypes.OnboardingSettingChanged,
  description: "A firm's onboarding setting (phased initial sync, recent-first window) was changed.",
  streamType: StreamTypes.syncScope,
  currentVersion: 1,
  versions: { 1: OnboardingSettingChangedV1 },
  upcasters: {},
  examples: { 1: { scope: { kind: 'firm' }, phased: true, recentMonths: 12, changedBy: 'user-7' } },
});
