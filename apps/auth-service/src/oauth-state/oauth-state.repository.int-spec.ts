import { sql } from 'kysely';
import { createTestDatabase, waitFor, type TestDatabase } from '@sf/testing';
import { newNonce } from './oauth-state';
import { consumeOAuthState, insertOAuthState, purgeExpiredOAuthStates } from './oauth-state.repository';
import type { AuthServiceDb } from '../schema/auth-service-schema';

describe('oauth_states (real Postgres)', () => {
  let t: TestDatabase<AuthServiceDb>;
  beforeAll(async () => {
    t = await createTestDatabase({ max: 12 });
  });
  afterAll(async () => {
    await t?.drop();
  });

  const pending = async (ttlMs = 600_000) => {
    const s = { nonce: newNonce(), firmId: 'firm-1', userId: 'user-1', region: 'us' as const };
    const expiresAt = await insertOAuthState(t.db, s, ttlMs);
    return { s, expiresAt };
  };

  it('sets the expiry in the database and hands the row back exactly once', async () => {
    const { s, expiresAt } = await pending();
    const { rows } = await sql<{ now: Date }>`select now() as now`.execute(t.db);
    expect(expiresAt.getTime() - rows[0]!.now.getTime()).toBeGreaterThan(599_000);
    expect(await consumeOAuthState(t.db, s.nonce)).toEqual(s);
    expect(await consumeOAuthState(t.db, s.nonce)).toBeNull();
  });

  it('lets exactly one of ten concurrent consumers have the row', async () => {
    const { s } = await pending();
    const got = await Promise.all(Array.from({ length: 10 }, () => consumeOAuthState(t.db, s.nonce)));
    expect(got.filter((g) => g !== null)).toEqual([s]);
  });

  it('never hands back an expired row, and the purge removes it', async () => {
    const { s, expiresAt } = await pending(1);
    await waitFor(
      async () => (await sql<{ now: Date }>`select now() as now`.execute(t.db)).rows[0]!.now,
      (now) => now > expiresAt,
    );
    expect(await consumeOAuthState(t.db, s.nonce)).toBeNull();
    const live = await pending();
    expect(await purgeExpiredOAuthStates(t.db)).toBeGreaterThanOrEqual(1);
    expect(await t.db.selectFrom('oauth_states').select('nonce').where('nonce', '=', s.nonce).execute()).toEqual([]);
    expect(await consumeOAuthState(t.db, live.s.nonce)).toEqual(live.s);
  });
});
