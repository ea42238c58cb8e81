export { appendToStream } from './append-to-stream';
export type { AppendResult } from './append-result';
export { ExpectedVersion } from './expected-version';
export { LogPosition } from './log-position';
export { readStream } from './read-stream';
export type { ReadStreamOptions } from './read-stream';
export { readAllAfter } from './read-all-after';
export { loadCheckpoint, storeCheckpoint } from './checkpoints';
