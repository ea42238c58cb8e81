/** Why a Clio callback did not connect the firm. Each maps to one HTTP status; nothing is stored for any of them. */
export const ConnectFailure = {
  /** The Clio user declined (`error=access_denied`). */
  Declined: 'declined',
  /** Clio redirected back with another OAuth error. */
  ClioError: 'clio_error',
  /** The state is missing, malformed, tampered with, or does not match its row. */
  InvalidState: 'invalid_state',
  /** The state's row is gone: unknown, expired (10 min) or already used. */
  StateNotFound: 'state_not_found',
  MissingCode: 'missing_code',
  /** Clio refused the code (invalid_grant): expired, used, or issued by another region. */
  CodeRejected: 'code_rejected',
  /** Clio's token endpoint failed (5xx, network, or it refused our client). */
  TokenEndpointFailed: 'token_endpoint_failed',
  /** `who_am_i` failed with the new token. */
  IdentityUnavailable: 'identity_unavailable',
} as const;
export type ConnectFailure = (typeof ConnectFailure)[keyof typeof ConnectFailure];

export interface ConnectFailed {
  ok: false;
  status: 400 | 502;
  reason: ConnectFailure;
  /** For the browser or gateway; names the region and statuses, never a code, state or token. */
  message: string;
}

export const connectFailed = (status: 400 | 502, reason: ConnectFailure, message: string): ConnectFailed => ({
  ok: false,
  status,
  reason,
  message,
});
