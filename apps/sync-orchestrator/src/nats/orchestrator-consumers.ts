import { SUBJECTS } from '@sf/contracts';
import type { ConsumerOptions } from '@sf/messaging';
import { SYNC_ENDED_CONSUMERS } from '../processing/sync-ended.consumer';
import { FIRST_LOGIN_CONSUMER } from '../wire-names';
import { CONNECTION_REVOKED_CONSUMER } from './connection-revoked.consumer';

/** The orchestrator's durable consumers, for `defineTopology({ consumers })` and the bus grants (tools/bus). */
export const orchestratorConsumerOptions = (): ConsumerOptions[] => [
  { name: FIRST_LOGIN_CONSUMER, filterSubject: SUBJECTS.eventType('ClioConnected') },
  { name: CONNECTION_REVOKED_CONSUMER, filterSubject: SUBJECTS.eventType('ConnectionRevoked') },
  ...SYNC_ENDED_CONSUMERS.map((c) => ({ name: c.name, filterSubject: SUBJECTS.eventType(c.eventType) })),
];
