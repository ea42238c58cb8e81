/**
 * Request-reply contract of a dead letter's redrive (`SUBJECTS.redrive(consumer)`, queue group = the consumer's
 * name). The request is the dead letter as stored: the event's body and its headers, `Sf-Dlq-*` included (the
 * original subject and stream sequence come from them). The consumer's replica applies it through its inbox, in
 * one transaction, and answers what happened. Nothing is published to the events stream: a redrive never adds a
 * second copy of an event that subscribers and the stream-equals-log check would see.
 */
export const RedriveOutcomes = {
  /** Applied now; its effect committed with the inbox row. */
  applied: 'applied',
  /** The consumer's inbox already holds the event (an earlier redrive whose reply was lost, or a late delivery). */
  alreadyApplied: 'already_applied',
  /** The handler failed again (threw, asked for a retry or gave up); nothing committed, the dead letter stays. */
  failed: 'failed',
  /** Not an event the log backs, or not a valid envelope: never applied. */
  refused: 'refused',
} as const;
export type RedriveOutcome = (typeof RedriveOutcomes)[keyof typeof RedriveOutcomes];

export interface RedriveReply {
  outcome: RedriveOutcome;
  /** Why it failed or was refused; the catalogue's or the handler's reason, never a payload value. */
  reason?: string;
}
