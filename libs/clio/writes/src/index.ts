// Public surface of @sf/clio-writes: the pure write-back domain (one write's fold and decider, the field-level merge
// after a 412, the writer's retry schedule). No I/O: the gateway and the writer read streams and pass facts in.
export { WriteStatuses, isOpenWrite } from './write-state';
export type { WriteConflict, WriteRequest, WriteState, WriteStatus } from './write-state';
export { isWriteEvent, WRITE_EVENT_TYPES } from './write-event';
export type { WriteLogEvent } from './write-event';
export { evolveWrite, foldWrite } from './evolve-write';
export { decideWrite } from './decide-write';
export type { ClioOutcome, WriteCommand, WriteDecision, WriteRejection } from './decide-write';
export { fieldValueOf, mergeAfterPrecondition, sameJson } from './field-merge';
export type { MergeOutcome } from './field-merge';
export { pendingViewOf, provisionalOf } from './pending-view';
export type { PendingView, ProvisionalRecord } from './pending-view';
export { retryDelayMs } from './retry-schedule';
