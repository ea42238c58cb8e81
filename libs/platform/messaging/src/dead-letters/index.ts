export { viewOfDeadLetter } from './dead-letter-view';
export type { DeadLetter, DeadLetterView } from './dead-letter-view';
export { listDeadLetters } from './list-dead-letters';
export type { DeadLetterQuery } from './list-dead-letters';
export { redriveDeadLetter, redrivenSeqs } from './redrive';
export type { RedriveResult, RedriveResultOutcome } from './redrive';
