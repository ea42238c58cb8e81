import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, RevokedBy, StreamTypes } from '../wire-names';

export class ConnectionRevokedV1 {
  @Field.id() connectionId!: string;
  @Field.oneOf(RevokedBy) revokedBy!: RevokedBy;
}

export const connectionRevoked = defineEvent({
  type: EventTypes.ConnectionRevoked,
  description: 'The Clio connection was ended, by a user of the firm or by Clio.',
  streamType: StreamTypes.connection,
  currentVersion: 1,
  versions: { 1: ConnectionRevokedV1 },
  upcasters: {},
  examples: { 1: { connectionId: 'conn-1', revokedBy: 'user' } },
});
