import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { createTestDatabase, type TestDatabase } from '@sf/testing';
import {
  findConnectionByFirm,
  findLiveConnectionsByClioUser,
  listRefreshDue,
  markNeedsReauth,
  revokeConnection,
  saveConnection,
  type NewConnection,
} from './connection-repository';
import { createKeyring } from './keyring';
import { rotateVaultKeys } from './rotate-keys';
import { sealedKeyId } from './sealed-value';
import { openTokens } from './token-seal';
import { isTokenDecryptError } from './vault-errors';
import type { EventStoreTables } from '@sf/event-store';
import type { TokenVaultTables } from './schema/token-vault.tables';

const k1 = randomBytes(32);
const k2 = randomBytes(32);
const ring1 = createKeyring([['k1', k1]], 'k1');
const ring12 = createKeyring(
  [
    ['k1', k1],
    ['k2', k2],
  ],
  'k2',
);
const ring2 = createKeyring([['k2', k2]], 'k2');
const now = new Date('2026-11-23T12:00:00Z');

const newConnection = (firmId: string, tag: string): NewConnection => ({
  connectionId: randomUUID(),
  firmId,
  region: 'us',
  clioUserId: '4242',
  tokens: { accessToken: `access-${tag}`, refreshToken: `refresh-${tag}` },
  expiresAt: new Date(now.getTime() + 3_600_000),
});

describe('clio_connections repository', () => {
  let t: TestDatabase<TokenVaultTables & EventStoreTables>;
  beforeAll(async () => {
    t = await createTestDatabase();
  });
  afterAll(() => t.drop());

  it('stores tokens sealed, never in clear, and opens them again', async () => {
    const c = await saveConnection(t.db, ring1, newConnection('firm-a', 'a'), now);
    const raw = await t.db
      .selectFrom('clio_connections')
      .selectAll()
      .where('firm_id', '=', 'firm-a')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(raw)).not.toContain('access-a');
    expect(JSON.stringify(raw)).not.toContain('refresh-a');
    expect(raw).toMatchObject({ status: 'active', key_id: 'k1', version: 1, region: 'us', clio_user_id: '4242' });
    expect(openTokens(ring1, c.connectionId, c.tokens!)).toEqual({
      accessToken: 'access-a',
      refreshToken: 'refresh-a',
    });
  });

  it("replaces a firm's connection when it connects again: one row, new id, version bumped", async () => {
    const first = await saveConnection(t.db, ring1, newConnection('firm-b', 'b1'), now);
    const second = await saveConnection(t.db, ring1, newConnection('firm-b', 'b2'), now);
    expect(second.connectionId).not.toBe(first.connectionId);
    expect(second.version).toBe(first.version + 1);
    const stored = await findConnectionByFirm(t.db, 'firm-b');
    expect(openTokens(ring1, stored!.connectionId, stored!.tokens!).accessToken).toBe('access-b2');
    const { rows } = await sql<{
      n: number;
    }>`select count(*)::int as n from clio_connections where firm_id = 'firm-b'`.execute(t.db);
    expect(rows[0]!.n).toBe(1);
  });

  it('refuses to open tokens swapped between two rows', async () => {
    const x = await saveConnection(t.db, ring1, newConnection('firm-x', 'x'), now);
    const y = await saveConnection(t.db, ring1, newConnection('firm-y', 'y'), now);
    await sql`update clio_connections set access_token_enc = ${y.tokens!.accessTokenEnc} where connection_id = ${x.connectionId}`.execute(
      t.db,
    );
    const swapped = await findConnectionByFirm(t.db, 'firm-x');
    let caught: unknown;
    try {
      openTokens(ring1, swapped!.connectionId, swapped!.tokens!);
    } catch (e) {
      caught = e;
    }
    expect(isTokenDecryptError(caught)).toBe(true);
    expect((caught as Error).message).toBe(
      `tokens of connection ${x.connectionId} could not be decrypted (unauthentic)`,
    );
    await sql`delete from clio_connections where firm_id = 'firm-x'`.execute(t.db);
  });

  it('marks needs_reauth exactly once and revokes by destroying the tokens', async () => {
    const c = await saveConnection(t.db, ring1, newConnection('firm-r', 'r'), now);
    const marks = await Promise.all(Array.from({ length: 5 }, () => markNeedsReauth(t.db, c.connectionId, now)));
    expect(marks.filter(Boolean)).toHaveLength(1);
    expect(await revokeConnection(t.db, 'firm-r', now)).toEqual({ connectionId: c.connectionId });
    expect(await revokeConnection(t.db, 'firm-r', now)).toBeNull();
    const raw = await t.db
      .selectFrom('clio_connections')
      .selectAll()
      .where('firm_id', '=', 'firm-r')
      .executeTakeFirstOrThrow();
    expect(raw).toMatchObject({
      status: 'revoked',
      access_token_enc: null,
      refresh_token_enc: null,
      key_id: null,
      expires_at: null,
    });
  });

  it('lets the database reject an active row without tokens', async () => {
    await expect(
      sql`update clio_connections set access_token_enc = null where firm_id = 'firm-a'`.execute(t.db),
    ).rejects.toThrow(/clio_connections_tokens_match_status/);
  });

  it('finds the live connections of a Clio user across firms, never revoked ones', async () => {
    const p = await saveConnection(t.db, ring1, { ...newConnection('firm-u1', 'u1'), clioUserId: '777' }, now);
    const q = await saveConnection(
      t.db,
      ring1,
      { ...newConnection('firm-u2', 'u2'), clioUserId: '777' },
      new Date(now.getTime() + 1),
    );
    await saveConnection(t.db, ring1, { ...newConnection('firm-u3', 'u3'), clioUserId: '777' }, now);
    await revokeConnection(t.db, 'firm-u3', now);
    await markNeedsReauth(t.db, q.connectionId, now);
    const found = await findLiveConnectionsByClioUser(t.db, '777');
    expect(found.map((c) => [c.connectionId, c.status])).toEqual([
      [p.connectionId, 'active'],
      [q.connectionId, 'needs_reauth'],
    ]);
    expect(await findLiveConnectionsByClioUser(t.db, '778')).toEqual([]);
    // The rotation tests below count live rows.
    await sql`delete from clio_connections where clio_user_id = '777'`.execute(t.db);
  });

  it('lists the active connections due for refresh', async () => {
    const due = await listRefreshDue(
      t.db,
      { expiresBefore: new Date(now.getTime() + 7_200_000), refreshedBefore: now },
      100,
    );
    expect(due).toEqual(expect.arrayContaining(['firm-a', 'firm-b', 'firm-y']));
    expect(due).not.toContain('firm-r');
    expect(
      await listRefreshDue(t.db, { expiresBefore: now, refreshedBefore: new Date(now.getTime() - 1) }, 100),
    ).toEqual([]);
  });

  it('rotates every live row to the active key, after which the old key can go', async () => {
    const live = await t.db.selectFrom('clio_connections').select('firm_id').where('status', '<>', 'revoked').execute();
    expect(live.length).toBe(3);
    const outcome = await rotateVaultKeys(t.db, ring12, { batchSize: 2, now: () => now });
    expect(outcome).toEqual({ resealed: 3, raced: 0 });
    const rows = await t.db.selectFrom('clio_connections').selectAll().where('status', '<>', 'revoked').execute();
    for (const r of rows) {
      expect(r.key_id).toBe('k2');
      expect(sealedKeyId(r.access_token_enc!)).toBe('k2');
      expect(sealedKeyId(r.refresh_token_enc!)).toBe('k2');
    }
    const a = await findConnectionByFirm(t.db, 'firm-a');
    expect(openTokens(ring2, a!.connectionId, a!.tokens!)).toEqual({
      accessToken: 'access-a',
      refreshToken: 'refresh-a',
    });
    expect(await rotateVaultKeys(t.db, ring12)).toEqual({ resealed: 0, raced: 0 });
  });

  it('refuses to carry a value it cannot open into the new key', async () => {
    const c = await saveConnection(t.db, ring1, newConnection('firm-z', 'z'), now);
    const other = await findConnectionByFirm(t.db, 'firm-a');
    await sql`update clio_connections set refresh_token_enc = ${other!.tokens!.refreshTokenEnc}
      where connection_id = ${c.connectionId}`.execute(t.db);
    await expect(rotateVaultKeys(t.db, ring12)).rejects.toThrow(
      `tokens of connection ${c.connectionId} could not be decrypted`,
    );
  });
});
