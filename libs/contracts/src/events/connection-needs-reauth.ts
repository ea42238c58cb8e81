import { defineEvent } from '../event-definition';
import { Field } from '../fields';
import { EventTypes, StreamTypes } from '../wire-names';

export class ConnectionNeedsReauthV1 {
  @Field.id() connectionId!: string;
  @Field.text() reason!: string;
}

export const connectionNeedsReauth = defineEvent({
  type: EventTypes.ConnectionNeedsReauth,
  description: 'The Clio connection stopped working (refresh failed) and the firm must connect again.',
  streamType: StreamTypes.connection,
  currentVersion: 1,
  versions: { 1: ConnectionNeedsReauthV1 },
  upcasters: {},
  examples: { 1: { connectionId: 'conn-1', reason: 'Refresh token rejected by Clio' } },
});
