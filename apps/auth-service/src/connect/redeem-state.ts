import type { AuthDeps } from '../auth-deps';
import { sameBinding, verifyState, type SignedState } from '../oauth-state/oauth-state';
import { consumeOAuthState } from '../oauth-state/oauth-state.repository';
import { ConnectFailure, connectFailed, type ConnectFailed } from './connect-failure';

/**
 * Turns the callback's `state` into the firm, user and region that started the authorisation, consuming it.
 * The signature is checked first, so a forged or tampered value never touches the database; then the row is
 * deleted in one statement (single use, not expired) and must carry exactly what was signed.
 */
export const redeemState = async (
  deps: Pick<AuthDeps, 'db' | 'stateSecret'>,
  state: string | undefined,
): Promise<{ ok: true; state: SignedState } | ConnectFailed> => {
  if (!state) return connectFailed(400, ConnectFailure.InvalidState, 'the callback carries no state');
  const checked = verifyState(deps.stateSecret, state);
  if (!checked.ok) return connectFailed(400, ConnectFailure.InvalidState, 'the authorisation state is invalid');
  const row = await consumeOAuthState(deps.db, checked.state.nonce);
  if (!row) {
    return connectFailed(
      400,
      ConnectFailure.StateNotFound,
      'the authorisation state is unknown, expired or already used; start again',
    );
  }
  if (!sameBinding(row, checked.state))
    return connectFailed(400, ConnectFailure.InvalidState, 'the authorisation state is invalid');
  return { ok: true, state: row };
};
