import type { ColumnType, Generated } from 'kysely';

/** Events a JetStream consumer has applied; the primary key (consumer, event_id) makes redelivery a no-op. */
export interface InboxTable {
  /** Durable consumer name. */
  consumer: ColumnType<string, string, never>;
  /** Event id (uuid), also the message's Nats-Msg-Id. */
  event_id: ColumnType<string, string, never>;
  processed_at: Generated<Date>;
}

/**
 * One row per dead letter its consumer applied on a redrive (`sf dlq redrive`); the key makes a redrive idempotent.
 */
export interface DeadLetterRedrivesTable {
  dlq_stream: string;
  /** int8: a decimal string when read. */
  dlq_seq: ColumnType<string, number | string, never>;
  consumer: string;
  event_id: string | null;
  original_subject: string;
  reason: string;
  redriven_by: string | null;
  redriven_at: Generated<Date>;
  /** The consumer's answer: `applied` or `already_applied` (`republished`: a row from before redrives were requests). */
  outcome: string;
}

export interface MessagingTables {
  inbox: InboxTable;
  dead_letter_redrives: DeadLetterRedrivesTable;
}
