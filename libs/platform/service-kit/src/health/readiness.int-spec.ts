import { connectTestNats, createTestDatabase, type TestDatabase } from '@sf/testing';
import { createDb } from '@sf/db';
import { checkReadiness } from './readiness';

describe('checkReadiness (real Postgres and NATS)', () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await createTestDatabase({ migrate: false });
  });
  afterAll(async () => t?.drop());

  it('is ready when Postgres answers a query and NATS a round trip', async () => {
    const nc = await connectTestNats();
    try {
      expect(await checkReadiness(t.db, nc)).toEqual({ ready: true, checks: { postgres: 'ok', nats: 'ok' } });
    } finally {
      await nc.close();
    }
  });

  it('names NATS as down once its connection is closed', async () => {
    const nc = await connectTestNats();
    await nc.close();
    expect(await checkReadiness(t.db, nc)).toEqual({ ready: false, checks: { postgres: 'ok', nats: 'down' } });
  });

  it('is ready on the checks the process needs alone, and still names the others', async () => {
    const nc = await connectTestNats();
    await nc.close();
    const stuck = new Map([['applier', () => 'down' as const]]);
    expect(await checkReadiness(t.db, nc, 2_000, stuck, new Set(['postgres']))).toEqual({
      ready: true,
      checks: { postgres: 'ok', nats: 'down', applier: 'down' },
    });
    expect((await checkReadiness(t.db, nc, 2_000, stuck, new Set(['postgres', 'applier']))).ready).toBe(false);
  });

  it('names Postgres as down when the server cannot be reached in time', async () => {
    // Nothing listens on port 1: the connection attempt fails fast, so the probe answers 'down'.
    const unreachable = createDb({
      url: 'postgres://postgres@127.0.0.1:1/postgres',
      max: 1,
      applicationName: 'readiness-spec',
    });
    const nc = await connectTestNats();
    try {
      expect(await checkReadiness(unreachable, nc, 1_000)).toEqual({
        ready: false,
        checks: { postgres: 'down', nats: 'ok' },
      });
    } finally {
      await nc.close();
      await unreachable.destroy();
    }
  });
});
