import { createTestDatabase, uniqueName, type TestDatabase } from '@sf/testing';
import type { PlatformDb } from '../migration-sets';
import { readFirmStatus } from './firm-status-read';

describe('sf firm status (read, real Postgres)', () => {
  let t: TestDatabase<PlatformDb>;
  beforeAll(async () => {
    t = await createTestDatabase<PlatformDb>();
  });
  afterAll(async () => t?.drop());

  it("gives the firm's webhook health with its subscriptions, never their sealed secret", async () => {
    const firmId = uniqueName('firm-status');
    await t.db
      .insertInto('webhook_subscriptions')
      .values({
        subscription_id: uniqueName('sub'),
        firm_id: firmId,
        model: 'matter',
        entity_type: 'matters',
        clio_webhook_id: '41',
        sealed_secret: 'sealed-value',
        status: 'active',
        expires_at: new Date(Date.now() + 86_400_000),
      })
      .execute();
    const status = await readFirmStatus({ db: t.db }, firmId);
    expect(status.webhooks.health).toBe('degraded');
    expect(status.webhooks.subscriptions).toEqual([
      { model: 'matter', status: 'active', expires_at: expect.any(Date) },
    ]);
    expect(JSON.stringify(status)).not.toContain('sealed-value');
    expect((await readFirmStatus({ db: t.db }, uniqueName('no-firm'))).webhooks.health).toBe('off');
  });
});
