import createClient, { type Client } from 'openapi-fetch';
import type { components, paths } from './generated/sync-orchestrator';

/** The sync orchestrator's API for gateway clients: every route, parameter and answer typed from its OpenAPI. */
export type GatewayClient = Client<paths>;

export interface GatewayClientOptions {
  /** e.g. `http://127.0.0.1:3002`. */
  baseUrl: string;
  /** The gateway JWT (without `Bearer `). */
  token: string;
  /** Another fetch (tests, instrumentation). */
  fetch?: typeof globalThis.fetch;
}

/**
 * A typed client (openapi-fetch) that sends the bearer token on every request. Calls answer `{ data, error,
 * response }`: `data` typed by the route's success schema, `error` by its error schema.
 */
export const createGatewayClient = (o: GatewayClientOptions): GatewayClient =>
  createClient<paths>({
    baseUrl: o.baseUrl,
    headers: { authorization: `Bearer ${o.token}` },
    ...(o.fetch ? { fetch: o.fetch } : {}),
  });

type Schemas = components['schemas'];
export type MirrorRecord = Schemas['MirrorRecordDto'];
export type MirrorRecordPage = Schemas['MirrorRecordPageDto'];
export type FolderTree = Schemas['FolderTreeDto'];
export type FolderNode = Schemas['FolderNodeDto'];
export type FirmSyncStatus = Schemas['FirmSyncStatusDto'];
export type UserSyncStatus = Schemas['UserSyncStatusDto'];
export type SyncJobSummary = Schemas['SyncJobSummaryDto'];
export type HeldSweep = Schemas['HeldSweepDto'];
export type FlaggedRecord = Schemas['FlaggedRecordDto'];
export type ErrorBody = Schemas['ErrorBody'];
