/** Wire names of the auth service, verbatim: HTTP routes, query parameters, env vars, NATS names. */

/** Route prefix of the connection endpoints. */
export const CONNECTIONS_PATH = 'connections/clio';

/** Full paths (for redirect URIs, logs and tests). */
export const Routes = {
  authorize: `/${CONNECTIONS_PATH}/authorize`,
  callback: `/${CONNECTIONS_PATH}/callback`,
  connection: `/${CONNECTIONS_PATH}`,
  deauthorizeCallback: `/${CONNECTIONS_PATH}/deauthorize-callback`,
  live: '/health/live',
  ready: '/health/ready',
} as const;

/** Query parameter of `GET /connections/clio/authorize`. */
export const AuthorizeQuery = { Region: 'region' } as const;

/** Query parameters added to the configured success URL after a connect. */
export const SuccessQuery = { Clio: 'clio', Region: 'region' } as const;

/** NATS queue group every auth-service replica answers the token RPC in (one replica answers each request). */
export const TOKEN_RPC_QUEUE = 'auth-service';

/** Env var names, verbatim (the shared ones are read by @sf/db, @sf/messaging, @sf/http-auth and @sf/token-vault). */
export const AuthServiceEnv = {
  Port: 'PORT',
  Host: 'HOST',
  NatsUrl: 'NATS_URL',
  StateSecret: 'AUTH_STATE_SECRET',
  CallbackUrl: 'AUTH_CALLBACK_URL',
  SuccessUrl: 'AUTH_CONNECT_SUCCESS_URL',
  RefreshIntervalMs: 'AUTH_REFRESH_INTERVAL_MS',
  LogLevel: 'LOG_LEVEL',
} as const;

/** Clio Manage API paths the auth service calls. */
export const ClioApiPath = {
  prefix: '/api/v4',
  whoAmI: '/users/who_am_i.json',
} as const;

/** Fields asked of `who_am_i`: the user, and the firm's Clio account name. */
export const WHO_AM_I_FIELDS = 'id,name,account{name}';

/** Query parameters Clio may add to the OAuth callback redirect beyond `ClioCallbackParam` (RFC 6749 §4.1.2.1). */
export const CallbackQuery = { ErrorDescription: 'error_description' } as const;
