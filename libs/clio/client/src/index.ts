// Public surface of @sf/clio-client: typed, budgeted, retrying access to the Clio Manage API v4.
export type {
  ClioResource,
  Lane,
  TokenProvider,
  TokenRequestOptions,
  ListRequest,
  ClioPage,
  PageOutcome,
  PageFailure,
  CountOutcome,
  GetOutcome,
  DownloadOutcome,
  SendOutcome,
  SendRequest,
  ClioClient,
  ClioClientStats,
  ClioClientOptions,
  RetryOptions,
} from './types';
export { createClioClient } from './create-clio-client';
export { createNatsTokenProvider } from './tokens/nats-token-provider';
export type { NatsTokenProviderOptions } from './tokens/nats-token-provider';
export { clioAccessFromEnv, clioTokenProvider } from './tokens/clio-access';
export type { ClioAccessConfig } from './tokens/clio-access';
export { createInMemoryTokenProvider } from './tokens/in-memory-token-provider';
export type { TokenCacheOptions } from './tokens/token-cache';
export { readRateBudget } from './budget/read-rate-budget';
export type { RateBudgetSnapshot } from './budget/read-rate-budget';
export { listUrl } from './page/list-url';
export { matchCount } from './page/match-count';
export type { MatchCount } from './page/match-count';
export { CLIO_RESOURCES, DEFAULT_CLIO_API_VERSION, MAX_PAGE_LIMIT } from './wire';
export { clioClientMigrations } from './schema/clio-client-migrations';
export type { ClioClientTables } from './schema/clio-rate-budget.tables';
