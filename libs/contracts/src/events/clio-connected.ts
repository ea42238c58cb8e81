import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { ClioRegions, EventTypes, StreamTypes, type ClioRegion } from '../wire-names';

export class ClioConnectedV1 {
  @Field.id() connectionId!: string;
  @Field.oneOf(ClioRegions) region!: ClioRegion;
  /** Clio's id of the user who authorised the connection. */
  @Field.id() clioUserId!: string;
  /** Platform user who connected. */
  @Field.id() connectedBy!: string;
}

export const clioConnected = defineEvent({
  type: EventTypes.ClioConnected,
  description: 'The firm connected its Clio account (OAuth completed; tokens are in the vault, never in events).',
  streamType: StreamTypes.connection,
  currentVersion: 1,
  versions: { 1: ClioConnectedV1 },
  upcasters: {},
  examples: { 1: { connectionId: 'conn-1', region: 'us', clioUserId: '344', connectedBy: 'user-7' } },
});
