import type { ColumnType } from 'kysely';

/** timestamptz: pg returns a Date; writes accept a Date, an ISO string or a SQL expression. */
type Timestamp = ColumnType<Date, Date | string, Date | string>;

/**
 * A pending Clio authorisation started by `GET /connections/clio/authorize` (apps/auth-service). The row makes the
 * OAuth `state` single-use: the callback consumes it with one `DELETE ... WHERE nonce = $1 AND expires_at > now()
 * RETURNING`, so a replayed or expired state finds nothing. Holds ids only, never a code or token.
 */
export interface OAuthStatesTable {
  /** 256-bit random value, base64url; also signed into the `state` parameter. */
  nonce: string;
  /** Firm and platform user who started the authorisation (from their gateway JWT). */
  firm_id: string;
  user_id: string;
  /** `us | eu | ca | au` (check constraint): the Clio region whose token endpoint redeems the code. */
  region: string;
  created_at: Timestamp;
  /** Set by the database (`now()` + the state lifetime, 10 minutes by default). */
  expires_at: Timestamp;
}

/** When a deauthorization callback last made us ask Clio about a connection (one request per window at most). */
export interface ClioDeauthorizeChecksTable {
  connection_id: string;
  checked_at: Timestamp;
}

export interface AuthServiceTables {
  oauth_states: OAuthStatesTable;
  clio_deauthorize_checks: ClioDeauthorizeChecksTable;
}
