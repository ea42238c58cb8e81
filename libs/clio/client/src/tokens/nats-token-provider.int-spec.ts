import type { NatsConnection } from '@nats-io/nats-core';
import type { AccessTokenReply, AccessTokenRequest } from '@sf/contracts';
import { connectTestNats, uniqueName } from '@sf/testing';
import { createNatsTokenProvider } from './nats-token-provider';

const NOW = Date.UTC(2025, 0, 6, 9, 0, 0);

describe('NATS token provider (real nats-server, test responder on a unique subject)', () => {
  let nc: NatsConnection;
  let clock: number;
  const now = () => clock;

  beforeAll(async () => {
    nc = await connectTestNats();
  });
  afterAll(() => nc.close());
  beforeEach(() => {
    clock = NOW;
  });

  /** A responder like the auth service: a new token for every request, valid for `ttlMs`. */
  const respond = (subject: string, ttlMs = 3_600_000) => {
    const seen: AccessTokenRequest[] = [];
    let n = 0;
    const sub = nc.subscribe(subject, {
      queue: 'auth-service',
      callback: (_err, msg) => {
        const req = JSON.parse(msg.string()) as AccessTokenRequest;
        seen.push(req);
        n++;
        const reply: AccessTokenReply = {
          ok: true,
          accessToken: `tok-${n}`,
          expiresAt: new Date(clock + ttlMs).toISOString(),
          region: 'us',
          apiBaseUrl: 'https://app.clio.com/api/v4',
          connectionId: `conn-${req.firmId}`,
        };
        msg.respond(JSON.stringify(reply));
      },
    });
    return { seen, sub };
  };

  it('asks once and serves the cached token until close to expiresAt', async () => {
    const subject = uniqueName('test.rpc.token');
    const { seen, sub } = respond(subject, 600_000);
    const p = createNatsTokenProvider(nc, { subject, now, refreshMarginMs: 60_000 });
    const [a, b] = await Promise.all([p.getToken('firm-1'), p.getToken('firm-1')]);
    expect(a).toMatchObject({ ok: true, accessToken: 'tok-1', connectionId: 'conn-firm-1' });
    expect(b).toEqual(a);
    clock = NOW + 539_000;
    expect(await p.getToken('firm-1')).toMatchObject({ accessToken: 'tok-1' });
    clock = NOW + 540_000;
    expect(await p.getToken('firm-1')).toMatchObject({ accessToken: 'tok-2' });
    expect(seen).toEqual([{ firmId: 'firm-1' }, { firmId: 'firm-1' }]);
    sub.unsubscribe();
  });

  it('rejectedToken bypasses the cache and is passed to the auth service', async () => {
    const subject = uniqueName('test.rpc.token');
    const { seen, sub } = respond(subject);
    const p = createNatsTokenProvider(nc, { subject, now });
    await p.getToken('firm-2');
    expect(await p.getToken('firm-2', { rejectedToken: 'tok-1' })).toMatchObject({ ok: true, accessToken: 'tok-2' });
    expect(await p.getToken('firm-2')).toMatchObject({ accessToken: 'tok-2' });
    expect(seen).toEqual([{ firmId: 'firm-2' }, { firmId: 'firm-2', rejectedToken: 'tok-1' }]);
    sub.unsubscribe();
  });

  it('unauthorizedAfterRefresh reaches the auth service with the token, bypassing a valid cached token', async () => {
    const subject = uniqueName('test.rpc.token');
    const { seen, sub } = respond(subject);
    const p = createNatsTokenProvider(nc, { subject, now });
    await p.getToken('firm-5');
    await p.getToken('firm-5', { rejectedToken: 'tok-1' });
    // tok-2 is cached and valid for an hour: the report must still go out, not be answered from the cache.
    await p.getToken('firm-5', { rejectedToken: 'tok-2', unauthorizedAfterRefresh: true });
    expect(seen).toEqual([
      { firmId: 'firm-5' },
      { firmId: 'firm-5', rejectedToken: 'tok-1' },
      { firmId: 'firm-5', rejectedToken: 'tok-2', unauthorizedAfterRefresh: true },
    ]);
    sub.unsubscribe();
  });

  it('passes failure replies through and does not cache them', async () => {
    const subject = uniqueName('test.rpc.token');
    let calls = 0;
    const sub = nc.subscribe(subject, {
      callback: (_err, msg) => {
        calls++;
        msg.respond(JSON.stringify({ ok: false, reason: 'needs_reauth', message: 'refresh token rejected' }));
      },
    });
    const p = createNatsTokenProvider(nc, { subject, now });
    expect(await p.getToken('firm-3')).toEqual({
      ok: false,
      reason: 'needs_reauth',
      message: 'refresh token rejected',
    });
    await p.getToken('firm-3');
    expect(calls).toBe(2);
    sub.unsubscribe();
  });

  it('no responders, a timeout or an unreadable reply -> unavailable', async () => {
    const p = createNatsTokenProvider(nc, { subject: uniqueName('test.rpc.nobody'), timeoutMs: 500 });
    expect(await p.getToken('firm-4')).toMatchObject({ ok: false, reason: 'unavailable' });

    const silent = uniqueName('test.rpc.silent');
    const sub = nc.subscribe(silent, { callback: () => undefined });
    const q = createNatsTokenProvider(nc, { subject: silent, timeoutMs: 200 });
    expect(await q.getToken('firm-4')).toMatchObject({ ok: false, reason: 'unavailable' });
    sub.unsubscribe();

    const garbled = uniqueName('test.rpc.garbled');
    const sub2 = nc.subscribe(garbled, { callback: (_e, m) => void m.respond('{"ok":true,"accessToken":1}') });
    const r = createNatsTokenProvider(nc, { subject: garbled, timeoutMs: 500 });
    expect(await r.getToken('firm-4')).toEqual({
      ok: false,
      reason: 'unavailable',
      message: 'auth service sent an unreadable reply',
    });
    sub2.unsubscribe();
  });
});
