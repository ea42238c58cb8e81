// Public surface of @sf/gateway-client: a typed client of the sync orchestrator's HTTP API (generated from
// docs/openapi/sync-orchestrator.json by `npm run openapi`), for gateway clients, the main job and the e2e tests.
export { createGatewayClient } from './gateway-client';
export type {
  ErrorBody,
  FirmSyncStatus,
  FlaggedRecord,
  FolderNode,
  FolderTree,
  GatewayClient,
  GatewayClientOptions,
  HeldSweep,
  MirrorRecord,
  MirrorRecordPage,
  SyncJobSummary,
  UserSyncStatus,
} from './gateway-client';
export type { components, paths } from './generated/sync-orchestrator';
