/**
 * Why a request was not authenticated. The messages are the whole 401/503 body's `message`: clear enough to fix
 * the client, and nothing about the token's contents or the server's keys.
 */
export const AuthFailure = {
  MissingToken: 'missing_token',
  Malformed: 'malformed',
  UnsupportedAlg: 'unsupported_alg',
  InvalidSignature: 'invalid_signature',
  Expired: 'expired',
  NotYetValid: 'not_yet_valid',
  MissingClaims: 'missing_claims',
  /** The firm claim is not a firm id (it becomes part of queries, stream ids and NATS subjects). */
  InvalidFirmId: 'invalid_firm_id',
  /** The user claim is not a user id. */
  InvalidUserId: 'invalid_user_id',
  WrongIssuer: 'wrong_issuer',
  WrongAudience: 'wrong_audience',
  /** The JWKS could not be fetched: our outage, answered 503 rather than blaming the client. */
  KeysUnavailable: 'keys_unavailable',
} as const;
export type AuthFailure = (typeof AuthFailure)[keyof typeof AuthFailure];

export const AUTH_FAILURE_MESSAGE: Readonly<Record<AuthFailure, string>> = {
  missing_token: 'missing bearer token',
  malformed: 'malformed token',
  unsupported_alg: 'unsupported token algorithm',
  invalid_signature: 'invalid signature',
  expired: 'token expired',
  not_yet_valid: 'token not yet valid',
  missing_claims: 'token is missing required claims',
  invalid_firm_id: 'token firm id claim is not a valid id (1 to 128 letters, digits, _ or -)',
  invalid_user_id: 'token subject claim is not a valid id (1 to 200 letters, digits, _, -, | or :)',
  wrong_issuer: 'token issuer not accepted',
  wrong_audience: 'token audience not accepted',
  keys_unavailable: 'authentication keys unavailable',
};
