import type { ColumnType, Generated } from 'kysely';

/** Events a JetStream consumer has applied; the primary key (consumer, event_id) makes redelivery a no-op. */
export interface InboxTable {
  /** Durable consumer name. */
  consumer: ColumnType<string, string, never>;
  /** Event id (uuid), also the message's Nats-Msg-Id. */
  event_id: ColumnType<string, string, never>;
  processed_at: Generated<Date>;
}

export interface MessagingTables {
  inbox: InboxTable;
}
