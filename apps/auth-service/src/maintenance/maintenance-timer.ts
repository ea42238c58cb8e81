import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { TokenService } from '@sf/token-vault';
import { purgeExpiredOAuthStates } from '../oauth-state/oauth-state.repository';
import type { AuthServiceDb } from '../schema/auth-service-schema';

export interface MaintenanceOptions {
  db: Kysely<AuthServiceDb>;
  tokens: Pick<TokenService, 'refreshDue'>;
  log: Logger;
  /** Period in ms; 0 disables the timer. */
  intervalMs: number;
}

export interface Maintenance {
  /** One pass now: what the timer runs. Resolves with what it did. */
  runOnce(): Promise<{ refreshed: number; needsReauth: number; failed: number; purgedStates: number }>;
  /** Stops the timer and waits for a pass in progress. */
  stop(): Promise<void>;
}

/**
 * The proactive side of the vault: every `intervalMs`, refresh every connection that is due (close to expiry or a
 * day old) so callers rarely wait on a refresh, and purge expired authorisation states. Passes never overlap in one
 * process; across replicas the vault's per-firm lock makes a second pass find the firm already refreshed.
 */
export const startMaintenance = (o: MaintenanceOptions): Maintenance => {
  let running: Promise<unknown> | null = null;
  const runOnce: Maintenance['runOnce'] = async () => {
    const results = await o.tokens.refreshDue();
    const purgedStates = await purgeExpiredOAuthStates(o.db);
    const summary = {
      refreshed: results.filter((r) => r.result.ok).length,
      needsReauth: results.filter((r) => !r.result.ok && r.result.reason === 'needs_reauth').length,
      failed: results.filter((r) => !r.result.ok && r.result.reason !== 'needs_reauth').length,
      purgedStates,
    };
    if (results.length > 0 || purgedStates > 0) o.log.info(summary, 'maintenance pass');
    return summary;
  };
  const timer =
    o.intervalMs > 0
      ? setInterval(() => {
          if (running) return;
          running = runOnce()
            .catch((e: unknown) =>
              o.log.error(
                { err: e instanceof Error ? e.name : 'unknown', detail: e instanceof Error ? e.message : undefined },
                'maintenance pass failed',
              ),
            )
            .finally(() => (running = null));
        }, o.intervalMs)
      : null;
  return {
    runOnce,
    stop: async () => {
      if (timer) clearInterval(timer);
      await running;
    },
  };
};
