// Test-only entry of @sf/messaging (`@sf/messaging/testing`): the malformed and forged messages every consumer must
// dead-letter, and a check that runs one consumer against them. Import it from *.int-spec / *.e2e-spec files only.
export { malformedCases } from './malformed-messages';
export type { MalformedCase } from './malformed-messages';
export { checkMalformedMessages, MALFORMED_DRAIN_MS } from './check-malformed-messages';
export type { MalformedCheck, MalformedReport } from './check-malformed-messages';
export { appendExample } from './append-example';
export {
  appendEach,
  deleteStreams,
  REPO_ROOT,
  syncRequested,
  testTopology,
  topologyEnv,
  untilLogShows,
} from './messaging-test-kit';
